import type { Film, Library, Play, Rating, Review } from "../../src/letterboxd/index.js";

/** A film with ids unless overridden: `film(1)` is "Film 1" (2001), tt0000001, tmdb 1001. */
export function film(traktId: number, overrides: Partial<Film> = {}): Film {
  return {
    traktId,
    title: `Film ${traktId}`,
    year: 2000 + traktId,
    imdb: `tt${String(traktId).padStart(7, "0")}`,
    tmdb: 1000 + traktId,
    ...overrides,
  };
}

export function library(parts: Partial<Omit<Library, "films">> & { films?: Film[] } = {}): Library {
  return {
    films: new Map((parts.films ?? []).map((f) => [f.traktId, f])),
    plays: parts.plays ?? [],
    ratings: parts.ratings ?? [],
    reviews: parts.reviews ?? [],
    watchlist: parts.watchlist ?? [],
    lists: parts.lists ?? [],
  };
}

export const UNKNOWN = "1970-01-01T00:00:00.000Z";

let nextHistoryId = 1;
export function play(traktId: number, watchedAt: string, historyId = nextHistoryId++): Play {
  return { historyId, traktId, watchedAt };
}

export function review(traktId: number, commentId: number, text: string, updatedAt = "2024-01-01T00:00:00.000Z"): Review {
  return { traktId, commentId, text, spoiler: false, createdAt: updatedAt, updatedAt };
}

export function rating(traktId: number, value: number, ratedAt = "2024-01-01T00:00:00.000Z"): Rating {
  return { traktId, rating: value, ratedAt };
}
