import { DEFAULT_MAX_FILE_BYTES, type Settings } from "../../src/config/settings.js";
import type { WebApp } from "../../src/web/index.js";
import type { ConvertedExport } from "../../src/web/convert-export.js";
import type { E2e } from "../helpers/e2e.js";

/** Settings pointing at the e2e sandbox, as `serve` would load them from its environment. */
export function sandboxSettings(e2e: E2e): Settings {
  return {
    home: e2e.home,
    clientId: e2e.sandbox.clientId,
    clientSecret: e2e.sandbox.clientSecret,
    apiUrl: e2e.sandbox.url,
    authUrl: e2e.sandbox.url,
    timeZone: "UTC",
    tags: [],
    maxFileBytes: DEFAULT_MAX_FILE_BYTES,
    retries: 0,
  };
}

/** A browser's session on the app, through `app.request` (no socket). */
export interface PageClient {
  cookie: string;
  csrf: string;
  get(path: string, headers?: Record<string, string>): Promise<Response>;
  post(path: string, form: Record<string, string>, headers?: Record<string, string>): Promise<Response>;
}

export async function logIn(web: WebApp): Promise<PageClient> {
  const res = await web.app.request(`/login?key=${web.sessions.key}`);
  const cookie = (res.headers.get("set-cookie") ?? "").split(";")[0]!;
  const page = await (await web.app.request("/connect", { headers: { cookie } })).text();
  const csrf = /<meta name="csrf-token" content="([^"]+)">/.exec(page)?.[1] ?? "";
  return {
    cookie,
    csrf,
    get: async (path, headers = {}) => web.app.request(path, { headers: { cookie, ...headers } }),
    post: async (path, form, headers = {}) =>
      web.app.request(path, {
        method: "POST",
        headers: { cookie, "content-type": "application/x-www-form-urlencoded", ...headers },
        body: new URLSearchParams(form).toString(),
      }),
  };
}

/** Server-sent events from a finished stream: `[{event, data}]`. */
export function parseSse(text: string): { event: string; data: string }[] {
  return text
    .split("\n\n")
    .filter((block) => block.trim() !== "")
    .map((block) => {
      const lines = block.split("\n");
      return {
        event: lines.find((l) => l.startsWith("event: "))?.slice(7) ?? "message",
        data: lines.filter((l) => l.startsWith("data: ")).map((l) => l.slice(6)).join("\n"),
      };
    });
}

/** Settings of someone without a Trakt API app: no client id or secret, nothing to reach. */
export function offlineSettings(home: string): Settings {
  return {
    home,
    clientId: undefined,
    clientSecret: undefined,
    apiUrl: "http://127.0.0.1:9",
    authUrl: "http://127.0.0.1:9",
    timeZone: undefined,
    tags: [],
    maxFileBytes: DEFAULT_MAX_FILE_BYTES,
    retries: 0,
  };
}

/** What a scripted converter returns: a full export's summary of `files` in `outDir`, with `overrides`. */
export function convertedSummary(outDir: string, files: ConvertedExport["files"], overrides: Partial<ConvertedExport> = {}): ConvertedExport {
  return {
    user: undefined,
    kind: "full",
    timeZone: "Europe/Berlin",
    timeZoneSource: "account",
    outDir,
    dryRun: false,
    nothingNew: false,
    files,
    counts: { films: 1, plays: 1, ratings: 0, reviews: 0, watchlist: 0, lists: 0 },
    filmsWritten: files.length > 0 ? 1 : 0,
    titleOnlyFilms: [],
    warnings: [],
    bulkPlays: { mode: "dated", threshold: 10, days: [] },
    requests: 0,
    skipped: {},
    skippedReasons: {},
    timings: { syncMs: 0, buildMs: 0, writeMs: 0 },
    ...overrides,
  };
}
