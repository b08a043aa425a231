/**
 * `export --incremental` (CONTRACT.md "Incremental exports"): from the full export,
 * built from the whole stored library so Rewatch and rating placement are as in a full
 * export, keep only what no earlier export wrote; and, once the files are written,
 * record what was.
 */
import { createHash } from "node:crypto";
import { compareFilms, compareReviews } from "../letterboxd/film-facts.js";
import { bulkDaysIn, titleOnlyFilmsOf, type DiaryRow, type FileKind, type Film, type LetterboxdExport, type ListExport, type RatingsRow, type Review } from "../letterboxd/index.js";
import { recordExportWrite, type ExportedFile, type ExportedState, type ExportWrite, type Store } from "../store/index.js";

type Rows = Pick<LetterboxdExport, "diary" | "ratings" | "watchlist" | "lists">;

/**
 * The part of `full` that `exported` (readExportedState) does not already hold:
 * - diary: rows standing for a play not exported before (by history id), a Review
 *   already exported taken off; and, without its plays, a row written before whose new
 *   review the film's ratings row cannot take (it holds another);
 * - ratings: films whose rating is new or changed, plus new or changed reviews that no
 *   selected diary row carries (on the film's rating row, or one with empty rating; one
 *   review a row);
 * - watchlist: films never written to a watchlist file;
 * - lists: lists whose content (films, order, notes) changed, whole.
 * Warnings are the full export's; bulk days only those whose plays a selected diary row
 * stands for, so a day is named by the export that first writes it, not by every later one. Pure.
 */
export function selectIncremental(full: LetterboxdExport, exported: ExportedState): LetterboxdExport {
  const isNewReview = (review: Review): boolean => exported.reviews.get(review.commentId) !== review.updatedAt;

  const currentRating = new Map<number, number>();
  for (const row of full.ratings) if (row.rating10 !== null) currentRating.set(row.film.traktId, row.rating10);
  const ratings = new Map<number, RatingsRow>();
  for (const { film, rating10 } of full.ratings) {
    if (rating10 !== null && exported.ratings.get(film.traktId) !== rating10) ratings.set(film.traktId, { film, rating10, review: null });
  }
  const reviewOnRatings = (film: Film, review: Review): boolean => {
    const row = ratings.get(film.traktId);
    if (row === undefined) ratings.set(film.traktId, { film, rating10: currentRating.get(film.traktId) ?? null, review });
    else if (row.review === null) row.review = review;
    else return false;
    return true;
  };
  // A new review the full export puts on its ratings row goes there.
  for (const { film, review } of full.ratings) if (review !== null && isNewReview(review)) reviewOnRatings(film, review);

  // A new review on a diary row written before (no new play) goes on the film's ratings
  // row, latest first; should that row already hold one, its diary row is written again
  // (same film and date: Letterboxd updates that entry), so each review stands once.
  const again = new Set<DiaryRow>();
  const pending = full.diary.filter((row) => row.review !== null && isNewReview(row.review) && row.historyIds.every((id) => exported.plays.has(id)));
  pending.sort((a, b) => compareReviews(b.review as Review, a.review as Review));
  for (const row of pending) if (!reviewOnRatings(row.film, row.review as Review)) again.add(row);

  const diary: DiaryRow[] = [];
  for (const row of full.diary) {
    if (again.has(row)) diary.push({ ...row, historyIds: [] });
    else if (row.historyIds.every((id) => exported.plays.has(id))) continue;
    else if (row.review === null || isNewReview(row.review)) diary.push(row);
    else diary.push({ ...row, review: null });
  }

  const selected: Rows = {
    diary,
    ratings: [...ratings.values()].sort((a, b) => compareFilms(a.film, b.film)),
    watchlist: full.watchlist.filter((row) => !exported.watchlist.has(row.film.traktId)),
    lists: full.lists.filter((list) => exported.lists.get(list.list.traktId) !== listFingerprint(list)),
  };
  return { ...selected, titleOnlyFilms: titleOnlyFilmsOf(selected), warnings: full.warnings, bulkDays: bulkDaysIn(full.bulkDays, diary) };
}

/** True when the export has no row to write (an incremental run with nothing new). */
export function hasNoRows(letterboxd: Rows): boolean {
  return letterboxd.diary.length === 0 && letterboxd.ratings.length === 0 && letterboxd.watchlist.length === 0 && letterboxd.lists.every((list) => list.rows.length === 0);
}

/** A list's content as written: its films in order with their notes (a new one means a new Letterboxd list). */
export function listFingerprint(list: ListExport): string {
  const content = JSON.stringify(list.rows.map((row) => [row.film.traktId, row.notes]));
  return createHash("sha256").update(content).digest("hex");
}

/** What the rows of the given kinds put in the files: plays, ratings, review versions, watchlist films, list fingerprints. */
export function exportWriteOf(written: Rows, only: readonly FileKind[] = ["diary", "ratings", "watchlist", "lists"]): Omit<ExportWrite, "kind" | "files"> {
  const plays: number[] = [];
  const ratings = new Map<number, number>();
  const reviews = new Map<number, string>();
  const note = (row: { film: Film; rating10: number | null; review: Review | null }) => {
    if (row.rating10 !== null) ratings.set(row.film.traktId, row.rating10);
    if (row.review !== null) reviews.set(row.review.commentId, row.review.updatedAt);
  };
  if (only.includes("diary")) {
    for (const row of written.diary) {
      plays.push(...row.historyIds);
      note(row);
    }
  }
  if (only.includes("ratings")) for (const row of written.ratings) note(row);
  return {
    plays,
    ratings: [...ratings].map(([traktId, rating]) => ({ traktId, rating })),
    reviews: [...reviews].map(([commentId, updatedAt]) => ({ commentId, updatedAt })),
    watchlist: only.includes("watchlist") ? written.watchlist.map((row) => row.film.traktId) : [],
    lists: only.includes("lists") ? written.lists.map((list) => ({ listId: list.list.traktId, fingerprint: listFingerprint(list) })) : [],
  };
}

export interface RecordExportOptions {
  kind: "full" | "incremental";
  /** The rows written (the full export, or selectIncremental's selection). */
  letterboxd: Rows;
  /** The files written, as writeExportFiles returned them. */
  files: readonly ExportedFile[];
  /** The kinds of file written (`--only`); rows of other kinds are not recorded. Default all. */
  only?: readonly FileKind[];
}

/**
 * Records in the store what an export wrote, in one transaction; returns the export's
 * id. Call it only after every file is fully written (and never for a dry run), so a
 * crash before it means the next incremental export writes those rows again.
 */
export function recordExport(store: Store, options: RecordExportOptions): number {
  return recordExportWrite(store, { kind: options.kind, files: options.files.map(({ name, path, rows, bytes }) => ({ name, path, rows, bytes })), ...exportWriteOf(options.letterboxd, options.only) });
}
