import { join } from "node:path";
import type { TimeZoneSetting } from "../config/settings.js";
import { isKnownZone, systemTimeZone } from "../config/time-zone.js";
import { UsageError } from "../errors.js";
import {
  buildLetterboxdExport,
  bulkDaysIn,
  csvParts,
  DEFAULT_BULK_PLAYS,
  filmsOf,
  letterboxdCsvFiles,
  titleOnlyFilmsOf,
  writeExportFiles,
  type BulkPlaysOptions,
  type CsvFile,
  type Film,
  type FileKind,
  type LetterboxdExport,
  type LetterboxdExportOptions,
} from "../letterboxd/index.js";
import { buildShowRows, showsCsvFile, type ApiEpisodePlay, type ApiShowRating } from "../letterboxd/shows.js";
import type { Library } from "../letterboxd/library.js";
import { loadLibrary, readExportedState, storedShows, type ExportedState, type Store } from "../store/index.js";
import { syncShows, syncStore } from "../sync/index.js";
import type { TraktClient } from "../trakt/index.js";
import { withoutWhatLetterboxdHas, type LetterboxdFilter } from "../letterboxd/compare-letterboxd.js";
import type { LetterboxdAccount } from "../letterboxd/letterboxd-account.js";
import { SKIPPED_KINDS, type SkippedCounts } from "../sync/film-items.js";
import type { FetchKind, FetchProgress } from "../sync/progress.js";
import { hasNoRows, recordExport, selectIncremental, type RecordExportOptions } from "./incremental.js";
import { aliasesForMatching, type AliasSource } from "./letterboxd-aliases.js";

export const EXPORT_KINDS: readonly FileKind[] = ["diary", "ratings", "watchlist", "lists"];

export interface ExportOptions {
  client: TraktClient;
  /** The local store: synced first, then the export is built from it. */
  store: Store;
  /** A public profile to export with only a client id; undefined = the logged-in user. */
  user?: string;
  /** A zone chosen by the user (flag, environment, config); undefined = the account's, else the system's. */
  timeZone?: string;
  /** Which setting chose `timeZone` (for the summary). */
  timeZoneSetting?: TimeZoneSetting;
  tags: readonly string[];
  /** Plays of bulk "mark as watched" instants (`--bulk-plays`, `--bulk-threshold`). Default dated, 10 films. */
  bulkPlays?: BulkPlaysOptions;
  /** Which files to write. Default all four kinds. */
  only?: readonly FileKind[];
  /** Only what no earlier export from this store wrote (CONTRACT.md "Incremental exports"). */
  incremental?: boolean;
  outDir: string;
  maxFileBytes: number;
  /** Sync and report, write no file and record no export. */
  dryRun?: boolean;
  /** Also sync episode plays and show ratings and write `shows.csv` (not importable as is). */
  includeShows?: boolean;
  /** The member's Letterboxd export: what it already has is left out (`--letterboxd`). */
  letterboxd?: LetterboxdAccount;
  onProgress?: (progress: FetchProgress) => void;
  /** Stops the sync between pages (what was stored stays) and the export before it writes (Ctrl+C). */
  signal?: AbortSignal;
}

export type TimeZoneSource = "settings" | "account" | "system";

