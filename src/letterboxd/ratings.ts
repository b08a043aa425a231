import { compareFilms, filmOrWarn, latestReviewByFilm, ratingByFilm } from "./film-facts.js";
import type { Library } from "./library.js";
import type { DiaryRow, RatingsRow, Warn } from "./rows.js";

export interface RatingsOptions {
  /** Told about skipped ratings and reviews. Default: ignore. */
  warn?: Warn;
}

/**
 * One row per rated film, plus one per reviewed film whose review no diary row
 * carries (so each review is imported exactly once). Ordered by title, year, Trakt id.
 *
 * "Carried" is read from `diaryRows` rather than re-derived, so a caller that writes
 * only some diary rows (incremental export) gets the reviews they lack here.
 */
export function buildRatings(library: Library, diaryRows: readonly DiaryRow[], options: RatingsOptions = {}): RatingsRow[] {
  const warn = options.warn ?? (() => undefined);
  const reviewedInDiary = new Set<number>();
  for (const row of diaryRows) if (row.review !== null) reviewedInDiary.add(row.film.traktId);

  const rows = new Map<number, RatingsRow>();
  for (const rating of ratingByFilm(library.ratings, warn).values()) {
    const film = filmOrWarn(library, rating.traktId, "A rating", warn);
    if (film !== undefined) rows.set(film.traktId, { film, rating10: rating.rating, review: null });
  }
  for (const review of latestReviewByFilm(library.reviews).values()) {
    if (reviewedInDiary.has(review.traktId)) continue;
    const row = rows.get(review.traktId);
    if (row !== undefined) {
      row.review = review;
      continue;
    }
    // Reviewed but neither seen nor rated: a row with empty rating cells carries the review.
    const film = filmOrWarn(library, review.traktId, `Review ${review.commentId}`, warn);
    if (film !== undefined) rows.set(film.traktId, { film, rating10: null, review });
  }
  return [...rows.values()].sort((a, b) => compareFilms(a.film, b.film));
}
