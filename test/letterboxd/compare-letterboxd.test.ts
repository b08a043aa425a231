import { describe, expect, it } from "vitest";
import { buildLetterboxdExport } from "../../src/letterboxd/index.js";
import { compareWithLetterboxd, filmsForAliases, isDifference, reviewsLetterboxdHas, withoutWhatLetterboxdHas } from "../../src/letterboxd/compare-letterboxd.js";
import type { LetterboxdAccount, LetterboxdDiaryEntry } from "../../src/letterboxd/letterboxd-account.js";
import { film, library, play, rating, review, UNKNOWN } from "./library-builder.js";

const ZONE = { timeZone: "UTC" };
const uri = (slug: string) => `https://letterboxd.com/film/${slug}/`;
const entry = (name: string, year: number, watchedDate: string | null, extra: Partial<LetterboxdDiaryEntry> = {}): LetterboxdDiaryEntry => ({
  name, year, uri: null, date: "2026-11-29", watchedDate, rating: null, rewatch: false, tags: [], review: null, ...extra,
});
const account = (parts: Partial<LetterboxdAccount>): LetterboxdAccount => ({ path: "lb.zip", diary: [], reviews: [], ratings: [], watched: [], watchlist: [], lists: [], ...parts });

// Trakt: Heat twice (one day a week apart), Alien once (rated 8), Casablanca only on an unknown date, Dune and Solaris on the watchlist.
const heat = film(1, { title: "Heat", year: 1995 });
const alien = film(2, { title: "Alien", year: 1979 });
const casablanca = film(3, { title: "Casablanca", year: 1942 });
const dune = film(4, { title: "Dune", year: 2021 });
const solaris = film(5, { title: "Solaris", year: 1972 });
const trakt = buildLetterboxdExport(
  library({
    films: [heat, alien, casablanca, dune, solaris],
    plays: [play(1, "2024-01-10T20:00:00.000Z"), play(1, "2024-01-17T20:00:00.000Z"), play(2, "2024-02-01T20:00:00.000Z"), play(3, UNKNOWN)],
    ratings: [rating(2, 8)],
    watchlist: [
      { traktId: 4, rank: 1, listedAt: "2024-01-01T00:00:00.000Z", notes: null },
      { traktId: 5, rank: 2, listedAt: "2024-01-01T00:00:00.000Z", notes: null },
    ],
  }),
  ZONE,
);

