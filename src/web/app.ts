import { existsSync } from "node:fs";
import { basename, join } from "node:path";
import { Hono, type Context } from "hono";
import { describeClientEvent, storePath } from "../context.js";
import { describeError } from "../describe-error.js";
import type { Settings } from "../config/settings.js";
import { ExportBusyError } from "../errors.js";
import { defaultExportsDir, exportToDatedFolder, readRunLog, readScheduleConfig, type Clock } from "../schedule/index.js";
import { findExport, listExports, openStore, readAccount, type Store } from "../store/index.js";
import { APP_JS, STYLE_CSS } from "./assets.js";
import { checkRoutes } from "./check-routes.js";
import { Conversions } from "./conversions.js";
import { fileConverter, type ExportConverter } from "./convert-export.js";
import { DeviceLogin } from "./device-login.js";
import { csvDownload, zipDownload } from "./downloads.js";
import { listExport, servedFiles } from "./export-files.js";
import { ExportJobs, type ExportJob, type ExportStarter } from "./export-jobs.js";
import { streamJobEvents } from "./job-events.js";
import { LetterboxdChecks } from "./letterboxd-checks.js";
import { libraryStats } from "./library-stats.js";
import { openRoutes } from "./open-routes.js";
import { connectPage, type ConnectView } from "./pages/connect-page.js";
import { exportPage, jobFragment, pastExports } from "./pages/export-page.js";
import { layout, type PageFrame, type PageName } from "./pages/layout.js";
import { libraryPage } from "./pages/library-page.js";
import { schedulePage, type ScheduleView } from "./pages/schedule-page.js";
import { ScheduleRunner } from "./schedule-runner.js";
import { isLoopback } from "./server.js";
import { PageSessions, loginHandler, requireSession, type SessionVars } from "./session.js";
import type { Safe } from "./html.js";

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
  app: Hono<{ Variables: SessionVars }>;
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

const PAST_EXPORTS = 30;
const LOG_ENTRIES = 20;
const MAX_UPLOAD_BYTES = 1024 ** 3;