export interface ExportSummary {
  user: string | undefined;
  kind: "full" | "incremental";
  timeZone: string;
  timeZoneSource: TimeZoneSource;
  /** With timeZoneSource "settings": which setting chose the zone, when known. */
  timeZoneSetting?: TimeZoneSetting;
  outDir: string;
  dryRun: boolean;
  /** True for an incremental export that found nothing new (no file written). */
  nothingNew: boolean;
  /** Files written (or, with dryRun, that would be written), in the order Letterboxd wants them uploaded. */
  files: { name: string; path: string; rows: number; bytes: number }[];
  /** What the store holds after the sync. */
  counts: { films: number; plays: number; ratings: number; reviews: number; watchlist: number; lists: number };
  /** Films in the files written (with dryRun: that would be written), shows.csv aside; 0 when nothing new. */
  filmsWritten: number;
  /** Films with neither an IMDb nor a TMDb id in the files: Letterboxd matches them by title, year and director only. */
  titleOnlyFilms: { title: string; year: number | null; traktId: number; directors: string[]; originalTitle?: string }[];
  warnings: string[];
  /**
   * Days holding a bulk "mark as watched" instant (`threshold` films or more at one
   * time), oldest first, and how their plays were written; an incremental export names
   * only the days it writes plays of.
   */
  bulkPlays: BulkPlaysOptions & { days: { date: string; films: number }[] };
  /** Entries left out, per kind, because they came without a usable film (Trakt's "ghost" rows). */
  skipped: SkippedCounts;
  /** What was wrong with the first skipped entry of each kind (from Trakt's API; a file's rows have none). */
  skippedReasons: Partial<Record<keyof SkippedCounts, string>>;
  /** With `--letterboxd`: what was left out because Letterboxd has it, and which side's rating stands where they differ. */
  letterboxd?: LetterboxdFilter;
  /** HTTP requests this export sent to Trakt. */
  requests: number;
  /** Milliseconds spent syncing with Trakt (network and store writes), building the rows (store read and mapping), and writing the files. */
  timings: { syncMs: number; buildMs: number; writeMs: number };
}

/**
 * An export: sync the store with Trakt (only what moved), build the Letterboxd rows
 * from the whole stored library, keep what is new when incremental, write the files
 * as one set, and only then record what they hold. Knows nothing of terminals.
 */
export async function runExport(options: ExportOptions): Promise<ExportSummary> {
  // Episode plays are read from /sync/history/episodes: one's own account only.
  if (options.includeShows && options.user !== undefined) {
    throw new UsageError("--include-shows exports your own account's shows: it cannot be combined with --user.");
  }
  const requestsBefore = options.client.stats.requests;
  const skippedBefore = new Map([...options.client.stats.skipped].map(([kind, { count }]) => [kind, count]));
  const clock = stopwatch();

  // A full export re-reads the whole history so the store mirrors Trakt exactly; an
  // incremental one trusts the head scan (one page for a week of watching).
  const sync = await syncStore({
    client: options.client,
    store: options.store,
    user: options.user,
    kinds: fetchKindsFor(options.only ?? EXPORT_KINDS),
    whole: !options.incremental,
    signal: options.signal,
    onProgress: options.onProgress,
  });
  if (options.includeShows) await syncShows({ client: options.client, store: options.store, activities: sync.activities });
  const syncMs = clock();

  const { summary, written } = await writeLetterboxd({
    ...options,
    library: () => loadLibrary(options.store),
    accountZone: sync.timeZone,
    shows: options.includeShows ? () => storedShows(options.store) : undefined,
    exported: options.incremental ? readExportedState(options.store) : undefined,
    aliases: { store: options.store, client: options.client, signal: options.signal },
  });
  if (written !== undefined) recordExport(options.store, written);
  const skipped: SkippedCounts = {};
  const skippedReasons: ExportSummary["skippedReasons"] = {};
  for (const kind of SKIPPED_KINDS) {
    const now = options.client.stats.skipped.get(kind);
    const count = (now?.count ?? 0) - (skippedBefore.get(kind) ?? 0);
    if (now === undefined || count <= 0) continue;
    skipped[kind] = count;
    skippedReasons[kind] = now.reason;
  }
  return { ...summary, skipped, skippedReasons, requests: options.client.stats.requests - requestsBefore, timings: { ...summary.timings, syncMs } };
}

/** What writeLetterboxd shares with an export's options: what to write, where and how. */
type WriteChoices = Pick<ExportOptions, "user" | "timeZone" | "timeZoneSetting" | "tags" | "bulkPlays" | "only" | "letterboxd" | "outDir" | "maxFileBytes" | "dryRun">;

