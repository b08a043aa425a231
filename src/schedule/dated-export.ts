import { mkdir, readdir, rmdir } from "node:fs/promises";
import { join } from "node:path";
import { authSession, createClient, storePath } from "../context.js";
import type { Settings } from "../config/settings.js";
import { AuthError } from "../errors.js";
import type { FetchProgress } from "../sync/progress.js";
import { runExport, type ExportSummary } from "../export/run-export.js";
import { lastExport } from "../store/index.js";
import type { ClientEvent } from "../trakt/index.js";
import { withLockedStore } from "../export/export-lock.js";

export interface DatedExportOptions {
  settings: Settings;
  /** The folder that holds one dated folder per export. */
  root: string;
  incremental: boolean;
  /** Names the dated folder. Default Date.now. */
  now?: () => number;
  onProgress?: (progress: FetchProgress) => void;
  onClientEvent?: (event: ClientEvent) => void;
}

export interface DatedExport {
  /** The dated folder; removed again when an incremental export found nothing new. */
  dir: string;
  summary: ExportSummary;
  /** The store's record of this export; undefined when nothing was written. */
  exportId: number | undefined;
}

/**
 * The logged-in user's export into a new folder `<root>/<UTC time>/`, holding the data
 * folder's export lock. The real export (`runExport`) does the work; this only picks
 * the folder and the store.
 */
export async function exportToDatedFolder(options: DatedExportOptions): Promise<DatedExport> {
  const { settings } = options;
  const session = authSession(settings);
  if (!(await session.current())) throw new AuthError("not-logged-in", "Not logged in to Trakt; connect on the page or run `trakt-letterboxd auth` first.");
  const client = createClient(settings, { session, onEvent: options.onClientEvent });
  return withLockedStore(settings.home, storePath(settings), async (store) => {
    const dir = await newDatedFolder(options.root, (options.now ?? Date.now)());
    try {
      const summary = await runExport({
        client,
        store,
        incremental: options.incremental,
        timeZone: settings.timeZone,
        timeZoneSetting: settings.timeZoneSetting,
        tags: settings.tags,
        bulkPlays: settings.bulkPlays,
        outDir: dir,
        maxFileBytes: settings.maxFileBytes,
        onProgress: options.onProgress,
      });
      if (summary.files.length === 0) await removeIfEmpty(dir);
      return { dir, summary, exportId: summary.nothingNew ? undefined : lastExport(store)?.id };
    } catch (error) {
      await removeIfEmpty(dir);
      throw error;
    }
  });
}

/** `2026-05-01T03-00-00Z` (`…Z-SUFFIX` with a suffix), with `-2`, `-3`… when two exports fall in one second. */
export async function newDatedFolder(root: string, now: number, suffix?: string): Promise<string> {
  await mkdir(root, { recursive: true });
  const base = new Date(now).toISOString().replace(/\.\d+Z$/, "Z").replaceAll(":", "-") + (suffix ? `-${suffix}` : "");
  for (let n = 1; ; n++) {
    const dir = join(root, n === 1 ? base : `${base}-${n}`);
    try {
      await mkdir(dir);
      return dir;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
  }
}

/** Removes `dir` when nothing was written into it (a failed or empty export). */
export async function removeIfEmpty(dir: string): Promise<void> {
  const entries = await readdir(dir).catch(() => ["?"]);
  if (entries.length === 0) await rmdir(dir).catch(() => {});
}
