import type { Film, Library, Rating, Review } from "./library.js";
import type { Warn } from "./rows.js";

const ignore: Warn = () => undefined;

/** The film of `traktId`, or undefined after warning that `what` refers to a film the library lacks. */
export function filmOrWarn(library: Library, traktId: number, what: string, warn: Warn): Film | undefined {
  const film = library.films.get(traktId);
  if (film === undefined) warn(`${what} refers to film ${traktId}, which is not in the library; skipped.`);
  return film;
}

/**
 * Each film's reviews, oldest first: by createdAt (updatedAt when unreadable), then by
 * comment id. CONTRACT.md "Mapping rules" says which row each one stands on.
 */
export function reviewsByFilm(reviews: readonly Review[]): Map<number, Review[]> {
  const byFilm = new Map<number, Review[]>();
  for (const review of reviews) {
    const list = byFilm.get(review.traktId);
    if (list === undefined) byFilm.set(review.traktId, [review]);
    else list.push(review);
  }
  for (const list of byFilm.values()) list.sort(compareReviews);
  return byFilm;
}

/** When the review was written (ms), for placing it: createdAt, else updatedAt, else NaN. */
export function reviewWrittenMs(review: Review): number {
  const created = Date.parse(review.createdAt);
  return Number.isNaN(created) ? Date.parse(review.updatedAt) : created;
}

/** Older first; a review of unreadable date counts as the latest. */
export function compareReviews(a: Review, b: Review): number {
  return orderMs(reviewWrittenMs(a)) - orderMs(reviewWrittenMs(b)) || a.commentId - b.commentId;
}

function orderMs(ms: number): number {
  return Number.isNaN(ms) ? Number.MAX_SAFE_INTEGER : ms;
}

/**
 * The rating (1–10) per film, the latest by ratedAt should Trakt ever send two. A
 * rating outside 1–10 is dropped with a warning: Letterboxd reads `0` as a rating.
 */
export function ratingByFilm(ratings: readonly Rating[], warn: Warn = ignore): Map<number, Rating> {
  const latest = new Map<number, Rating>();
  for (const rating of ratings) {
    if (!Number.isInteger(rating.rating) || rating.rating < 1 || rating.rating > 10) {
      warn(`Rating ${rating.rating} of film ${rating.traktId} is not a whole number from 1 to 10; skipped.`);
      continue;
    }
    const current = latest.get(rating.traktId);
    if (current === undefined || Date.parse(rating.ratedAt) >= Date.parse(current.ratedAt)) latest.set(rating.traktId, rating);
  }
  return latest;
}

const collator = new Intl.Collator("en");

/** Title (collated in a fixed locale so the order does not depend on the host), then year, then Trakt id. */
export function compareFilms(a: Film, b: Film): number {
  return (
    collator.compare(a.title, b.title) ||
    (a.year ?? Number.MAX_SAFE_INTEGER) - (b.year ?? Number.MAX_SAFE_INTEGER) ||
    a.traktId - b.traktId
  );
}

export function compareTitles(a: string, b: string): number {
  return collator.compare(a, b);
}