export interface WriteLetterboxdOptions extends WriteChoices {
  /** Read when the build starts (its time counts as building). */
  library: () => Library;
  /** The account's zone (`/users/settings`), if known. */
  accountZone: string | null;
  /** What earlier exports wrote: set for an incremental export. */
  exported?: ExportedState;
  /** With `letterboxd`: where Trakt's aliases of films it names otherwise come from (none without). */
  aliases?: AliasSource;
  /** Episode plays and show ratings for `shows.csv`; undefined writes no shows file. */
  shows?: () => { plays: Iterable<ApiEpisodePlay>; ratings: Iterable<ApiShowRating> };
  /** Checked before any file is written: an interrupted export writes nothing. */
  signal?: AbortSignal;
}

/** Each call returns the milliseconds since the previous one. */
function stopwatch(): () => number {
  let last = performance.now();
  return () => {
    const now = performance.now();
    const elapsed = now - last;
    last = now;
    return Math.round(elapsed);
  };
}

/**
 * Builds the Letterboxd rows from a library (the store's, or a backup's for
 * `export --from`), keeps what is new when incremental, and writes the files as one
 * set. Returns the summary (requests 0) and, when files were written, what to record.
 */
export async function writeLetterboxd(options: WriteLetterboxdOptions): Promise<{ summary: ExportSummary; written: RecordExportOptions | undefined }> {
  const only = options.only ?? EXPORT_KINDS;
  const kind = options.exported ? "incremental" : "full";
  const warnings: string[] = [];
  const clock = stopwatch();
  const { timeZone, source } = resolveTimeZone(options, options.accountZone, warnings);

  const bulkPlays = options.bulkPlays ?? DEFAULT_BULK_PLAYS;
  const { full, counts, ratedAt } = buildRows(options.library, { timeZone, tags: options.tags, bulkPlays });
  warnings.push(...full.warnings);
  let rows = options.exported ? selectIncremental(full, options.exported) : full;
  let letterboxd: LetterboxdFilter | undefined;
  if (options.letterboxd !== undefined) {
    const matching = options.aliases ? await aliasesForMatching(rows, options.letterboxd, options.aliases) : undefined;
    warnings.push(...(matching?.warnings ?? []));
    const filtered = withoutWhatLetterboxdHas(rows, options.letterboxd, ratedAt, { aliases: matching?.aliases, aliasesNotFetched: matching?.notFetched });
    // Bulk days are named only where a row left stands for their plays, as for an incremental export.
    rows = { ...filtered.rows, bulkDays: bulkDaysIn(rows.bulkDays, filtered.rows.diary) };
    letterboxd = filtered.filter;
  }
  const chosen = onlyKinds(rows, only);

  const files = letterboxdCsvFiles(chosen);
  const nothingNew = options.exported !== undefined && hasNoRows(chosen);
  // With nothing new no file at all is written (CONTRACT.md "Incremental exports"), shows.csv included.
  const shows = nothingNew ? undefined : options.shows?.();
  if (shows !== undefined) files.push(showsCsvFile(buildShowRows(shows.plays, shows.ratings, { timeZone })));
  const buildMs = clock();
  options.signal?.throwIfAborted();
  let written: ExportSummary["files"];
  let record: RecordExportOptions | undefined;
  if (options.dryRun) {
    written = plannedFiles(options.outDir, files, options.maxFileBytes);
  } else if (nothingNew) {
    // Nothing is written and nothing removed: files of an earlier export there may not be uploaded yet.
    written = [];
  } else {
    // The folder holds exactly this export: earlier files of these kinds go.
    // shows.csv goes too unless --only limits the export to other files.
    const staleKinds: FileKind[] = options.shows !== undefined || options.only === undefined ? [...only, "shows"] : [...only];
    written = await writeExportFiles(options.outDir, files, { maxFileBytes: options.maxFileBytes, staleKinds });
    record = { kind, letterboxd: chosen, files: written, only };
  }
  const writeMs = clock();

  const summary: ExportSummary = {
    user: options.user,
    kind,
    timeZone,
    timeZoneSource: source,
    ...(source === "settings" && options.timeZoneSetting ? { timeZoneSetting: options.timeZoneSetting } : {}),
    outDir: options.outDir,
    dryRun: options.dryRun === true,
    nothingNew,
    files: written.map(({ name, path, rows, bytes }) => ({ name, path, rows, bytes })),
    counts,
    filmsWritten: nothingNew ? 0 : filmsOf(chosen).size,
    // Of the files written: worked out after every narrowing (incremental, --letterboxd, --only).
    titleOnlyFilms: titleOnlyFilmsOf(chosen).map(describeFilm),
    warnings,
    bulkPlays: { ...bulkPlays, days: chosen.bulkDays.map(({ date, films }) => ({ date, films })) },
    skipped: {},
    skippedReasons: {},
    ...(letterboxd ? { letterboxd } : {}),
    requests: 0,
    timings: { syncMs: 0, buildMs, writeMs },
  };
  return { summary, written: record };
}

