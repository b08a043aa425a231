import { compareFilms, filmOrWarn, ratingByFilm, reviewsByFilm } from "./film-facts.js";
import type { Film, Library } from "./library.js";
import type { DiaryRow, RatingsRow, Warn } from "./rows.js";

export interface RatingsOptions {
  /** Told about skipped ratings and reviews. Default: ignore. */
  warn?: Warn;
}

/**
 * One row per rated film, plus one per reviewed film with a review that no diary row
 * carries (so each review is imported exactly once). A row holds one review: the
 * film's latest review left off the diary; any other review left off (Letterboxd keeps
 * one review per diary entry or undated line) is named in a warning. Ordered by title,
 * year, Trakt id.
 *
 * "Carried" is read from `diaryRows` rather than re-derived: placeReviews may leave a
 * review off the diary, and every review no diary row carries lands here or is warned about.
 */
export function buildRatings(library: Library, diaryRows: readonly DiaryRow[], options: RatingsOptions = {}): RatingsRow[] {
  const warn = options.warn ?? (() => undefined);
  const carried = new Set<number>();
  for (const row of diaryRows) if (row.review !== null) carried.add(row.review.commentId);

  const rows = new Map<number, RatingsRow>();
  for (const rating of ratingByFilm(library.ratings, warn).values()) {
    const film = filmOrWarn(library, rating.traktId, "A rating", warn);
    if (film !== undefined) rows.set(film.traktId, { film, rating10: rating.rating, review: null });
  }
  for (const [traktId, reviews] of reviewsByFilm(library.reviews)) {
    const left = reviews.filter((review) => !carried.has(review.commentId));
    const review = left.pop();
    if (review === undefined) continue;
    let row = rows.get(traktId);
    if (row === undefined) {
      // Reviewed but neither rated nor (for this review) on a diary row: a row with empty rating cells carries it.
      const film = filmOrWarn(library, traktId, `Review ${review.commentId}`, warn);
      if (film === undefined) continue;
      row = { film, rating10: null, review: null };
      rows.set(traktId, row);
    }
    row.review = review;
    for (const other of left) warn(unplacedReview(row.film, other.commentId));
  }
  return [...rows.values()].sort((a, b) => compareFilms(a.film, b.film));
}

function unplacedReview(film: Film, commentId: number): string {
  const name = `"${film.title}"${film.year === null ? "" : ` (${film.year})`}`;
  return `Review ${commentId} of ${name} not exported: Letterboxd keeps one review per diary entry, and the film's diary rows and ratings row already carry its other reviews.`;
}
