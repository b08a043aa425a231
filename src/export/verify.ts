/**
 * `verify`: after an import, does Letterboxd hold the Trakt library? The Trakt side is
 * the data folder's store or a file (`--from`: a backup or Trakt's data export), built
 * into the rows a full export would write; the Letterboxd side is the member's own
 * export. The network only with a `client`, for the aliases of films the titles and
 * years cannot place (letterboxd-aliases.ts). With `outDir`, the rows Letterboxd surely
 * lacks are written as import files, so the fix is one more upload.
 */
import { buildLetterboxdExport, letterboxdCsvFiles, writeExportFiles, type BulkPlaysOptions, type Film, type Review } from "../letterboxd/index.js";
import { compareWithLetterboxd, isDifference, reviewsLetterboxdHas, type LetterboxdComparison } from "../letterboxd/compare-letterboxd.js";
import { readLetterboxdExport } from "../letterboxd-export/read-letterboxd-export.js";
import { loadLibrary, readAccount, type Store } from "../store/index.js";
import type { TraktClient } from "../trakt/index.js";
import { storeOfFile } from "./from-file.js";
import { aliasesForMatching } from "./letterboxd-aliases.js";
import { resolveTimeZone, type TimeZoneSource } from "./run-export.js";

export interface VerifyOptions {
  /** The member's Letterboxd export, zip or folder. */
  letterboxd: string;
  /** The Trakt side: the data folder's store, or `from` (a backup or Trakt's data export). */
  store?: Store;
  from?: string;
  /**
   * Asks Trakt for the aliases of films not placed by title and year that the store's
   * cache lacks (a few requests), and caches them there. Undefined: offline, the cache
   * alone (a warning says when that may leave films unplaced). Not used with `from`.
   */
  client?: TraktClient;
  /** As for an export: the zone the diary dates were written in. */
  timeZone?: string;
  tags: readonly string[];
  /** As for an export: bulk "mark as watched" plays imported undated are no missing diary entry. */
  bulkPlays?: BulkPlaysOptions;
  /** Write the fix files here. */
  outDir?: string;
  maxFileBytes: number;
}

export interface VerifySummary extends Omit<LetterboxdComparison, "missing"> {
  letterboxd: string;
  timeZone: string;
  timeZoneSource: TimeZoneSource;
  /**
   * True when Letterboxd surely lacks nothing (exit 0): films that could not be placed
   * (unsure, not found with neither an IMDb nor a TMDb id, or not found while the aliases
   * that could place them were not fetched) are reported but do not count. Lists and
   * reviews are not compared.
   */
  clean: boolean;
  /** The fix files written (with `outDir`). */
  files: { name: string; path: string; rows: number; bytes: number }[];
  warnings: string[];
}

export async function runVerify(options: VerifyOptions): Promise<VerifySummary> {
  const letterboxd = await readLetterboxdExport(options.letterboxd);
  const file = options.store === undefined && options.from !== undefined ? await storeOfFile(options.from) : undefined;
  const store = options.store ?? file?.store;
  if (store === undefined) throw new Error("runVerify needs a store or a file");
  try {
    const warnings: string[] = [];
    const accountZone = file ? file.loaded.timeZone : (readAccount(store)?.timeZone ?? null);
    const { timeZone, source } = resolveTimeZone(options, accountZone, warnings);
    const rows = buildLetterboxdExport(loadLibrary(store), { timeZone, tags: options.tags, bulkPlays: options.bulkPlays });
    const client = file ? undefined : options.client;
    const { aliases, warnings: aliasWarnings, notFetched } = await aliasesForMatching(rows, letterboxd, { store, client, offline: file ? "verify --from reads a file, offline" : "no Trakt login" });
    const matching = { aliases, aliasesNotFetched: notFetched };
    const { missing, ...report } = compareWithLetterboxd(rows, letterboxd, matching);
    const differences = report.films.filter(isDifference);
    let files: VerifySummary["files"] = [];
    if (options.outDir !== undefined) {
      // Only what Letterboxd surely lacks: rows of a film that could not be placed would fix nothing.
      // In the rows' own order (diary by date, watchlist by rank), as an export writes them.
      const fix = new Set(differences.map((problem) => problem.film.traktId));
      const ofFix = <R extends { film: { traktId: number } }>(all: readonly R[], lacking: readonly R[]) => {
        const lacks = new Set(lacking);
        return all.filter((row) => lacks.has(row) && fix.has(row.film.traktId));
      };
      const withoutHeld = withoutReviewsHeld(reviewsLetterboxdHas(rows, letterboxd, matching));
      const csv = letterboxdCsvFiles({
        diary: ofFix(rows.diary, missing.diary).map(withoutHeld),
        ratings: ofFix(rows.ratings, missing.ratings).map(withoutHeld),
        watchlist: ofFix(rows.watchlist, missing.watchlist),
        lists: [],
      });
      const written = await writeExportFiles(options.outDir, csv, { maxFileBytes: options.maxFileBytes, staleKinds: ["diary", "ratings", "watchlist"] });
      files = written.map(({ name, path, rows: count, bytes }) => ({ name, path, rows: count, bytes }));
    }
    return { ...report, letterboxd: options.letterboxd, timeZone, timeZoneSource: source, clean: differences.length === 0, files, warnings: [...warnings, ...rows.warnings, ...aliasWarnings] };
  } finally {
    file?.store.close();
  }
}

/**
 * A fix row without the review Letterboxd already holds: uploading it would add the
 * review a second time. The row stays: a fix diary row is there for its date, a fix
 * ratings row for its rating (reviews are not compared, so no row is there for its review).
 */
function withoutReviewsHeld(reviewThere: (film: Film, review: Review | null) => boolean) {
  return <R extends { film: Film; review: Review | null }>(row: R): R => (reviewThere(row.film, row.review) ? { ...row, review: null } : row);
}
