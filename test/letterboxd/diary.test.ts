import { describe, expect, it } from "vitest";
import { buildDiary } from "../../src/letterboxd/index.js";
import { film, library, play, rating, review, UNKNOWN } from "./library-builder.js";

const inBerlin = { timeZone: "Europe/Berlin" };

describe("buildDiary", () => {
  it("makes one row of several plays of one film on one local date, keeping every history id", () => {
    const rows = buildDiary(
      library({
        films: [film(1)],
        // 23:30Z on the 1st and 00:30Z on the 2nd are both 2 May in Berlin (CEST, +2).
        plays: [play(1, "2024-05-01T23:30:00.000Z", 11), play(1, "2024-05-02T00:30:00.000Z", 12), play(1, "2024-05-02T09:00:00.000Z", 13)],
      }),
      inBerlin,
    );
    expect(rows.map((row) => [row.watchedDate, row.historyIds, row.rewatch])).toEqual([["2024-05-02", [11, 12, 13], false]]);
  });

  it("splits plays of one UTC day that fall on two local dates", () => {
    const rows = buildDiary(
      library({ films: [film(1)], plays: [play(1, "2024-05-01T21:00:00.000Z", 1), play(1, "2024-05-01T22:30:00.000Z", 2)] }),
      inBerlin,
    );
    expect(rows.map((row) => [row.watchedDate, row.historyIds, row.rewatch])).toEqual([
      ["2024-05-01", [1], false],
      ["2024-05-02", [2], true],
    ]);
  });

  it("marks rows after the film's first local date as rewatches, whatever order history arrives in", () => {
    const rows = buildDiary(
      library({ films: [film(1)], plays: [play(1, "2024-03-01T12:00:00.000Z"), play(1, "2023-01-01T12:00:00.000Z"), play(1, "2023-06-01T12:00:00.000Z")] }),
      inBerlin,
    );
    expect(rows.map((row) => [row.watchedDate, row.rewatch])).toEqual([
      ["2023-01-01", false],
      ["2023-06-01", true],
      ["2024-03-01", true],
    ]);
  });

  it("gives an unknown-date play no row but makes every dated row a rewatch", () => {
    const rows = buildDiary(
      library({ films: [film(1)], plays: [play(1, UNKNOWN, 1), play(1, "2024-01-05T12:00:00.000Z", 2)] }),
      inBerlin,
    );
    expect(rows.map((row) => [row.watchedDate, row.rewatch, row.historyIds])).toEqual([["2024-01-05", true, [2]]]);
  });

  it("gives a film seen only on unknown dates one undated row that is not a rewatch", () => {
    const rows = buildDiary(library({ films: [film(1)], plays: [play(1, UNKNOWN, 1), play(1, UNKNOWN, 2)] }), inBerlin);
    expect(rows).toEqual([
      { film: film(1), watchedDate: null, rating10: null, rewatch: false, review: null, tags: [], historyIds: [1, 2] },
    ]);
  });

  it("puts the rating only on the film's latest row", () => {
    const rows = buildDiary(
      library({
        films: [film(1), film(2)],
        plays: [play(1, "2024-01-01T12:00:00.000Z"), play(1, "2024-02-01T12:00:00.000Z"), play(2, UNKNOWN)],
        ratings: [rating(1, 7), rating(2, 10)],
      }),
      inBerlin,
    );
    expect(rows.map((row) => [row.film.traktId, row.watchedDate, row.rating10])).toEqual([
      [1, "2024-01-01", null],
      [1, "2024-02-01", 7],
      [2, null, 10],
    ]);
  });

  describe("reviews", () => {
    const plays = [play(1, "2016-03-04T20:00:00.000Z"), play(1, "2023-07-01T19:00:00.000Z"), play(1, "2024-02-01T12:00:00.000Z")];
    const reviewsOf = (rows: ReturnType<typeof buildDiary>) => rows.map((row) => [row.watchedDate, row.review?.commentId ?? null]);

    it("puts each review on the row of its own local date, else the latest row before it; the rating stays on the latest row", () => {
      const first = review(1, 10, "First watch in years", "2016-03-05T10:00:00.000Z");
      // 23:30 UTC on 31 January is 1 February in Berlin: the date of the 2024-02-01 play there.
      const second = review(1, 11, "Rewatched on a big screen", "2024-01-31T23:30:00.000Z");
      const lib = library({ films: [film(1)], plays, ratings: [rating(1, 9)], reviews: [second, first] });
      const rows = buildDiary(lib, inBerlin);
      expect(reviewsOf(rows)).toEqual([
        ["2016-03-04", 10],
        ["2023-07-01", null],
        ["2024-02-01", 11],
      ]);
      expect(rows.map((row) => row.rating10)).toEqual([null, null, 9]);
      // In UTC it is still 31 January: the latest row before that is the 2023 one.
      expect(reviewsOf(buildDiary(lib, { timeZone: "UTC" }))).toEqual([
        ["2016-03-04", 10],
        ["2023-07-01", 11],
        ["2024-02-01", null],
      ]);
    });

    it("gives a row's other reviews the nearest free row, earlier rows first, by createdAt then comment id", () => {
      const early = review(1, 20, "early", "2024-03-01T10:00:00.000Z");
      const sameTimeLowerId = review(1, 21, "same time, lower id", "2024-03-02T10:00:00.000Z");
      const latest = review(1, 22, "latest", "2024-03-02T10:00:00.000Z");
      const rows = buildDiary(library({ films: [film(1)], plays, reviews: [latest, early, sameTimeLowerId] }), { timeZone: "UTC" });
      // All three belong to the 2024-02-01 row: the latest keeps it, then the nearest free rows before it.
      expect(reviewsOf(rows)).toEqual([
        ["2016-03-04", 20],
        ["2023-07-01", 21],
        ["2024-02-01", 22],
      ]);
      // A row's reviews moved on go later when no earlier row is free.
      const onFirst = buildDiary(
        library({ films: [film(1)], plays, reviews: [review(1, 30, "a", "2016-03-05T10:00:00.000Z"), review(1, 31, "b", "2016-03-06T10:00:00.000Z")] }),
        { timeZone: "UTC" },
      );
      expect(reviewsOf(onFirst)).toEqual([
        ["2016-03-04", 31],
        ["2023-07-01", 30],
        ["2024-02-01", null],
      ]);
    });

    it("puts a review dated before any play on the film's first row", () => {
      const rows = buildDiary(library({ films: [film(1)], plays, reviews: [review(1, 40, "Looking forward", "2010-01-01T00:00:00.000Z")] }), inBerlin);
      expect(reviewsOf(rows)).toEqual([
        ["2016-03-04", 40],
        ["2023-07-01", null],
        ["2024-02-01", null],
      ]);
    });

    it("puts the latest review of a film seen only on unknown dates on its undated row, whatever the review's date", () => {
      const rows = buildDiary(
        library({ films: [film(1)], plays: [play(1, UNKNOWN)], reviews: [review(1, 51, "newer", "2024-06-01T00:00:00.000Z"), review(1, 50, "older", "2020-01-01T00:00:00.000Z")] }),
        inBerlin,
      );
      expect(reviewsOf(rows)).toEqual([[null, 51]]);
    });
  });

  it("puts the configured tags on every row", () => {
    const rows = buildDiary(
      library({ films: [film(1), film(2)], plays: [play(1, "2024-01-01T12:00:00.000Z"), play(2, "2024-01-02T12:00:00.000Z"), play(2, UNKNOWN)] }),
      { timeZone: "UTC", tags: ["trakt", "imported"] },
    );
    expect(rows.map((row) => row.tags)).toEqual([
      ["trakt", "imported"],
      ["trakt", "imported"],
    ]);
  });

  it("orders by date, undated last, then earliest play of the day, title and Trakt id", () => {
    const rows = buildDiary(
      library({
        films: [film(1, { title: "Zulu" }), film(2, { title: "Alpha" }), film(3, { title: "Mike" }), film(4, { title: "Mike" }), film(5, { title: "Bravo" })],
        plays: [
          play(5, UNKNOWN),
          play(1, "2024-01-02T08:00:00.000Z"),
          play(2, "2024-01-02T09:00:00.000Z"),
          play(4, "2024-01-02T10:00:00.000Z"),
          play(3, "2024-01-02T10:00:00.000Z"),
          play(2, "2024-01-01T23:00:00.000Z"),
          play(1, UNKNOWN),
          play(3, "2023-12-31T10:00:00.000Z"),
        ],
      }),
      { timeZone: "UTC" },
    );
    expect(rows.map((row) => [row.watchedDate, row.film.traktId])).toEqual([
      ["2023-12-31", 3],
      ["2024-01-01", 2],
      ["2024-01-02", 1], // 08:00
      ["2024-01-02", 2], // 09:00
      ["2024-01-02", 3], // 10:00, "Mike" with the lower Trakt id
      ["2024-01-02", 4],
      [null, 5],
    ]);
  });

  it("skips plays of films missing from the library with one warning per film", () => {
    const warnings: string[] = [];
    const rows = buildDiary(
      library({ films: [film(1)], plays: [play(1, "2024-01-01T12:00:00.000Z"), play(9, "2024-01-01T12:00:00.000Z", 91), play(9, UNKNOWN, 92)] }),
      { timeZone: "UTC", warn: (message) => warnings.push(message) },
    );
    expect(rows.map((row) => row.film.traktId)).toEqual([1]);
    expect(warnings).toEqual(["History items 91, 92 refer to film 9, which is not in the library; skipped."]);
  });

  it("skips a play whose date cannot be read, with a warning", () => {
    const warnings: string[] = [];
    const rows = buildDiary(library({ films: [film(1)], plays: [play(1, "not a date", 5)] }), {
      timeZone: "UTC",
      warn: (message) => warnings.push(message),
    });
    expect(rows).toEqual([]);
    expect(warnings).toEqual(['History item 5 has an unreadable watched_at "not a date"; skipped.']);
  });
});
