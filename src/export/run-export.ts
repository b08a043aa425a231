import { join } from "node:path";
import { systemTimeZone } from "../config/time-zone.js";
import {
  buildLetterboxdExport,
  letterboxdCsvFiles,
  splitCsv,
  writeExportFiles,
  type CsvFile,
  type Film,
  type FileKind,
} from "../letterboxd/index.js";
import { getUserSettings, type TraktClient } from "../trakt/index.js";
import { fetchLibrary, type FetchKind, type FetchProgress } from "./fetch-library.js";

export const EXPORT_KINDS: readonly FileKind[] = ["diary", "ratings", "watchlist", "lists"];

export interface ExportOptions {
  client: TraktClient;
  /** A public profile to export with only a client id; undefined = the logged-in user. */
  user?: string;
  /** A zone chosen by the user (flag, environment, config); undefined = the account's, else the system's. */
  timeZone?: string;
  tags: readonly string[];
  /** Which files to write. Default all four kinds. */
  only?: readonly FileKind[];
  outDir: string;
  maxFileBytes: number;
  /** Fetch and report, write nothing. */
  dryRun?: boolean;
  onProgress?: (progress: FetchProgress) => void;
  /** Told once the time zone is known, before the long fetch. */
  onTimeZone?: (zone: string, source: TimeZoneSource) => void;
}

export type TimeZoneSource = "settings" | "account" | "system";

export interface ExportSummary {
  user: string | undefined;
  timeZone: string;
  timeZoneSource: TimeZoneSource;
  outDir: string;
  dryRun: boolean;
  /** Files written (or, with dryRun, that would be written), in the order Letterboxd wants them uploaded. */
  files: { name: string; path: string; rows: number; bytes: number }[];
  counts: { films: number; plays: number; ratings: number; reviews: number; watchlist: number; lists: number };
  /** Films with neither an IMDb nor a TMDb id: Letterboxd matches them by title, year and director only. */
  titleOnlyFilms: { title: string; year: number | null; traktId: number; directors: string[] }[];
  warnings: string[];
  requests: number;
}

/**
 * A full export: fetch what the chosen files need, map it, write the files as one set.
 * The library code of the `export` command; it knows nothing of terminals.
 */
export async function runExport(options: ExportOptions): Promise<ExportSummary> {
  const only = options.only ?? EXPORT_KINDS;
  const warnings: string[] = [];
  const { timeZone, source } = await resolveTimeZone(options, warnings);
  options.onTimeZone?.(timeZone, source);

  const library = await fetchLibrary({ client: options.client, user: options.user, kinds: fetchKindsFor(only), onProgress: options.onProgress });
  const letterboxd = buildLetterboxdExport(library, { timeZone, tags: options.tags });
  warnings.push(...letterboxd.warnings);

  const files = letterboxdCsvFiles(letterboxd).filter((file) => only.includes(kindOf(file)));
  const written = options.dryRun
    ? plannedFiles(options.outDir, files, options.maxFileBytes)
    : await writeExportFiles(options.outDir, files, { maxFileBytes: options.maxFileBytes, staleKinds: only });

  return {
    user: options.user,
    timeZone,
    timeZoneSource: source,
    outDir: options.outDir,
    dryRun: options.dryRun === true,
    files: written.map(({ name, path, rows, bytes }) => ({ name, path, rows, bytes })),
    counts: {
      films: library.films.size,
      plays: library.plays.length,
      ratings: library.ratings.length,
      reviews: library.reviews.length,
      watchlist: library.watchlist.length,
      lists: library.lists.length,
    },
    titleOnlyFilms: letterboxd.titleOnlyFilms.map(describeFilm),
    warnings,
    requests: options.client.stats.requests,
  };
}

async function resolveTimeZone(options: ExportOptions, warnings: string[]): Promise<{ timeZone: string; source: TimeZoneSource }> {
  if (options.timeZone) return { timeZone: options.timeZone, source: "settings" };
  if (options.user === undefined) {
    const settings = await getUserSettings(options.client);
    const zone = settings.account?.timezone;
    if (zone && isKnownZone(zone)) return { timeZone: zone, source: "account" };
    if (zone) warnings.push(`Your Trakt account's time zone "${zone}" is unknown here; dates use the system's. Set --timezone to choose.`);
  } else {
    // Trakt does not show another user's time zone.
    warnings.push(`Dates use this computer's time zone (${systemTimeZone()}); pass --timezone if ${options.user} lives elsewhere.`);
  }
  return { timeZone: systemTimeZone(), source: "system" };
}

function isKnownZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** What each file needs: a review's place depends on plays and ratings, so diary and ratings need all three. */
function fetchKindsFor(only: readonly FileKind[]): Set<FetchKind> {
  const kinds = new Set<FetchKind>(["directors"]);
  if (only.includes("diary") || only.includes("ratings")) for (const k of ["history", "ratings", "reviews"] as const) kinds.add(k);
  if (only.includes("watchlist")) kinds.add("watchlist");
  if (only.includes("lists")) kinds.add("lists");
  return kinds;
}

function kindOf(file: CsvFile): FileKind {
  return file.name.startsWith("lists/") ? "lists" : (file.name as FileKind);
}

function plannedFiles(outDir: string, files: readonly CsvFile[], maxFileBytes: number) {
  return files.flatMap((file) =>
    splitCsv(file.name, file.header, file.records, maxFileBytes).map((part) => ({
      name: file.name,
      path: join(outDir, part.fileName),
      rows: part.rows,
      bytes: part.bytes,
    })),
  );
}

function describeFilm(film: Film) {
  return { title: film.title, year: film.year, traktId: film.traktId, directors: film.directors ?? [] };
}