/**
 * The rows, and the library's counts. The library (100K plays) is dropped here, before
 * the files are rendered, so the two never share the heap.
 */
function buildRows(load: () => Library, options: LetterboxdExportOptions): { full: LetterboxdExport; counts: ExportSummary["counts"]; ratedAt: Map<number, string> } {
  const library = load();
  const ratedAt = new Map(library.ratings.map((rating) => [rating.traktId, rating.ratedAt]));
  const counts = {
    films: library.films.size,
    plays: library.plays.length,
    ratings: library.ratings.length,
    reviews: library.reviews.length,
    watchlist: library.watchlist.length,
    lists: library.lists.length,
  };
  return { full: buildLetterboxdExport(library, options), counts, ratedAt };
}

export function resolveTimeZone(options: { timeZone?: string; user?: string }, accountZone: string | null, warnings: string[]): { timeZone: string; source: TimeZoneSource } {
  if (options.timeZone) return { timeZone: options.timeZone, source: "settings" };
  if (accountZone && isKnownZone(accountZone)) return { timeZone: accountZone, source: "account" };
  if (accountZone) {
    warnings.push(`Your Trakt account's time zone "${accountZone}" is unknown here; dates use the system's. Set --timezone to choose.`);
  } else if (options.user !== undefined) {
    // Trakt does not show another user's time zone.
    warnings.push(`Dates use this computer's time zone (${systemTimeZone()}); pass --timezone if ${options.user} lives elsewhere.`);
  }
  return { timeZone: systemTimeZone(), source: "system" };
}

/** What each file needs: a review's place depends on plays and ratings, so diary and ratings need all three. */
function fetchKindsFor(only: readonly FileKind[]): Set<FetchKind> {
  const kinds = new Set<FetchKind>(["directors"]);
  if (only.includes("diary") || only.includes("ratings")) for (const k of ["history", "ratings", "reviews"] as const) kinds.add(k);
  if (only.includes("watchlist")) kinds.add("watchlist");
  if (only.includes("lists")) kinds.add("lists");
  return kinds;
}

/** The export with the kinds `--only` leaves out emptied (so they are neither written nor recorded). */
function onlyKinds(letterboxd: LetterboxdExport, only: readonly FileKind[]): LetterboxdExport {
  return {
    ...letterboxd,
    diary: only.includes("diary") ? letterboxd.diary : [],
    bulkDays: only.includes("diary") ? letterboxd.bulkDays : [],
    ratings: only.includes("ratings") ? letterboxd.ratings : [],
    watchlist: only.includes("watchlist") ? letterboxd.watchlist : [],
    lists: only.includes("lists") ? letterboxd.lists : [],
  };
}

function plannedFiles(outDir: string, files: readonly CsvFile[], maxFileBytes: number): ExportSummary["files"] {
  const planned: ExportSummary["files"] = [];
  for (const file of files) {
    for (const part of csvParts(file.name, file.header, file.records, maxFileBytes)) {
      planned.push({ name: file.name, path: join(outDir, part.fileName), rows: part.rows, bytes: part.bytes });
    }
  }
  return planned;
}

function describeFilm(film: Film) {
  return { title: film.title, year: film.year, traktId: film.traktId, directors: film.directors ?? [], ...(film.originalTitle ? { originalTitle: film.originalTitle } : {}) };
}
