/**
 * `export --from PATH`: the Letterboxd files from a file, with no network, no login and
 * no client id. The file is either our own backup or Trakt's own data export (any layout,
 * zipped or not), told apart by content. Either is loaded into a store as an online sync
 * would fill it — a store in memory that keeps nothing, or with `incremental` the data
 * folder's — and the rows are built from the store as for an online export, so all
 * sources give the same files.
 */
import { readBackup, backupRoot } from "../backup/read-backup.js";
import { UsageError } from "../errors.js";
import type { TimeZoneSetting } from "../config/settings.js";
import type { BulkPlaysOptions, FileKind } from "../letterboxd/index.js";
import type { LetterboxdAccount } from "../letterboxd/letterboxd-account.js";
import { loadLibrary, openStore, readExportedState, storedShows, type Store } from "../store/index.js";
import { loadBackup } from "../sync/load-backup.js";
import { loadUnlessLoaded, type FileLoadResult } from "../sync/load-shared.js";
import { loadTraktExport } from "../sync/load-trakt-export.js";
import type { FetchProgress } from "../sync/progress.js";
import { openTraktExport } from "../trakt-export/read-export.js";
import { DamagedArchiveError, openArchive, type Archive, type ArchiveLimits } from "../util/archive.js";
import { recordExport } from "./incremental.js";
import { writeLetterboxd, type ExportSummary } from "./run-export.js";

export interface ExportFromFileOptions {
  /** Our backup or Trakt's data export: a zip file or its unzipped folder. */
  from: string;
  /**
   * The data folder's store, for `incremental`: the file is loaded into it (same
   * account only) and only what no earlier export from it wrote is written.
   * Undefined: a store in memory, forgotten after the run.
   */
  store?: Store;
  incremental?: boolean;
  /** A zone chosen by the user; undefined = the account's as the file records it, else the system's. */
  timeZone?: string;
  /** Which setting chose `timeZone` (for the summary). */
  timeZoneSetting?: TimeZoneSetting;
  tags: readonly string[];
  /** Plays of bulk "mark as watched" instants (`--bulk-plays`). Default dated, 10 films. */
  bulkPlays?: BulkPlaysOptions;
  only?: readonly FileKind[];
  includeShows?: boolean;
  outDir: string;
  maxFileBytes: number;
  dryRun?: boolean;
  /** The member's Letterboxd export: what it already has is left out (`--letterboxd`). */
  letterboxd?: LetterboxdAccount;
  onProgress?: (progress: FetchProgress) => void;
  /** Limits on what a zip may inflate to (tests lower them). */
  archiveLimits?: Partial<ArchiveLimits>;
}

export interface FileExportSummary extends ExportSummary {
  /** What `--from` read. */
  source: { path: string; kind: FileLoadResult["source"]; layout?: FileLoadResult["layout"] };
}

export async function exportFromFile(options: ExportFromFileOptions): Promise<FileExportSummary> {
  if (options.incremental && options.store === undefined) throw new UsageError("An incremental export --from needs the data folder's store.");
  const clock = performance.now();
  const { store, loaded } = options.store ? { store: options.store, loaded: await loadIntoStore(options.from, options.store, options) } : await storeOfFile(options.from, options);
  try {
    const loadMs = Math.round(performance.now() - clock);
    const { summary, written } = await writeLetterboxd({
      library: () => loadLibrary(store),
      accountZone: loaded.timeZone,
      timeZone: options.timeZone,
      timeZoneSetting: options.timeZoneSetting,
      tags: options.tags,
      bulkPlays: options.bulkPlays,
      only: options.only,
      exported: options.incremental ? readExportedState(store) : undefined,
      letterboxd: options.letterboxd,
      aliases: { store, client: undefined, offline: "export --from reads a file, offline" },
      shows: options.includeShows ? () => storedShows(store) : undefined,
      outDir: options.outDir,
      maxFileBytes: options.maxFileBytes,
      dryRun: options.dryRun,
    });
    if (written !== undefined && options.store !== undefined) recordExport(store, written);
    return {
      ...summary,
      warnings: [...loaded.warnings, ...summary.warnings],
      timings: { ...summary.timings, syncMs: loadMs },
      source: { path: options.from, kind: loaded.source, ...(loaded.layout ? { layout: loaded.layout } : {}) },
      skipped: loaded.skipped,
    };
  } finally {
    if (options.store === undefined) store.close();
  }
}

type LoadOptions = Pick<ExportFromFileOptions, "includeShows" | "onProgress" | "archiveLimits">;

/**
 * The library of a file (backup or Trakt export) in a store in memory, for a caller that
 * only reads it (`export --from`, `verify --from`); close the store when done.
 */
export async function storeOfFile(from: string, options: LoadOptions = {}): Promise<{ store: Store; loaded: FileLoadResult }> {
  const store = openStore(":memory:");
  try {
    return { store, loaded: await loadIntoStore(from, store, options) };
  } catch (error) {
    store.close();
    throw error;
  }
}

/** A damaged zip's next step: Trakt's export is downloaded again, a backup made again. */
const BACKUP_REMEDY = "make a new backup with `trakt-letterboxd backup`";
const EITHER_REMEDY = "download Trakt's export again, or for a backup make a new one with `trakt-letterboxd backup`";
const withRemedy =
  (remedy: string) =>
  (error: unknown): never => {
    throw error instanceof DamagedArchiveError ? error.withRemedy(remedy) : error;
  };

/** Loads the file at `from` into `store`, unless it is the file the store loaded last (loadUnlessLoaded). */
async function loadIntoStore(from: string, store: Store, options: LoadOptions): Promise<FileLoadResult> {
  // Before it is open, whether the zip is a backup or Trakt's export is not known.
  const archive = await openArchive(from, options.archiveLimits).catch(withRemedy(EITHER_REMEDY));
  try {
    return await loadUnlessLoaded(store, await archive.fingerprint(), archive.path, options.includeShows === true, () => loadAnyFile(archive, store, options));
  } finally {
    archive.close();
  }
}

async function loadAnyFile(archive: Archive, store: Store, options: LoadOptions): Promise<FileLoadResult> {
  const load = { store, includeShows: options.includeShows, onProgress: options.onProgress };
  const root = backupRoot(archive);
  if (root !== undefined) return loadBackup(await readBackup(archive, root, { shows: options.includeShows }).catch(withRemedy(BACKUP_REMEDY)), archive.path, load);
  const traktExport = await openTraktExport(archive);
  if (traktExport !== undefined) return loadTraktExport(traktExport, load);
  throw new UsageError(
    `${archive.path} is neither Trakt's data export nor a trakt-letterboxd backup: give the ZIP Trakt lets you download (trakt.tv → Settings → Data), or its unzipped folder.`,
  );
}
