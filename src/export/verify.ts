/**
 * `verify`: after an import, does Letterboxd hold the Trakt library? The Trakt side is
 * the data folder's store or a file (`--from`: a backup or Trakt's data export), built
 * into the rows a full export would write; the Letterboxd side is the member's own
 * export. No network. With `outDir`, the rows Letterboxd lacks are written as import
 * files, so the fix is one more upload.
 */
import { buildLetterboxdExport, letterboxdCsvFiles, writeExportFiles, type BulkPlaysOptions } from "../letterboxd/index.js";
import { compareWithLetterboxd, type LetterboxdComparison } from "../letterboxd/compare-letterboxd.js";
import { readLetterboxdExport } from "../letterboxd-export/read-letterboxd-export.js";
import { loadLibrary, readAccount, type Store } from "../store/index.js";
import { storeOfFile } from "./from-file.js";
import { resolveTimeZone, type TimeZoneSource } from "./run-export.js";

export interface VerifyOptions {
  /** The member's Letterboxd export, zip or folder. */
  letterboxd: string;
  /** The Trakt side: the data folder's store, or `from` (a backup or Trakt's data export). */
  store?: Store;
  from?: string;
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
  /** True when Letterboxd holds everything (exit 0). */
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
    const comparison = compareWithLetterboxd(rows, letterboxd);
    const { missing, ...report } = comparison;
    let files: VerifySummary["files"] = [];
    if (options.outDir !== undefined) {
      const written = await writeExportFiles(options.outDir, letterboxdCsvFiles({ ...missing, lists: [] }), { maxFileBytes: options.maxFileBytes, staleKinds: ["diary", "ratings", "watchlist"] });
      files = written.map(({ name, path, rows: count, bytes }) => ({ name, path, rows: count, bytes }));
    }
    return { ...report, letterboxd: options.letterboxd, timeZone, timeZoneSource: source, clean: comparison.films.length === 0, files, warnings: [...warnings, ...rows.warnings] };
  } finally {
    file?.store.close();
  }
}
