import { describe, expect, it } from "vitest";
import { historyItemSchema, movieSchema } from "../../src/trakt/index.js";

describe("response schemas", () => {
  it("turn a missing id or year (null, left out, \"\" or 0 on old records) into null", () => {
    for (const [imdb, tmdb, year] of [[null, null, null], [undefined, undefined, undefined], ["", 0, 0]] as const) {
      const movie = movieSchema.parse({ title: "Home Movie", year, ids: { trakt: 7, slug: "home-movie", imdb, tmdb } });
      expect(movie).toEqual({ title: "Home Movie", year: null, ids: { trakt: 7, slug: "home-movie", imdb: null, tmdb: null } });
    }
  });

  it("keep real ids and strip fields Trakt adds", () => {
    const item = historyItemSchema.parse({
      id: 1,
      watched_at: "2024-03-15T23:30:00.000Z",
      action: "watch",
      type: "movie",
      movie: { title: "Night on Earth", year: 1991, ids: { trakt: 14, slug: "night-on-earth", imdb: "tt0102536", tmdb: 339, tvdb: 5 }, extra: true },
    });
    expect(item.movie).toEqual({ title: "Night on Earth", year: 1991, ids: { trakt: 14, slug: "night-on-earth", imdb: "tt0102536", tmdb: 339 } });
  });
});
