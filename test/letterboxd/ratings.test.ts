import { describe, expect, it } from "vitest";
import { buildDiary, buildRatings } from "../../src/letterboxd/index.js";
import type { Library } from "../../src/letterboxd/index.js";
import { film, library, play, rating, review } from "./library-builder.js";

function ratingsOf(lib: Library, warn?: (message: string) => void) {
  return buildRatings(lib, buildDiary(lib, { timeZone: "UTC" }), { warn });
}

describe("buildRatings", () => {
  it("holds every rated film, played or not", () => {
    const rows = ratingsOf(
      library({ films: [film(1), film(2)], plays: [play(1, "2024-01-01T12:00:00.000Z")], ratings: [rating(1, 8), rating(2, 3)] }),
    );
    expect(rows.map((row) => [row.film.traktId, row.rating10, row.review])).toEqual([
      [1, 8, null],
      [2, 3, null],
    ]);
  });

  it("leaves the review of a played film to its diary row", () => {
    const lib = library({ films: [film(1)], plays: [play(1, "2024-01-01T12:00:00.000Z")], ratings: [rating(1, 8)], reviews: [review(1, 5, "Great")] });
    const diary = buildDiary(lib, { timeZone: "UTC" });
    expect(diary[0]?.review?.text).toBe("Great");
    expect(buildRatings(lib, diary)).toEqual([{ film: film(1), rating10: 8, review: null }]);
  });

  it("puts the review of a rated film that has no play on its ratings row", () => {
    const note = review(1, 5, "Great");
    expect(ratingsOf(library({ films: [film(1)], ratings: [rating(1, 8)], reviews: [note] }))).toEqual([{ film: film(1), rating10: 8, review: note }]);
  });

  it("gives a reviewed film with neither play nor rating a row with no rating", () => {
    const note = review(1, 5, "Never finished it");
    expect(ratingsOf(library({ films: [film(1)], reviews: [note] }))).toEqual([{ film: film(1), rating10: null, review: note }]);
  });

  it("writes no row for a reviewed, played, unrated film (its diary row carries the review)", () => {
    expect(ratingsOf(library({ films: [film(1)], plays: [play(1, "2024-01-01T12:00:00.000Z")], reviews: [review(1, 5, "Fine")] }))).toEqual([]);
  });

  it("puts a review on the ratings row when the given diary rows do not carry it (incremental export)", () => {
    const note = review(1, 5, "Great");
    const lib = library({ films: [film(1)], plays: [play(1, "2024-01-01T12:00:00.000Z")], reviews: [note] });
    expect(buildRatings(lib, [])).toEqual([{ film: film(1), rating10: null, review: note }]);
  });

  it("uses the latest review when a film has several", () => {
    const latest = review(1, 2, "new", "2024-05-01T00:00:00.000Z");
    const rows = ratingsOf(library({ films: [film(1)], reviews: [latest, review(1, 3, "old", "2023-05-01T00:00:00.000Z")] }));
    expect(rows.map((row) => row.review)).toEqual([latest]);
  });

  it("orders by title in English collation, then year, then Trakt id", () => {
    const films = [
      film(1, { title: "banana" }),
      film(2, { title: "Apple", year: 2010 }),
      film(3, { title: "Apple", year: 1990 }),
      film(4, { title: "Émile" }),
      film(5, { title: "Apple", year: 1990 }),
      film(6, { title: "Apple", year: null }),
    ];
    const rows = ratingsOf(library({ films, ratings: films.map((f) => rating(f.traktId, 5)) }));
    expect(rows.map((row) => row.film.traktId)).toEqual([3, 5, 2, 6, 1, 4]);
  });

  it("skips ratings outside 1–10 and entries of unknown films, with warnings", () => {
    const warnings: string[] = [];
    const rows = ratingsOf(
      library({ films: [film(1)], ratings: [rating(1, 0), rating(7, 5)], reviews: [review(8, 80, "Who?")] }),
      (message) => warnings.push(message),
    );
    expect(rows).toEqual([]);
    expect(warnings).toEqual([
      "Rating 0 of film 1 is not a whole number from 1 to 10; skipped.",
      "A rating refers to film 7, which is not in the library; skipped.",
      "Review 80 refers to film 8, which is not in the library; skipped.",
    ]);
  });
});
