import { describe, expect, it } from "vitest";
import { buildDiary } from "../../src/letterboxd/diary.js";
import { playInstant, type Film, type Play } from "../../src/letterboxd/library.js";
import { PlayColumns } from "../../src/letterboxd/play-columns.js";

const plays: Play[] = [
  { historyId: 3, traktId: 1, watchedAt: "2024-05-02T20:00:00.000Z" },
  { historyId: 2, traktId: 1, watchedAt: "not a time" },
  { historyId: 1, traktId: 1, watchedAt: "1970-01-01T00:00:00.000Z" },
];
const film: Film = { traktId: 1, title: "Film", year: 2001, imdb: "tt0000001", tmdb: 1 };

describe("PlayColumns", () => {
  it("gives back every play in order, its time parsed and its text as it was, an unreadable one too", () => {
    const columns = new PlayColumns(plays);
    expect(columns.length).toBe(3);
    const again = [...columns];
    expect(again.map(({ historyId, traktId, watchedAt }) => ({ historyId, traktId, watchedAt }))).toEqual(plays);
    expect(again.map(playInstant)).toEqual(plays.map((play) => Date.parse(play.watchedAt)));
    // Each pass reads the columns afresh.
    expect([...columns].map((play) => play.historyId)).toEqual([3, 2, 1]);
  });

  it("holds any number of plays", () => {
    const many = Array.from({ length: 5000 }, (_, i) => ({ historyId: i, traktId: i % 7, watchedAt: new Date(Date.UTC(2020, 0, 1) + i * 60_000).toISOString() }));
    const columns = new PlayColumns(many);
    expect(columns.length).toBe(5000);
    expect([...columns].map(({ historyId, traktId, watchedAt }) => ({ historyId, traktId, watchedAt }))).toEqual(many);
  });

  it("maps to the same diary as the plays themselves, warnings included", () => {
    const library = { films: new Map([[1, film]]), ratings: [], reviews: [], watchlist: [], lists: [] };
    const fromArray: string[] = [];
    const fromColumns: string[] = [];
    const expected = buildDiary({ ...library, plays }, { timeZone: "Europe/Berlin", warn: (m) => fromArray.push(m) });
    expect(buildDiary({ ...library, plays: new PlayColumns(plays) }, { timeZone: "Europe/Berlin", warn: (m) => fromColumns.push(m) })).toEqual(expected);
    expect(fromColumns).toEqual(fromArray);
    expect(fromColumns).toEqual(['History item 2 has an unreadable watched_at "not a time"; skipped.']);
  });
});
