import { describe, expect, it } from "vitest";
import { selectIncremental, exportWriteOf, hasNoRows } from "../../src/export/incremental.js";
import { buildLetterboxdExport, findBulkPlays, type Play } from "../../src/letterboxd/index.js";
import type { ExportedState } from "../../src/store/index.js";
import { film, library, play, rating, review, UNKNOWN } from "./library-builder.js";

const BULK = "2015-03-01T12:00:00.000Z";
const inBerlin = { timeZone: "Europe/Berlin", threshold: 10 };

/** Plays of films `from`…`from + count - 1` at one instant, history ids from `firstId`. */
function playsAt(watchedAt: string, from: number, count: number, firstId: number): Play[] {
  return Array.from({ length: count }, (_, i) => play(from + i, watchedAt, firstId + i));
}

describe("findBulkPlays", () => {
  it("makes an instant with exactly the threshold of distinct films a bulk day, one fewer not", () => {
    expect(findBulkPlays(playsAt(BULK, 1, 10, 1), inBerlin).days).toEqual([{ date: "2015-03-01", films: 10, historyIds: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] }]);
    const nine = findBulkPlays(playsAt(BULK, 1, 9, 1), inBerlin);
    expect(nine.days).toEqual([]);
    expect(nine.instants.size).toBe(0);
    expect(findBulkPlays(playsAt(BULK, 1, 3, 1), { ...inBerlin, threshold: 3 }).instants).toEqual(new Set([Date.parse(BULK)]));
  });

  it("never merges different instants of one day, however close", () => {
    const plays = [...playsAt(BULK, 1, 6, 1), ...playsAt("2015-03-01T12:00:01.000Z", 7, 6, 7), ...playsAt("2015-03-01T12:00:00.001Z", 13, 6, 13)];
    expect(findBulkPlays(plays, inBerlin).days).toEqual([]);
  });

  it("counts distinct films: the same film twice at one instant is one", () => {
    const plays = [...playsAt(BULK, 1, 9, 1), play(1, BULK, 50)];
    expect(findBulkPlays(plays, inBerlin).days).toEqual([]);
  });

  it("groups by instant whatever the text: Trakt's `.000Z` and a file's `Z` are one time", () => {
    const plays = [...playsAt(BULK, 1, 5, 1), ...playsAt("2015-03-01T12:00:00Z", 6, 5, 6)];
    expect(findBulkPlays(plays, inBerlin).days.map((d) => d.films)).toEqual([10]);
  });

  it("reports local days of the export's zone, two bulk instants of one day as one day", () => {
    // 23:30Z is the 2nd in Berlin; 08:00Z the same day is the 2nd too.
    const plays = [...playsAt("2015-03-01T23:30:00.000Z", 1, 10, 1), ...playsAt("2015-03-02T08:00:00.000Z", 5, 12, 11), ...playsAt("2016-01-01T12:00:00.000Z", 1, 11, 30)];
    expect(findBulkPlays(plays, inBerlin).days.map(({ date, films }) => [date, films])).toEqual([
      ["2015-03-02", 16],
      ["2016-01-01", 11],
    ]);
    expect(findBulkPlays(plays, { timeZone: "UTC", threshold: 10 }).days.map(({ date, films }) => [date, films])).toEqual([
      ["2015-03-01", 10],
      ["2015-03-02", 12],
      ["2016-01-01", 11],
    ]);
  });

  it("leaves out unknown dates (many films seen 'some time') and unreadable ones", () => {
    const plays = [...playsAt(UNKNOWN, 1, 20, 1), ...playsAt("1900-01-01T00:00:00.000Z", 1, 20, 21), ...playsAt("not a date", 1, 20, 41)];
    expect(findBulkPlays(plays, inBerlin).days).toEqual([]);
  });
});

