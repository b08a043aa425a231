import { describe, expect, it } from "vitest";
import { buildShowRows, showRecord, type ApiEpisodePlay } from "../../src/letterboxd/shows.js";

const show = { title: "Shōgun", year: 2024, ids: { trakt: 1, imdb: "tt2788316", tmdb: 126308, tvdb: 392573 } };
const other = { title: "Frasier", year: 1993, ids: { trakt: 2, imdb: null, tmdb: null, tvdb: null } };
let nextId = 1;
const play = (s: typeof show | typeof other, season: number, number: number, at: string, action = "watch"): ApiEpisodePlay => ({
  id: nextId++,
  watched_at: at,
  action,
  episode: { season, number },
  show: s,
});

describe("shows.csv rows", () => {
  it("makes one row per show and local day, listing its episodes once each", () => {
    const rows = buildShowRows(
      [
        play(show, 1, 2, "2024-03-02T19:10:00.000Z"),
        play(show, 1, 1, "2024-03-02T18:00:00.000Z"),
        play(show, 1, 1, "2024-03-02T21:00:00.000Z"),
        // 00:30 in Berlin on the 3rd, 23:30 UTC on the 2nd.
        play(show, 1, 3, "2024-03-02T23:30:00.000Z"),
      ],
      [],
      { timeZone: "Europe/Berlin" },
    );
    expect(rows.map((r) => [r.watchedDate, r.episodes.join(", ")])).toEqual([
      ["2024-03-02", "S01E01, S01E02"],
      ["2024-03-03", "S01E03"],
    ]);
    const utc = buildShowRows([play(show, 1, 2, "2024-03-02T19:10:00.000Z"), play(show, 1, 3, "2024-03-02T23:30:00.000Z")], [], { timeZone: "UTC" });
    expect(utc).toHaveLength(1);
  });

  it("marks a day rewatching an episode seen on an earlier day or an unknown date, and puts the rating on the latest row", () => {
    const rows = buildShowRows(
      [
        play(other, 1, 1, "2019-05-01T19:00:00.000Z"),
        play(other, 1, 1, "2023-01-15T19:00:00.000Z"),
        play(other, 1, 2, "2023-01-16T19:00:00.000Z"),
        play(show, 1, 1, "1970-01-01T00:00:00.000Z"),
        play(show, 1, 1, "2024-03-02T18:00:00.000Z"),
        play(show, 1, 5, "2024-03-09T18:00:00.000Z", "unknown-action"),
      ],
      [
        { rated_at: "2020-01-01T00:00:00.000Z", rating: 7, show: other },
        { rated_at: "2024-01-01T00:00:00.000Z", rating: 9, show: other },
      ],
      { timeZone: "Europe/Berlin" },
    );
    expect(rows.map((r) => [r.show.title, r.watchedDate, r.rewatch, r.rating10])).toEqual([
      ["Frasier", "2019-05-01", false, null],
      ["Frasier", "2023-01-15", true, null],
      ["Frasier", "2023-01-16", false, 9],
      ["Shōgun", "2024-03-02", true, null],
    ]);
    expect(showRecord(rows[2] ?? rows[0]!)).toEqual(["Frasier", "1993", "", "", "", "2023-01-16", "S01E02", "false", "4.5", "9"]);
  });

  it("lists a day's episodes in season and episode order, past episode 99", () => {
    const rows = buildShowRows(
      [play(show, 1, 100, "2024-03-02T18:00:00.000Z"), play(show, 10, 1, "2024-03-02T18:10:00.000Z"), play(show, 1, 99, "2024-03-02T18:20:00.000Z"), play(show, 2, 1, "2024-03-02T18:30:00.000Z")],
      [],
      { timeZone: "UTC" },
    );
    expect(rows.map((r) => r.episodes)).toEqual([["S01E99", "S01E100", "S02E01", "S10E01"]]);
  });

  it("gives a show seen only on unknown dates one undated row, after the dated ones", () => {
    const rows = buildShowRows([play(other, 2, 1, "1970-01-01T00:00:00.000Z"), play(show, 1, 1, "2024-03-02T18:00:00.000Z")], [], { timeZone: "UTC" });
    expect(rows.map((r) => [r.show.title, r.watchedDate, r.episodes])).toEqual([
      ["Shōgun", "2024-03-02", ["S01E01"]],
      ["Frasier", null, ["S02E01"]],
    ]);
  });
});
