import { describe, expect, it } from "vitest";
import { historyItemSchema, listedItemSchema, movieSchema, personalListSchema, ratingItemSchema, reviewItemSchema } from "../../src/trakt/index.js";
import { UNRANKED } from "../../src/trakt/schemas.js";

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

  // Shapes of 2026 answers where Trakt's contract allows a field to be null or left out.
  const matrix = { title: "The Matrix", year: 1999, ids: { trakt: 10, slug: "the-matrix-1999", imdb: "tt0133093", tmdb: 603 } };

  it("take a list without a slug or name, and a list item or watchlist entry without rank, id or listed_at", () => {
    const list = personalListSchema.parse({ name: null, description: null, privacy: null, updated_at: "2024-01-01T00:00:00Z", ids: { trakt: 77, slug: null }, sort_by: "rank" });
    expect(list).toMatchObject({ name: "Untitled list", ids: { trakt: 77, slug: "list-77" }, updated_at: "2024-01-01T00:00:00.000Z" });
    const entry = listedItemSchema.parse({ notes: null, movie: matrix });
    expect(entry).toEqual({ rank: UNRANKED, id: null, listed_at: "1970-01-01T00:00:00.000Z", notes: null, type: "movie", movie: expect.objectContaining({ title: "The Matrix" }) });
    expect(listedItemSchema.parse({ rank: null, id: null, listed_at: null, notes: "n", type: "movie", movie: matrix, my_rating: 8 }).rank).toBe(UNRANKED);
  });

  it("take a rating without its type (older answers) and a review never edited (updated_at null)", () => {
    expect(ratingItemSchema.parse({ rated_at: "2020-01-05T21:00:00Z", rating: 8, movie: matrix }).type).toBe("movie");
    const review = reviewItemSchema.parse({
      type: "movie",
      movie: matrix,
      comment: { id: 5, parent_id: 0, comment: "Still holds up.", spoiler: false, review: true, created_at: "2023-04-01T09:00:00+00:00", updated_at: null, user_rating: 9, user_stats: {} },
    });
    expect(review.comment).toMatchObject({ created_at: "2023-04-01T09:00:00.000Z", updated_at: "2023-04-01T09:00:00.000Z" });
  });

  it("refuse an item with no usable film or an unreadable time, so that the page leaves it out", () => {
    expect(historyItemSchema.safeParse({ id: 1, watched_at: "2024-01-01T00:00:00Z", action: "watch", type: "movie", movie: null }).success).toBe(false);
    expect(historyItemSchema.safeParse({ id: 1, watched_at: "2024-01-01T00:00:00Z", action: "watch", type: "movie", movie: { title: null, year: null, ids: { trakt: null } } }).success).toBe(false);
    expect(historyItemSchema.safeParse({ id: 1, watched_at: "yesterday-ish", action: "watch", type: "movie", movie: matrix }).error?.issues[0]?.message).toContain("not a time");
  });
});