/** The local web page: routes over the store, the real export and the schedule. */
export function createWebApp(options: WebAppOptions): WebApp {
  const { settings } = options;
  const sessions = options.sessions ?? new PageSessions();
  const exportsDir = defaultExportsDir(settings.home);
  const startExport: ExportStarter =
    options.startExport ?? (({ kind, root }, hooks) => exportToDatedFolder({ settings, root, incremental: kind === "incremental", onProgress: hooks.onProgress, onClientEvent: hooks.onClientEvent }));
  const jobs = new ExportJobs(startExport, describeError, describeClientEvent);
  const conversions = new Conversions(options.convertExport ?? fileConverter(settings), exportsDir, describeError);
  const checks = new LetterboxdChecks({
    storePath: storePath(settings),
    root: exportsDir,
    verify: { timeZone: settings.timeZone, tags: settings.tags, bulkPlays: settings.bulkPlays, maxFileBytes: settings.maxFileBytes },
  });
  const schedule = new ScheduleRunner(settings.home, jobs, options.clock, options.onLogError);
  const login = new DeviceLogin(settings, describeError);

  /** Folders whose exports the page may hand out: its own and the schedule's. */
  const servedRoots = async (): Promise<string[]> => {
    const scheduleDir = (await readScheduleConfig(settings.home).catch(() => undefined))?.dir;
    return scheduleDir ? [exportsDir, scheduleDir] : [exportsDir];
  };
  const withStore = <T>(fn: (store: Store) => T): T | undefined => {
    const path = storePath(settings);
    if (!existsSync(path)) return undefined;
    const store = openStore(path);
    try {
      return fn(store);
    } finally {
      store.close();
    }
  };
  const username = async (): Promise<string | undefined> => login.connectedUser().catch(() => withStore((store) => readAccount(store)?.username));
  const page = async (c: Context<{ Variables: SessionVars }>, name: PageName, title: string, body: (frame: PageFrame) => Safe | Promise<Safe>, status: 200 | 400 | 409 | 502 = 200) => {
    const frame: PageFrame = { page: name, csrf: c.get("csrf"), username: await username() };
    return c.html(layout(frame, title, await body(frame)).text, status);
  };
  const jobFiles = async (job: ExportJob | undefined) => {
    const id = job?.result?.exportId;
    if (id === undefined) return undefined;
    const roots = await servedRoots();
    return withStore((store) => {
      const record = findExport(store, id);
      return record && listExport(record, roots);
    });
  };

  const app = new Hono<{ Variables: SessionVars }>();
  app.use(async (c, next) => {
    if (options.loopbackOnly !== false && !isLoopback(new URL(c.req.url).hostname)) return c.text("Refused: this page answers only on 127.0.0.1 or localhost.", 403);
    await next();
    c.header("Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
    // Not no-referrer: with it Chrome sends `Origin: null` on form posts. No page URL carries a secret (/login redirects at once).
    c.header("Referrer-Policy", "same-origin");
    c.header("X-Content-Type-Options", "nosniff");
    c.header("Cache-Control", "no-store");
  });
  app.get("/login", loginHandler(sessions));
  app.get("/favicon.ico", (c) => c.body(null, 204));
  app.use(requireSession(sessions));

  app.get("/assets/style.css", (c) => c.body(STYLE_CSS, 200, { "Content-Type": "text/css; charset=utf-8" }));
  app.get("/assets/app.js", (c) => c.body(APP_JS, 200, { "Content-Type": "text/javascript; charset=utf-8" }));
  // Without a client id nobody can connect: the Trakt export is the way in.
  app.get("/", async (c) => c.redirect((await username()) ? "/library" : settings.clientId ? "/connect" : "/open", 303));

  // Connect
  const connectView = async (extra: Partial<ConnectView> = {}): Promise<ConnectView> => {
    let user: string | undefined;
    let error: string | undefined;
    try {
      user = await login.connectedUser();
    } catch (e) {
      error = `Could not check the login with Trakt: ${describeError(e)}`;
    }
    return { username: user, hasClientId: settings.clientId !== undefined, login: login.state, error, ...extra };
  };
  app.get("/connect", async (c) => page(c, "connect", "Connect to Trakt", async (frame) => connectPage(frame, await connectView())));
  app.get("/api/connect", async (c) => c.json(login.state));
  app.post("/connect/start", async (c) => {
    try {
      await login.start();
      return c.redirect("/connect", 303);
    } catch (error) {
      return page(c, "connect", "Connect to Trakt", async (frame) => connectPage(frame, await connectView({ error: describeError(error) })), 502);
    }
  });
  app.post("/connect/logout", async (c) => {
    const warning = await login.logout();
    return page(c, "connect", "Connect to Trakt", async (frame) => connectPage(frame, await connectView({ error: warning, notice: "Logged out." })));
  });

  // Library
  const stats = () => withStore((store) => libraryStats(store, { timeZone: settings.timeZone }));
  app.get("/library", async (c) => {
    const s = stats();
    return page(c, "library", "Your library", () => libraryPage(s && s.totals.films > 0 ? s : undefined));
  });
  app.get("/api/library", (c) => c.json(stats() ?? null));

  // Export
  const pastList = async () => {
    const roots = await servedRoots();
    return withStore((store) => listExports(store, PAST_EXPORTS).map((record) => listExport(record, roots))) ?? [];
  };
  const exportView = async (error?: string) => ({
    connected: (await username()) !== undefined,
    job: jobs.latest,
    jobFiles: await jobFiles(jobs.latest),
    past: await pastList(),
    exportsDir,
    error,
  });
  app.get("/export", async (c) => page(c, "export", "Export to Letterboxd", async (frame) => exportPage(frame, await exportView())));
  app.get("/api/exports", async (c) => c.json(await pastList()));
  app.post("/export/start", async (c) => {
    const kind = (await c.req.parseBody()).kind === "incremental" ? "incremental" : "full";
    try {
      jobs.start(kind, "page", exportsDir);
      return c.redirect("/export", 303);
    } catch (error) {
      if (!(error instanceof ExportBusyError)) throw error;
      return page(c, "export", "Export to Letterboxd", async (frame) => exportPage(frame, await exportView(error.message)), 409);
    }
  });
  app.get("/export/events", (c) =>
    streamJobEvents(c, jobs, async (type, job) => ({
      html: jobFragment(job, await jobFiles(job)).text,
      // At the end, the past exports too: the one just written belongs there without a reload.
      past: type === "progress" ? undefined : pastExports(await pastList()).text,
    })),
  );
  app.get("/exports/:id/files/:n", async (c) => {
    const file = (await servedExport(c.req.param("id")))?.files.find((f) => String(f.index) === c.req.param("n"));
    return file ? csvDownload(c, file) : c.text("No such file.", 404);
  });
  app.get("/exports/:id/zip", async (c) => {
    const served = await servedExport(c.req.param("id"));
    if (served === undefined || served.files.length === 0) return c.text("No such export.", 404);
    return zipDownload(c, served.files, `letterboxd-${basename(served.listed.dir ?? "export")}.zip`);
  });
  /** An export's listing and the files of it the page may hand out. */
  const servedExport = async (param: string) => {
    const id = Number(param);
    if (!Number.isInteger(id)) return undefined;
    const roots = await servedRoots();
    return withStore((store) => {
      const record = findExport(store, id);
      return record && { listed: listExport(record, roots), files: servedFiles(record, roots) };
    });
  };

  // Open a Trakt export
  openRoutes(app, { conversions, uploadsDir: join(settings.home, "uploads"), maxUploadBytes: options.maxUploadBytes ?? MAX_UPLOAD_BYTES, exportsDir, page });

  // Check my Letterboxd import
  checkRoutes(app, { checks, uploadsDir: join(settings.home, "uploads"), maxUploadBytes: options.maxUploadBytes ?? MAX_UPLOAD_BYTES, exportsDir, page });

  // Schedule
  const scheduleView = async (extra: Partial<ScheduleView> = {}): Promise<ScheduleView> => ({
    config: await readScheduleConfig(settings.home),
    nextRun: schedule.nextRun,
    log: await readRunLog(settings.home, LOG_ENTRIES),
    ...extra,
  });
  app.get("/schedule", async (c) => page(c, "schedule", "Schedule", async (frame) => schedulePage(frame, await scheduleView())));
  app.get("/api/schedule", async (c) => c.json({ ...(await scheduleView()), nextRun: schedule.nextRun?.toISOString() ?? null }));
  app.post("/schedule", async (c) => {
    const cron = String((await c.req.parseBody()).cron ?? "").trim();
    const dir = (await readScheduleConfig(settings.home).catch(() => undefined))?.dir ?? exportsDir;
    try {
      await schedule.set({ cron, dir });
    } catch (error) {
      return page(c, "schedule", "Schedule", async (frame) => schedulePage(frame, await scheduleView({ error: describeError(error) })), 400);
    }
    return page(c, "schedule", "Schedule", async (frame) => schedulePage(frame, await scheduleView({ notice: `Saved: incremental exports run on "${cron}".` })));
  });
  app.post("/schedule/off", async (c) => {
    await schedule.set(undefined);
    return page(c, "schedule", "Schedule", async (frame) => schedulePage(frame, await scheduleView({ notice: "The schedule is off." })));
  });

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
