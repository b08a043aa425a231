import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { buildLetterboxdExport, letterboxdCsvFiles, renderCsv } from "../../src/letterboxd/index.js";
import type { Library } from "../../src/letterboxd/index.js";
import { film, library, play, rating, review, UNKNOWN } from "./library-builder.js";

/** The export's files as parsed CSV: name → rows of cells, header first. */
function csvOf(lib: Library, tags: string[] = []): Map<string, string[][]> {
  const files = letterboxdCsvFiles(buildLetterboxdExport(lib, { timeZone: "UTC", tags }));
  return new Map(files.map((file) => [file.name, parse(renderCsv(file.header, file.records)) as string[][]]));
}

describe("CSV records", () => {
  it("uses exactly the contract's headers", () => {
    const csv = csvOf(library({ lists: [{ traktId: 1, slug: "l", name: "L", description: null, items: [] }] }));
    expect(csv.get("diary")).toEqual([["Title", "Year", "Directors", "imdbID", "tmdbID", "WatchedDate", "Rating", "Rating10", "Rewatch", "Tags", "Review"]]);
    expect(csv.get("ratings")).toEqual([["Title", "Year", "Directors", "imdbID", "tmdbID", "Rating", "Rating10", "Review"]]);
    expect(csv.get("watchlist")).toEqual([["Title", "Year", "imdbID", "tmdbID"]]);
    expect(csv.get("lists/l")).toEqual([["Position", "Title", "Year", "imdbID", "tmdbID", "Review"]]);
  });

  it("writes a diary row with half-scale Rating, Rating10, Rewatch, Tags and Review", () => {
    const csv = csvOf(
      library({
        films: [film(1, { title: "Heat, the \"director's\" cut" })],
        plays: [play(1, "2024-01-01T12:00:00.000Z"), play(1, "2024-02-01T12:00:00.000Z")],
        ratings: [rating(1, 7)],
        reviews: [review(1, 5, "Line one\nline two", "2024-02-02T00:00:00.000Z")],
      }),
      ["trakt", "from export"],
    );
    expect(csv.get("diary")?.slice(1)).toEqual([
      ["Heat, the \"director's\" cut", "2001", "", "tt0000001", "1001", "2024-01-01", "", "", "false", "trakt, from export", ""],
      ["Heat, the \"director's\" cut", "2001", "", "tt0000001", "1001", "2024-02-01", "3.5", "7", "true", "trakt, from export", "Line one\nline two"],
    ]);
  });

  it.each([
    [1, "0.5"],
    [8, "4"],
    [10, "5"],
  ])("writes Rating10 %i as Rating %s", (value, half) => {
    const csv = csvOf(library({ films: [film(1)], ratings: [rating(1, value)] }));
    expect(csv.get("ratings")?.[1]?.slice(5, 7)).toEqual([half, String(value)]);
  });

  it("fills Directors only for films with neither an IMDb nor a TMDb id", () => {
    const films = [
      film(1, { imdb: null, tmdb: null, directors: ["Lana Wachowski", "Lilly Wachowski"] }),
      film(2, { imdb: null, directors: ["Only TMDb"] }),
      film(3, { tmdb: null, directors: ["Only IMDb"] }),
    ];
    const csv = csvOf(library({ films, ratings: films.map((f) => rating(f.traktId, 6)) }));
    expect(csv.get("ratings")?.slice(1).map((row) => row.slice(0, 5))).toEqual([
      ["Film 1", "2001", "Lana Wachowski, Lilly Wachowski", "", ""],
      ["Film 2", "2002", "", "", "1002"],
      ["Film 3", "2003", "", "tt0000003", ""],
    ]);
  });

  it("leaves unknown year and ids empty, never 0, null or undefined", () => {
    const bare = film(1, { year: null, imdb: null, tmdb: null });
    const zeros = film(2, { year: 0, tmdb: 0, imdb: null });
    const text = letterboxdCsvFiles(
      buildLetterboxdExport(library({ films: [bare, zeros], plays: [play(1, UNKNOWN), play(2, UNKNOWN)] }), { timeZone: "UTC" }),
    )
      .map((file) => renderCsv(file.header, file.records))
      .join("");
    expect(text).not.toMatch(/null|undefined|,0,/);
    expect(text).toContain("Film 1,,,,,,,,false,,\n");
    expect(text).toContain("Film 2,,,,,,,,false,,\n");
  });

  it("writes the undated row of a film seen only on unknown dates with its rating and review", () => {
    const csv = csvOf(library({ films: [film(1)], plays: [play(1, UNKNOWN)], ratings: [rating(1, 9)], reviews: [review(1, 1, "Classic")] }));
    expect(csv.get("diary")?.[1]).toEqual(["Film 1", "2001", "", "tt0000001", "1001", "", "4.5", "9", "false", "", "Classic"]);
    expect(csv.get("ratings")?.slice(1)).toEqual([["Film 1", "2001", "", "tt0000001", "1001", "4.5", "9", ""]]);
  });

  it("stands each review exactly once across diary and ratings", () => {
    const films = [film(1), film(2), film(3)];
    const csv = csvOf(
      library({
        films,
        plays: [play(1, "2024-01-01T12:00:00.000Z")],
        ratings: [rating(1, 6), rating(2, 6)],
        reviews: [review(1, 1, "played"), review(2, 2, "rated"), review(3, 3, "only reviewed")],
      }),
    );
    const reviews = [...(csv.get("diary") ?? []).slice(1).map((row) => row[10]), ...(csv.get("ratings") ?? []).slice(1).map((row) => row[7])];
    expect(reviews.filter((text) => text !== "").sort()).toEqual(["only reviewed", "played", "rated"]);
    expect(csv.get("ratings")?.slice(1).find((row) => row[0] === "Film 3")).toEqual(["Film 3", "2003", "", "tt0000003", "1003", "", "", "only reviewed"]);
  });

  it("writes watchlist and list rows, list notes as Review", () => {
    const csv = csvOf(
      library({
        films: [film(1), film(2, { year: null })],
        watchlist: [{ traktId: 2, rank: 1, listedAt: UNKNOWN, notes: "ignored" }],
        lists: [
          {
            traktId: 9,
            slug: "faves",
            name: "Faves",
            description: null,
            items: [
              { traktId: 1, rank: 2, listedAt: UNKNOWN, notes: "the best" },
              { traktId: 2, rank: 1, listedAt: UNKNOWN, notes: null },
            ],
          },
        ],
      }),
    );
    expect(csv.get("watchlist")?.slice(1)).toEqual([["Film 2", "", "tt0000002", "1002"]]);
    expect(csv.get("lists/faves")?.slice(1)).toEqual([
      ["1", "Film 2", "", "tt0000002", "1002", ""],
      ["2", "Film 1", "2001", "tt0000001", "1001", "the best"],
    ]);
  });
});

describe("buildLetterboxdExport", () => {
  it("lists the films in any output that only a title can match, and collects warnings", () => {
    const idless = film(1, { imdb: null, tmdb: null, directors: ["X"] });
    const listedIdless = film(2, { imdb: null, tmdb: null, title: "A list film" });
    const result = buildLetterboxdExport(
      library({
        films: [idless, listedIdless, film(3, { imdb: null, tmdb: null }), film(4)],
        plays: [play(1, "2024-01-01T00:00:00.000Z"), play(4, "2024-01-01T00:00:00.000Z"), play(77, "2024-01-01T00:00:00.000Z", 700)],
        ratings: [rating(1, 5)],
        lists: [{ traktId: 1, slug: "x", name: "x", description: null, items: [{ traktId: 2, rank: 1, listedAt: UNKNOWN, notes: null }] }],
      }),
      { timeZone: "UTC" },
    );
    expect(result.titleOnlyFilms).toEqual([listedIdless, idless]);
    expect(result.warnings).toEqual(["History item 700 refers to film 77, which is not in the library; skipped."]);
  });
});
