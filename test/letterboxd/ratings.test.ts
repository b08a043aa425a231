import { describe, expect, it } from "vitest";
import { buildDiary, buildRatings } from "../../src/letterboxd/index.js";
import type { Library } from "../../src/letterboxd/index.js";
import { film, library, play, rating, review, UNKNOWN } from "./library-builder.js";

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

  it("puts the latest review of a film with no diary row on its ratings row and names the others in a warning", () => {
    const latest = review(1, 2, "new", "2024-05-01T00:00:00.000Z");
    const warnings: string[] = [];
    const rows = ratingsOf(library({ films: [film(1, { title: "The Matrix", year: 1999 })], reviews: [latest, review(1, 3, "old", "2023-05-01T00:00:00.000Z")] }), (m) => warnings.push(m));
    expect(rows.map((row) => row.review)).toEqual([latest]);
    expect(warnings).toEqual([expect.stringMatching(/^Review 3 of "The Matrix" \(1999\) not exported: Letterboxd keeps one review per diary entry/)]);
  });

  it("puts a second review of a film seen only on unknown dates on its ratings row", () => {
    const older = review(1, 50, "older", "2020-01-01T00:00:00.000Z");
    const lib = library({ films: [film(1)], plays: [play(1, UNKNOWN)], ratings: [rating(1, 8)], reviews: [review(1, 51, "newer", "2024-06-01T00:00:00.000Z"), older] });
    const diary = buildDiary(lib, { timeZone: "UTC" });
    expect(diary.map((row) => [row.watchedDate, row.rating10, row.review?.commentId])).toEqual([[null, 8, 51]]);
    expect(buildRatings(lib, diary)).toEqual([{ film: film(1), rating10: 8, review: older }]);
  });

  it("puts reviews no diary row can take on the ratings row, the latest of them, and warns about the rest", () => {
    const reviews = [30, 31, 32, 33].map((id, i) => review(1, id, `take ${i}`, `2024-03-0${i + 1}T10:00:00.000Z`));
    const lib = library({ films: [film(1)], plays: [play(1, "2024-01-01T12:00:00.000Z"), play(1, "2024-02-01T12:00:00.000Z")], reviews });
    const warnings: string[] = [];
    const diary = buildDiary(lib, { timeZone: "UTC" });
    expect(diary.map((row) => row.review?.commentId)).toEqual([32, 33]);
    expect(buildRatings(lib, diary, { warn: (m) => warnings.push(m) })).toEqual([{ film: film(1), rating10: null, review: reviews[1] }]);
    expect(warnings).toEqual([expect.stringMatching(/^Review 30 of "Film 1" \(2001\) not exported/)]);
  });

  it("writes every review of a film exactly once across diary and ratings", () => {
    const reviews = [review(1, 60, "a", "2016-03-05T00:00:00.000Z"), review(1, 61, "b", "2023-01-01T00:00:00.000Z"), review(1, 62, "c", "2023-01-02T00:00:00.000Z")];
    const lib = library({ films: [film(1)], plays: [play(1, "2016-03-04T20:00:00.000Z"), play(1, "2022-12-31T20:00:00.000Z")], ratings: [rating(1, 7)], reviews });
    const diary = buildDiary(lib, { timeZone: "UTC" });
    const ratings = buildRatings(lib, diary);
    const written = [...diary, ...ratings].flatMap((row) => (row.review === null ? [] : [row.review.commentId]));
    expect(written.sort()).toEqual([60, 61, 62]);
    expect(ratings.map((row) => [row.rating10, row.review?.commentId])).toEqual([[7, 61]]);
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