describe("comparing the Trakt library with the member's Letterboxd export", () => {
  it("finds nothing to report when everything arrived", () => {
    const lb = account({
      diary: [entry("Heat", 1995, "2024-01-10"), entry("Heat", 1995, "2024-01-17"), entry("Alien", 1979, "2024-02-01", { rating: 4 })],
      ratings: [{ name: "Alien", year: 1979, uri: uri("alien"), date: "2026-11-29", rating: 4 }],
      watched: [{ name: "Casablanca", year: 1942, uri: uri("casablanca"), date: "2026-11-29" }],
      watchlist: [{ name: "Dune", year: 2021, uri: uri("dune-2021"), date: "2026-11-29" }],
      // Solaris is watched already: not missing from the watchlist.
      reviews: [entry("Solaris", 1972, "2023-05-01")],
    });
    const result = compareWithLetterboxd(trakt, lb);
    expect(result.films).toEqual([]);
    expect(result.counts).toMatchObject({ films: 5, found: 5, missingDiaryEntries: 0, ratingsDiffer: 0, watchlistMissing: 0 });
    expect(result.missing).toEqual({ diary: [], ratings: [], watchlist: [] });
  });

  it("reports missing entries, a one-day shift, a differing rating, a missing watchlist film and films not found", () => {
    const lb = account({
      // Heat's second play landed a day early (another time zone); its first is missing. Alien rated 3.
      diary: [entry("Heat", 1995, "2024-01-16"), entry("Alien", 1979, "2024-02-01")],
      ratings: [{ name: "Alien", year: 1979, uri: uri("alien"), date: "2026-11-29", rating: 3 }],
    });
    const result = compareWithLetterboxd(trakt, lb);
    expect(result.counts).toMatchObject({ found: 2, notFound: 3, missingDiaryEntries: 1, otherDates: 1, oneDayShifts: 1, ratingsDiffer: 1, watchlistMissing: 2 });
    const byTitle = Object.fromEntries(result.films.map((f) => [f.film.title, f]));
    expect(byTitle.Heat).toMatchObject({ match: "found", missingDates: ["2024-01-10"], otherDates: [{ trakt: "2024-01-17", letterboxd: "2024-01-16", oneDay: true }] });
    expect(byTitle.Alien).toMatchObject({ rating: { trakt: 4, letterboxd: 3 } });
    expect(byTitle.Casablanca).toMatchObject({ match: "none", notWatched: true });
    expect(byTitle.Dune).toMatchObject({ match: "none", watchlistMissing: true });
    // The fix: only what is missing or different, as export rows.
    expect(result.missing.diary.map((r) => [r.film.title, r.watchedDate])).toEqual([["Heat", "2024-01-10"], ["Heat", "2024-01-17"], ["Casablanca", null]]);
    expect(result.missing.ratings.map((r) => r.film.title)).toEqual(["Alien"]);
    expect(result.missing.watchlist.map((r) => r.film.title)).toEqual(["Dune", "Solaris"]);
  });

  it("is unsure of a film two Letterboxd films fit equally, and matches one a year off", () => {
    const lb = account({
      watched: [
        { name: "Heat", year: 1994, uri: uri("heat-1994"), date: null },
        { name: "Heat", year: 1996, uri: uri("heat-1996"), date: null },
        { name: "Alien", year: 1980, uri: uri("alien"), date: null },
      ],
    });
    const result = compareWithLetterboxd({ ...trakt, ratings: [], watchlist: [] }, lb);
    const byTitle = Object.fromEntries(result.films.map((f) => [f.film.title, f]));
    // Unsure: nothing is said of its entries (whose would they be?), and it is no difference; its rows may still be lacking.
    expect(byTitle.Heat).toMatchObject({ match: "unsure", candidates: [{ year: 1994 }, { year: 1996 }], missingDates: [], otherDates: [] });
    expect(isDifference(byTitle.Heat!)).toBe(false);
    expect(result.missing.diary.filter((r) => r.film.title === "Heat")).toHaveLength(2);
    expect(byTitle.Alien).toMatchObject({ match: "found", letterboxd: { year: 1980, yearOff: true }, missingDates: ["2024-02-01"] });
    expect(isDifference(byTitle.Alien!)).toBe(true);
    expect(result.counts).toMatchObject({ found: 1, unsure: 1, notFound: 1, missingDiaryEntries: 1 });
  });

  it("finds a film Letterboxd names otherwise through its aliases, a tie through them staying unsure", () => {
    const lola = film(6, { title: "Lola rennt", year: 1998 });
    const home = film(7, { title: "Chez nous", year: 2008 });
    const rows = buildLetterboxdExport(library({ films: [lola, home], plays: [play(6, "2024-03-30T20:00:00.000Z"), play(7, "2024-04-01T20:00:00.000Z")] }), ZONE);
    const lb = account({
      diary: [entry("Run Lola Run", 1998, "2024-03-30"), entry("Home", 2008, "2024-04-01")],
      watched: [{ name: "Home", year: 2008, uri: uri("home-2008"), date: null }, { name: "Home", year: 2008, uri: uri("home-2008-2"), date: null }],
    });
    expect(compareWithLetterboxd(rows, lb).counts).toMatchObject({ found: 0, notFound: 2 });
    const aliases = new Map([[6, ["Run Lola Run", "Cours, Lola, cours"]], [7, ["Home"]]]);
    const result = compareWithLetterboxd(rows, lb, { aliases });
    expect(result.counts).toMatchObject({ found: 1, unsure: 1, notFound: 0, missingDiaryEntries: 0 });
    expect(result.films).toEqual([expect.objectContaining({ film: { traktId: 7, title: "Chez nous", year: 2008 }, match: "unsure", missingDates: [] })]);
  });

  it("reports a film with neither id that Letterboxd lacks as not found, title only, and no difference", () => {
    const tape = film(8, { title: "Untitled Basement Tape", year: null, imdb: null, tmdb: null });
    const rows = buildLetterboxdExport(library({ films: [heat, tape], plays: [play(1, "2024-01-10T20:00:00.000Z"), play(8, "2023-09-09T20:00:00.000Z")], ratings: [rating(8, 6)] }), ZONE);
    const result = compareWithLetterboxd(rows, account({ diary: [entry("Heat", 1995, "2024-01-10")] }));
    expect(result.films).toEqual([{ film: { traktId: 8, title: "Untitled Basement Tape", year: null }, match: "none", titleOnly: true, missingDates: [], otherDates: [], notWatched: false, watchlistMissing: false }]);
    expect(result.counts).toMatchObject({ found: 1, notFound: 1, missingDiaryEntries: 0, ratingsDiffer: 0 });
    expect(result.films.filter(isDifference)).toEqual([]);
    // export --letterboxd still writes its rows: Letterboxd may lack them.
    const { rows: left } = withoutWhatLetterboxdHas(rows, account({ diary: [entry("Heat", 1995, "2024-01-10")] }), new Map());
    expect(left.diary.map((r) => r.film.title)).toEqual(["Untitled Basement Tape"]);
    expect(left.ratings.map((r) => r.film.title)).toEqual(["Untitled Basement Tape"]);
  });
});

