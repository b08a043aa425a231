import { Hono } from "hono";
import type { Settings } from "../config/settings.js";
import { describeClientEvent, loggedInClient, storePath } from "../context.js";
import { describeError } from "../describe-error.js";
import { exportToDatedFolder, type Clock } from "../schedule/index.js";
import { APP_JS, STYLE_CSS } from "./assets.js";
import { checkRoutes } from "./check-routes.js";
import { connectRoutes } from "./connect-routes.js";
import { Conversions } from "./conversions.js";
import { fileConverter, type ExportConverter } from "./convert-export.js";
import { DeviceLogin } from "./device-login.js";
import { exportRoutes } from "./export-routes.js";
import { ExportJobs, type ExportStarter } from "./export-jobs.js";
import { pageGuard } from "./guard.js";
import { LetterboxdChecks } from "./letterboxd-checks.js";
import { libraryRoutes } from "./library-routes.js";
import { openRoutes } from "./open-routes.js";
import { ScheduleRunner } from "./schedule-runner.js";
import { scheduleRoutes } from "./schedule-routes.js";
import { PageSessions, loginHandler, requireSession } from "./session.js";
import { webContext, type WebEnv } from "./web-context.js";

export interface WebAppOptions {
  settings: Settings;
  /** Default: new sessions with a random key. */
  sessions?: PageSessions;
  /** Runs one export. Default: the real export into a dated folder (exportToDatedFolder). */
  startExport?: ExportStarter;
  /**
   * Converts an uploaded Trakt data export into a folder ("Open a Trakt export"). Default: the
   * real one (`exportFromFile`, as `export --from`) with the settings' tags, file size and time zone.
   */
  convertExport?: ExportConverter;
  /** The largest upload "Open a Trakt export" and "Check my Letterboxd import" take, in bytes. Default 1 GiB. */
  maxUploadBytes?: number;
  /** The scheduler's clock. Default: the real one. */
  clock?: Clock;
  /** Refuse requests whose Host is not a loopback name (against DNS rebinding). Default true. */
  loopbackOnly?: boolean;
  /** Where the server's failures to write its run log go. Default: ignored. */
  onLogError?: (error: unknown) => void;
}

export interface WebApp {
  app: Hono<WebEnv>;
  sessions: PageSessions;
  jobs: ExportJobs;
  /** Uploaded Trakt exports being converted. */
  conversions: Conversions;
  /** Uploaded Letterboxd exports compared with the store ("Check my Letterboxd import"). */
  checks: LetterboxdChecks;
  schedule: ScheduleRunner;
  /** Starts the saved schedule; call once the server listens. */
  start(): Promise<void>;
  /** Stops the schedule and waits for an export or a conversion in progress. */
  close(): Promise<void>;
}

const MAX_UPLOAD_BYTES = 1024 ** 3;

/** The local web page: the services behind it, and each page's routes (one file per page) wired behind the session. */
export function createWebApp(options: WebAppOptions): WebApp {
  const { settings } = options;
  const sessions = options.sessions ?? new PageSessions();
  const login = new DeviceLogin(settings, describeError);
  const ctx = webContext(settings, login);
  const maxUploadBytes = options.maxUploadBytes ?? MAX_UPLOAD_BYTES;
  const startExport: ExportStarter =
    options.startExport ?? (({ kind, root, settings: own }, hooks) => exportToDatedFolder({ settings: own ?? settings, root, incremental: kind === "incremental", onProgress: hooks.onProgress, onClientEvent: hooks.onClientEvent }));
  const jobs = new ExportJobs(startExport, describeError, describeClientEvent);
  const conversions = new Conversions(options.convertExport ?? fileConverter(settings), ctx.exportsDir, describeError);
  const checks = new LetterboxdChecks({
    storePath: storePath(settings),
    root: ctx.exportsDir,
    verify: { timeZone: settings.timeZone, tags: settings.tags, bulkPlays: settings.bulkPlays, maxFileBytes: settings.maxFileBytes },
    client: () => loggedInClient(settings),
  });
  const schedule = new ScheduleRunner({ settings, jobs, clock: options.clock, onLogError: options.onLogError });

  const app = new Hono<WebEnv>();
  app.use(pageGuard(options.loopbackOnly !== false));
  app.get("/login", loginHandler(sessions));
  app.get("/favicon.ico", (c) => c.body(null, 204));
  app.use(requireSession(sessions));

  app.get("/assets/style.css", (c) => c.body(STYLE_CSS, 200, { "Content-Type": "text/css; charset=utf-8" }));
  app.get("/assets/app.js", (c) => c.body(APP_JS, 200, { "Content-Type": "text/javascript; charset=utf-8" }));
  // Without a client id nobody can connect: the Trakt export is the way in.
  app.get("/", async (c) => c.redirect((await ctx.username()) ? "/library" : settings.clientId ? "/connect" : "/open", 303));

  connectRoutes(app, ctx, login);
  libraryRoutes(app, ctx);
  exportRoutes(app, ctx, jobs);
  openRoutes(app, ctx, conversions, maxUploadBytes);
  checkRoutes(app, ctx, checks, maxUploadBytes);
  scheduleRoutes(app, ctx, schedule);

  return {
    app,
    sessions,
    jobs,
    conversions,
    checks,
    schedule,
    start: () => schedule.resume(),
    async close() {
      await schedule.stop();
      await Promise.all([jobs.settled(), conversions.settled()]);
    },
  };
}