describe("--bulk-plays undated", () => {
  const films = Array.from({ length: 12 }, (_, i) => film(i + 1));
  const bulkPlays = playsAt(BULK, 1, 10, 101);
  const lib = library({
    films,
    plays: [
      ...bulkPlays,
      // Film 1: seen before the bulk mark and after it.
      play(1, "2010-05-01T20:00:00.000Z", 201),
      play(1, "2020-05-01T20:00:00.000Z", 202),
      // Film 2: first dated play after the bulk mark, which says it was seen before.
      play(2, "2021-01-01T20:00:00.000Z", 203),
      // Film 3: a real play the evening of the bulk day, at another instant.
      play(3, "2015-03-01T19:00:00.000Z", 204),
      // Film 4: only a play of unknown date besides the bulk one.
      play(4, UNKNOWN, 205),
      // Films 11 and 12: watched the same evening, nothing to do with the bulk mark.
      play(11, "2015-03-01T18:00:00.000Z", 206),
      play(12, "2015-03-01T18:00:00.000Z", 207),
    ],
    ratings: [rating(5, 8), rating(1, 6)],
    reviews: [review(5, 501, "Seen long ago."), review(6, 502, "Also.")],
  });
  const rowsOf = (mode: "dated" | "undated") =>
    buildLetterboxdExport(lib, { timeZone: "Europe/Berlin", bulkPlays: { mode, threshold: 10 } }).diary.map((r) => [r.film.traktId, r.watchedDate, r.rewatch, r.rating10, r.review?.commentId ?? null, r.historyIds]);

  it("writes no diary row for a bulk play; a film seen only in bulk gets one undated row with its rating and review", () => {
    expect(rowsOf("undated")).toEqual([
      [1, "2010-05-01", false, null, null, [201]],
      [11, "2015-03-01", false, null, null, [206]],
      [12, "2015-03-01", false, null, null, [207]],
      [3, "2015-03-01", false, null, null, [204]],
      [1, "2020-05-01", true, 6, null, [202]],
      [2, "2021-01-01", true, null, null, [203]],
      // Undated rows last, by title: each marks its film watched.
      [10, null, false, null, null, [110]],
      [4, null, false, null, null, [104, 205]],
      [5, null, false, 8, 501, [105]],
      [6, null, false, null, 502, [106]],
      [7, null, false, null, null, [107]],
      [8, null, false, null, null, [108]],
      [9, null, false, null, null, [109]],
    ]);
  });

  it("puts ratings and reviews where they go without the bulk play: ratings.csv keeps every rating, a review stands once", () => {
    const letterboxd = buildLetterboxdExport(lib, { timeZone: "Europe/Berlin", bulkPlays: { mode: "undated", threshold: 10 } });
    expect(letterboxd.ratings.map((r) => [r.film.traktId, r.rating10, r.review?.commentId ?? null])).toEqual([
      [1, 6, null],
      [5, 8, null],
    ]);
    expect(letterboxd.bulkDays).toEqual([{ date: "2015-03-01", films: 10, historyIds: [101, 102, 103, 104, 105, 106, 107, 108, 109, 110] }]);
  });

  it("changes nothing by default (dated), yet names the bulk day", () => {
    const dated = buildLetterboxdExport(lib, { timeZone: "Europe/Berlin" });
    const plain = buildLetterboxdExport(lib, { timeZone: "Europe/Berlin", bulkPlays: { mode: "dated", threshold: 10 } });
    expect(rowsOf("dated")).toEqual(plain.diary.map((r) => [r.film.traktId, r.watchedDate, r.rewatch, r.rating10, r.review?.commentId ?? null, r.historyIds]));
    expect(dated.diary.filter((r) => r.watchedDate === "2015-03-01").map((r) => r.film.traktId).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    // Film 1's bulk row sits between its 2010 and 2020 rows: a rewatch there.
    expect(dated.diary.filter((r) => r.film.traktId === 1).map((r) => [r.watchedDate, r.rewatch])).toEqual([
      ["2010-05-01", false],
      ["2015-03-01", true],
      ["2020-05-01", true],
    ]);
    expect(dated.bulkDays.map((d) => d.date)).toEqual(["2015-03-01"]);
    // A higher threshold: no bulk day, and undated changes nothing.
    expect(buildLetterboxdExport(lib, { timeZone: "Europe/Berlin", bulkPlays: { mode: "undated", threshold: 11 } }).diary).toEqual(dated.diary);
  });

  it("is consistent in incremental exports: undated rows written once are not written again, and the bulk day is named once", () => {
    const options = { timeZone: "Europe/Berlin", bulkPlays: { mode: "undated", threshold: 10 } } as const;
    const first = buildLetterboxdExport(lib, options);
    const nothing: ExportedState = { plays: new Set(), ratings: new Map(), reviews: new Map(), watchlist: new Set(), lists: new Map() };
    const firstRun = selectIncremental(first, nothing);
    expect(firstRun.bulkDays.map((d) => d.date)).toEqual(["2015-03-01"]);

    const write = exportWriteOf(firstRun);
    const exported: ExportedState = {
      plays: new Set(write.plays),
      ratings: new Map(write.ratings.map((r) => [r.traktId, r.rating])),
      reviews: new Map(write.reviews.map((r) => [r.commentId, r.updatedAt])),
      watchlist: new Set(),
      lists: new Map(),
    };
    const again = selectIncremental(buildLetterboxdExport(lib, options), exported);
    expect(hasNoRows(again)).toBe(true);
    expect(again.bulkDays).toEqual([]);

    // A new real play of a film seen only in bulk: its first diary row, a rewatch; the undated row is not repeated.
    const next = library({ ...lib, films, plays: [...lib.plays, play(7, "2024-02-02T20:00:00.000Z", 300)] });
    const week = selectIncremental(buildLetterboxdExport(next, options), exported);
    expect(week.diary.map((r) => [r.film.traktId, r.watchedDate, r.rewatch, r.historyIds])).toEqual([[7, "2024-02-02", true, [300]]]);
    expect(week.bulkDays).toEqual([]);
  });
});