describe("which films to ask Trakt's aliases of", () => {
  const rows = buildLetterboxdExport(
    library({
      films: [heat, alien, film(6, { title: "Lola rennt", year: 1998 }), film(7, { title: "Сталкер", year: 1979 }), film(8, { title: "Untitled Basement Tape", year: null, imdb: null, tmdb: null })],
      plays: [play(1, "2024-01-10T20:00:00.000Z"), play(2, "2024-02-01T20:00:00.000Z"), play(6, "2024-03-30T20:00:00.000Z"), play(7, "2024-04-01T20:00:00.000Z"), play(8, "2023-09-09T20:00:00.000Z")],
    }),
    ZONE,
  );

  it("asks none when Letterboxd holds no film the titles left over", () => {
    expect(filmsForAliases(rows, account({}))).toEqual([]);
    expect(filmsForAliases(rows, account({ diary: [entry("Heat", 1995, "2024-01-10"), entry("Alien", 1979, "2024-02-01")] }))).toEqual([]);
  });

  it("asks for the films not placed whose year, or one off, a left-over Letterboxd film has, and for films of unknown year", () => {
    const lb = account({ diary: [entry("Heat", 1995, "2024-01-10"), entry("Run Lola Run", 1999, "2024-03-30")] });
    // Lola rennt (1998) is one off 1999, the tape has no year; Alien and Сталкер (1979) are not near it.
    expect(filmsForAliases(rows, lb)).toEqual([6, 8]);
    expect(filmsForAliases(rows, account({ diary: [entry("Stalker", 1979, "2024-04-01")] }))).toEqual([2, 7, 8]);
  });

  it("asks no more for a film its cached aliases already place", () => {
    const lb = account({ diary: [entry("Run Lola Run", 1998, "2024-03-30"), entry("Stalker", 1979, "2024-04-01")] });
    // Lola rennt takes Run Lola Run; Stalker (1979) is left for Alien and Сталкер (1979) and the tape.
    expect(filmsForAliases(rows, lb, { aliases: new Map([[6, ["Run Lola Run"]]]) })).toEqual([2, 7, 8]);
  });
});

describe("films whose aliases were not fetched, and reviews Letterboxd has", () => {
  it("a film not found while its aliases were not fetched is unsure, not a difference, and keeps all its rows", () => {
    const lb = account({ watched: [{ name: "Heat (renamed)", year: 1995, uri: uri("heat-renamed"), date: "2026-11-29" }] });
    const result = compareWithLetterboxd(trakt, lb, { aliasesNotFetched: new Set([1]) });
    const heatProblem = result.films.find((f) => f.film.traktId === 1)!;
    expect(heatProblem).toMatchObject({ match: "none", aliasesNotFetched: true, missingDates: [] });
    expect(isDifference(heatProblem)).toBe(false);
    // Only Alien's play counts as missing.
    expect(result.counts.missingDiaryEntries).toBe(1);
    expect(result.missing.diary.filter((row) => row.film.traktId === 1)).toHaveLength(2);
    // Alien, not among them, is surely missing.
    expect(isDifference(result.films.find((f) => f.film.traktId === 2)!)).toBe(true);
  });

  it("leaves out a review Letterboxd has (same text, whitespace aside), keeping the row's rating when still needed", () => {
    const rows = {
      diary: [],
      ratings: [
        { film: alien, rating10: 8, review: { traktId: 2, commentId: 1, text: "Still  scary.\n", spoiler: false, createdAt: "", updatedAt: "" } },
        { film: heat, rating10: null, review: { traktId: 1, commentId: 2, text: "The diner.", spoiler: false, createdAt: "", updatedAt: "" } },
      ],
      watchlist: [],
    };
    const lb = account({ reviews: [entry("Alien", 1979, null, { review: "Still scary." }), entry("Heat", 1995, null, { review: "The diner scene." })] });
    const { rows: kept, filter } = withoutWhatLetterboxdHas(rows, lb, new Map());
    expect(kept.ratings).toEqual([{ ...rows.ratings[0], review: null }, rows.ratings[1]]);
    expect(filter.leftOut).toMatchObject({ ratings: 0, reviews: 1 });
  });

  it("tells a review Letterboxd holds by its film and text, the film matched as withoutWhatLetterboxdHas matches it", () => {
    const lola = film(6, { title: "Lola rennt", year: 1998 });
    const rows = buildLetterboxdExport(library({ films: [heat, alien, lola], plays: [play(1, "2024-01-10T20:00:00.000Z"), play(2, "2024-02-01T20:00:00.000Z"), play(6, "2024-03-30T20:00:00.000Z")] }), ZONE);
    const lb = account({
      reviews: [entry("Alien", 1979, null, { review: "Still scary." }), entry("The Big Lebowski", 1998, null, { review: "Run." })],
      diary: [entry("Run Lola Run", 1998, "2024-03-30")],
    });
    const has = reviewsLetterboxdHas(rows, lb);
    expect(has(alien, review(2, 1, "Still  scary.\n"))).toBe(true);
    expect(has(alien, review(2, 1, "Still scary, mostly."))).toBe(false);
    expect(has(alien, null)).toBe(false);
    // Another film's review of the same text is not this one's.
    expect(has(heat, review(1, 2, "Still scary."))).toBe(false);
    // Not found by its titles, Lola rennt may be any film of 1998 no other film took; its aliases place it on Run Lola Run.
    expect(has(lola, review(6, 3, "Run."))).toBe(true);
    expect(reviewsLetterboxdHas(rows, lb, { aliases: new Map([[6, ["Run Lola Run"]]]) })(lola, review(6, 3, "Run."))).toBe(false);
  });
});
