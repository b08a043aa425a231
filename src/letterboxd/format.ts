import { lazyRecords } from "./csv-render.js";
import type { CsvFile } from "./csv-writer.js";
import { compareFilms } from "./film-facts.js";
import type { Film } from "./library.js";
import type { DiaryRow, LetterboxdExport, ListRow, RatingsRow, WatchlistRow } from "./rows.js";

// Headers exactly as CONTRACT.md "Output files"; Letterboxd reads columns by name.
export const DIARY_HEADER = ["Title", "Year", "Directors", "imdbID", "tmdbID", "WatchedDate", "Rating", "Rating10", "Rewatch", "Tags", "Review"];
export const RATINGS_HEADER = ["Title", "Year", "Directors", "imdbID", "tmdbID", "Rating", "Rating10", "Review"];
export const WATCHLIST_HEADER = ["Title", "Year", "imdbID", "tmdbID"];
export const LIST_HEADER = ["Position", "Title", "Year", "imdbID", "tmdbID", "Review"];

export function diaryRecord(row: DiaryRow): string[] {
  return [
    ...matchCells(row.film),
    row.watchedDate ?? "",
    ratingCell(row.rating10),
    rating10Cell(row.rating10),
    row.rewatch ? "true" : "false",
    row.tags.join(", "),
    row.review?.text ?? "",
  ];
}

export function ratingsRecord(row: RatingsRow): string[] {
  return [
    ...matchCells(row.film),
    ratingCell(row.rating10),
    rating10Cell(row.rating10),
    row.review?.text ?? "",
  ];
}

/** `Title,Year,Directors,imdbID,tmdbID`: what Letterboxd matches a film by. */
function matchCells(film: Film): string[] {
  return [film.title, yearCell(film), directorsCell(film), imdbCell(film), tmdbCell(film)];
}

export function watchlistRecord(row: WatchlistRow): string[] {
  return [row.film.title, yearCell(row.film), imdbCell(row.film), tmdbCell(row.film)];
}

export function listRecord(row: ListRow): string[] {
  return [String(row.position), row.film.title, yearCell(row.film), imdbCell(row.film), tmdbCell(row.film), row.notes ?? ""];
}

/**
 * The export as CSV files for writeExportFiles: `diary`, `ratings`, `watchlist` and
 * `lists/<stem>`, in that order. Files without rows are included; the writer skips them.
 */
export function letterboxdCsvFiles(letterboxd: Pick<LetterboxdExport, "diary" | "ratings" | "watchlist" | "lists">): CsvFile[] {
  return [
    { name: "diary", header: DIARY_HEADER, records: lazyRecords(letterboxd.diary, diaryRecord) },
    { name: "ratings", header: RATINGS_HEADER, records: lazyRecords(letterboxd.ratings, ratingsRecord) },
    { name: "watchlist", header: WATCHLIST_HEADER, records: lazyRecords(letterboxd.watchlist, watchlistRecord) },
    ...letterboxd.lists.map(({ fileStem, rows }) => ({ name: `lists/${fileStem}`, header: LIST_HEADER, records: lazyRecords(rows, listRecord) })),
  ];
}

/** True when Letterboxd can match the film only by title, year and directors. */
export function isTitleOnly(film: Film): boolean {
  return imdbCell(film) === "" && tmdbCell(film) === "";
}

/** Every film the rows put in a file (diary, ratings, watchlist, lists), once each; with `keep`, only those it keeps. */
export function filmsOf(rows: Pick<LetterboxdExport, "diary" | "ratings" | "watchlist" | "lists">, keep?: (film: Film) => boolean): Map<number, Film> {
  const films = new Map<number, Film>();
  for (const all of [rows.diary, rows.ratings, rows.watchlist, ...rows.lists.map((list) => list.rows)]) {
    for (const { film } of all) if (keep === undefined || keep(film)) films.set(film.traktId, film);
  }
  return films;
}

/** The films of the rows with neither an IMDb nor a TMDb id (Letterboxd may mismatch them), in film order. */
export function titleOnlyFilmsOf(rows: Pick<LetterboxdExport, "diary" | "ratings" | "watchlist" | "lists">): Film[] {
  // Only the few such films are collected, not a map of every film (30K for a big library).
  return [...filmsOf(rows, isTitleOnly).values()].sort(compareFilms);
}

// A 0 or "" year or id is unknown too: users of older exporters complained of `0` written for them.
function yearCell(film: Film): string {
  return film.year ? String(film.year) : "";
}

function imdbCell(film: Film): string {
  return film.imdb ?? "";
}

function tmdbCell(film: Film): string {
  return film.tmdb ? String(film.tmdb) : "";
}

function directorsCell(film: Film): string {
  return isTitleOnly(film) ? (film.directors ?? []).join(", ") : "";
}

/** Letterboxd's 0.5–5 scale: 7 → "3.5", 8 → "4". */
function ratingCell(rating10: number | null): string {
  return rating10 === null ? "" : String(rating10 / 2);
}

function rating10Cell(rating10: number | null): string {
  return rating10 === null ? "" : String(rating10);
}
