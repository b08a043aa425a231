import { describe, expect, it } from "vitest";
import { filmRows, movieReviews, type SkippedCounts } from "../../src/sync/film-items.js";
import { historyItemSchema } from "../../src/trakt/index.js";

const movie = { title: "The Matrix", year: 1999, ids: { trakt: 10, slug: "the-matrix-1999", imdb: "tt0133093", tmdb: 603 } };
const comment = (id: number, extra: Record<string, unknown> = {}) => ({
  type: "movie",
  movie,
  comment: { id, parent_id: 0, comment: `text ${id}`, spoiler: false, review: true, created_at: "2020-01-01T00:00:00.000Z", updated_at: null, user_rating: null, ...extra },
});

describe("rows of a file, checked one at a time", () => {
  it("skips and counts film rows without a usable film; passes over episodes; keeps unknown fields out", () => {
    const skipped: SkippedCounts = {};
    const rows = [
      { id: 1, watched_at: "2020-01-01T00:00:00.000Z", action: "watch", type: "movie", movie, extra: { x: 1 } },
      { id: 2, watched_at: "2020-01-02T00:00:00.000Z", action: "watch", type: "movie", movie: null },
      { id: 3, watched_at: "2020-01-03T00:00:00.000Z", action: "watch", type: "movie", movie: { title: null, year: null, ids: { trakt: null, slug: null, imdb: null, tmdb: null } } },
      { id: 4, watched_at: "2020-01-04T00:00:00.000Z", action: "watch", type: "episode", episode: {}, show: {} },
      null,
    ];
    const films = filmRows(rows, historyItemSchema, "history", skipped);
    expect(films.map((f) => f.id)).toEqual([1]);
    expect(films[0]).not.toHaveProperty("extra");
    expect(skipped).toEqual({ history: 3 });
  });

  it("keeps top-level reviews only: no replies, no shouts; a missing updated_at is the creation time", () => {
    const skipped: SkippedCounts = {};
    const reviews = movieReviews(
      [comment(1), comment(2, { parent_id: 99 }), comment(3, { review: false }), { ...comment(4), movie: null }, { type: "show", show: {}, comment: { id: 5 } }],
      skipped,
    );
    expect(reviews.map((r) => [r.comment.id, r.comment.updated_at])).toEqual([[1, "2020-01-01T00:00:00.000Z"]]);
    expect(skipped).toEqual({ reviews: 1 });
  });

  it("counts the same text posted twice on a film as one review, the later", () => {
    const twice = movieReviews([comment(1, { created_at: "2020-01-01T00:00:15.000Z" }), comment(7, { comment: "text 1" }), comment(8, { comment: "other" })]);
    expect(twice.map((r) => r.comment.id)).toEqual([1, 8]);
  });
});
