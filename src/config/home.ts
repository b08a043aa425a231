/**
 * The data folder: where it is, and which entries in it are its own. Light on imports:
 * the command line checks output paths against it before loading anything else.
 */
import { isAbsolute, relative, sep } from "node:path";
import envPaths from "env-paths";

function defaultHome(): string {
  return envPaths("trakt-letterboxd", { suffix: "" }).config;
}

/** The data folder (`--home`, else TRAKT_LETTERBOXD_HOME, else the platform's), and which of them chose it. */
export function resolveHome(env: NodeJS.ProcessEnv, flagHome: string | undefined): { home: string; source: string } {
  if (flagHome !== undefined) return { home: flagHome, source: "--home" };
  const fromEnv = env.TRAKT_LETTERBOXD_HOME?.trim();
  if (fromEnv) return { home: fromEnv, source: "TRAKT_LETTERBOXD_HOME" };
  return { home: defaultHome(), source: "The data folder" };
}

/**
 * The data folder's own entries, as the modules that write them name them (context.ts,
 * export-lock.ts, schedule-file.ts, the web page's uploads): config, login, stores, the
 * export lock, the schedule and its log. Side files share the name: `store.sqlite-wal`,
 * `token.json.lock`.
 */
const OWN_ENTRIES = ["config.toml", "token.json", "store.sqlite", "profiles", "export-lock.sqlite", "export-lock.pid", "schedule.json", "schedule-log.jsonl", "uploads"];

/**
 * The data folder's own entry that `path` is or lies in ("" for the data folder itself),
 * or undefined when it is outside them (elsewhere, or e.g. `exports/`). Give both paths
 * resolved the same way.
 */
export function dataFolderEntryOf(home: string, path: string): string | undefined {
  const rel = relative(home, path);
  if (rel === "") return "";
  if (rel.startsWith("..") || isAbsolute(rel)) return undefined;
  const first = rel.split(sep)[0] ?? "";
  return OWN_ENTRIES.some((entry) => first === entry || first.startsWith(`${entry}-`) || first.startsWith(`${entry}.`)) ? first : undefined;
}
