/**
 * The member's own Letterboxd data export (LETTERBOXD-IMPORT.md "Letterboxd's own data
 * export"), zip or folder: what Letterboxd already has, for `--letterboxd` and `verify`.
 * Only the root files describe the account (`deleted/` and `orphaned/` reuse the names);
 * `profile.csv` is personal and never read. Columns are found by header name, so extra
 * or reordered columns, CRLF line ends and a BOM do no harm.
 */
import { parse } from "csv-parse/sync";
import { UsageError } from "../errors.js";
import type { LetterboxdAccount, LetterboxdDiaryEntry, LetterboxdEntry, LetterboxdList, LetterboxdRating } from "../letterboxd/letterboxd-account.js";
import { isLitter, openArchive, type Archive } from "../util/archive.js";

const ACCOUNT_FILES = ["diary.csv", "ratings.csv", "watched.csv", "watchlist.csv", "reviews.csv"];

export async function readLetterboxdExport(path: string): Promise<LetterboxdAccount> {
  const archive = await openArchive(path);
  try {
    const root = accountRoot(archive);
    if (root === undefined) {
      throw new UsageError(`${path} is not a Letterboxd data export (no diary.csv, ratings.csv, watched.csv or watchlist.csv): download yours at letterboxd.com → Settings → Data → Export.`);
    }
    const table = async (name: string): Promise<Record<string, string>[]> => {
      if (!archive.names.includes(root + name)) return [];
      return rowsOf(path, name, await archive.read(root + name));
    };
    const [diary, reviews, ratings, watched, watchlist] = await Promise.all([table("diary.csv"), table("reviews.csv"), table("ratings.csv"), table("watched.csv"), table("watchlist.csv")]);
    const listFiles = archive.names.filter((name) => name.startsWith(`${root}lists/`) && name.toLowerCase().endsWith(".csv") && !name.slice(root.length + 6).includes("/"));
    const lists = await Promise.all(listFiles.map(async (name) => readList(path, name.slice(root.length), await archive.read(name))));
    return {
      path,
      diary: diary.map(diaryEntry),
      reviews: reviews.map(diaryEntry),
      ratings: ratings.flatMap((row): LetterboxdRating[] => {
        const rating = ratingOf(row.Rating);
        return rating === null ? [] : [{ ...entry(row), rating }];
      }),
      watched: watched.map(entry),
      watchlist: watchlist.map(entry),
      lists,
    };
  } finally {
    archive.close();
  }
}

/** The folder holding the account's files: the shallowest one with a known file, never `deleted/` or `orphaned/`. */
function accountRoot(archive: Archive): string | undefined {
  const roots = archive.names
    .filter((name) => !isLitter(name) && !name.split("/").some((part) => part === "deleted" || part === "orphaned"))
    .filter((name) => ACCOUNT_FILES.includes(name.slice(name.lastIndexOf("/") + 1).toLowerCase()))
    .map((name) => name.slice(0, name.lastIndexOf("/") + 1))
    .sort((a, b) => a.length - b.length);
  return roots[0];
}

function rowsOf(path: string, name: string, data: Buffer): Record<string, string>[] {
  let rows: Record<string, string>[];
  try {
    rows = parse(data, { bom: true, columns: true, relax_column_count: true, skip_empty_lines: true, trim: false }) as Record<string, string>[];
  } catch (error) {
    throw new UsageError(`${path}: ${name} is not a readable CSV file (${error instanceof Error ? error.message : String(error)}); download your Letterboxd export again.`);
  }
  if (rows.length > 0 && !("Name" in (rows[0] ?? {}))) {
    throw new UsageError(`${path}: ${name} has no Name column, so it is not Letterboxd's export of it; download your Letterboxd export again.`);
  }
  return rows;
}

function entry(row: Record<string, string>): LetterboxdEntry {
  return { name: row.Name ?? "", year: yearOf(row.Year), uri: row["Letterboxd URI"] || null, date: dateOf(row.Date) };
}

function diaryEntry(row: Record<string, string>): LetterboxdDiaryEntry {
  return {
    ...entry(row),
    // A diary row's URI is the entry's (boxd.it/…), not the film's: it cannot tell films apart.
    uri: null,
    watchedDate: dateOf(row["Watched Date"]),
    rating: ratingOf(row.Rating),
    rewatch: (row.Rewatch ?? "").trim().toLowerCase() === "yes",
    tags: (row.Tags ?? "").split(",").map((tag) => tag.trim()).filter(Boolean),
    review: row.Review === undefined ? null : row.Review,
  };
}

/**
 * `lists/<slug>.csv`: `Letterboxd list export v7`, the list's own header and row, a blank
 * line, then `Position,Name,Year,URL,Description` and the items.
 */
function readList(path: string, name: string, data: Buffer): LetterboxdList {
  let records: string[][];
  try {
    records = parse(data, { bom: true, relax_column_count: true, skip_empty_lines: true }) as string[][];
  } catch (error) {
    throw new UsageError(`${path}: ${name} is not a readable CSV file (${error instanceof Error ? error.message : String(error)}).`);
  }
  const file = name.slice("lists/".length).replace(/\.csv$/i, "");
  const about = records.findIndex((record) => record[0] === "Date" && record[1] === "Name");
  const itemsAt = records.findIndex((record) => record[0] === "Position" && record[1] === "Name");
  const aboutRow = about >= 0 ? records[about + 1] : undefined;
  const header = itemsAt >= 0 ? (records[itemsAt] ?? []) : [];
  const column = (title: string) => header.indexOf(title);
  const items = itemsAt < 0 ? [] : records.slice(itemsAt + 1).map((record) => ({
    position: Number(record[column("Position")]) || 0,
    name: record[column("Name")] ?? "",
    year: yearOf(record[column("Year")]),
    uri: record[column("URL")] || null,
    notes: record[column("Description")] ?? "",
  }));
  return { file, name: aboutRow?.[1] ?? file, description: aboutRow?.[4] ?? "", items };
}

function yearOf(text: string | undefined): number | null {
  const year = Number(text);
  return Number.isInteger(year) && year > 1800 ? year : null;
}

function dateOf(text: string | undefined): string | null {
  return text !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(text.trim()) ? text.trim() : null;
}

function ratingOf(text: string | undefined): number | null {
  const rating = Number(text);
  return text !== undefined && text.trim() !== "" && rating >= 0.5 && rating <= 5 ? rating : null;
}
