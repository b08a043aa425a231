import { existsSync } from "node:fs";
import { join } from "node:path";
import type { Context, Hono } from "hono";
import type { Settings } from "../config/settings.js";
import { storePath } from "../context.js";
import { defaultExportsDir, readingTimeZone, readScheduleConfig } from "../schedule/index.js";
import { openStore, readAccount, type Store } from "../store/index.js";
import type { DeviceLogin } from "./device-login.js";
import type { Safe } from "./html.js";
import { layout, type PageFrame, type PageName } from "./pages/layout.js";
import type { SessionVars } from "./session.js";

export type WebEnv = { Variables: SessionVars };
export type WebRoutes = Hono<WebEnv>;
export type PageContext = Context<WebEnv>;

/** Renders one of the page's pages in the layout, with the session's frame. */
export type RenderPage = (c: PageContext, name: PageName, title: string, body: (frame: PageFrame) => Safe | Promise<Safe>, status?: 200 | 400 | 409 | 502) => Promise<Response>;

/** What the route groups share: the settings, the store, and how a page is framed. */
export interface WebContext {
  settings: Settings;
  /** Where the page's exports, conversions and checks go: `<home>/exports`. */
  exportsDir: string;
  /** Where uploads are streamed to until read: `<home>/uploads`. */
  uploadsDir: string;
  /** The zone every time on the page is shown in (readingTimeZone). */
  timeZone: string;
  page: RenderPage;
  /** Runs `fn` on the store, opened for it and closed after; undefined while there is no store yet. */
  withStore<T>(fn: (store: Store) => T): T | undefined;
  /** Folders whose exports the page may hand out: its own and the schedule's. */
  servedRoots(): Promise<string[]>;
  /** The connected Trakt user: asked of Trakt, else the one the store last saw. */
  username(): Promise<string | undefined>;
}

export function webContext(settings: Settings, login: DeviceLogin): WebContext {
  const exportsDir = defaultExportsDir(settings.home);
  const timeZone = readingTimeZone(settings.timeZone);
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
  const username = async () => login.connectedUser().catch(() => withStore((store) => readAccount(store)?.username));
  return {
    settings,
    exportsDir,
    uploadsDir: join(settings.home, "uploads"),
    timeZone,
    withStore,
    username,
    async servedRoots() {
      const scheduleDir = (await readScheduleConfig(settings.home).catch(() => undefined))?.dir;
      return scheduleDir ? [exportsDir, scheduleDir] : [exportsDir];
    },
    async page(c, name, title, body, status = 200) {
      const frame: PageFrame = { page: name, csrf: c.get("csrf"), username: await username(), timeZone };
      return c.html(layout(frame, title, await body(frame)).text, status);
    },
  };
}
