import { describe, expect, it } from "vitest";
import { LetterboxdFilmIndex, titleKey, type LetterboxdFilm } from "../../src/letterboxd/film-match.js";

const film = (name: string, year: number | null, uri: string | null = null): LetterboxdFilm => ({ name, year, uri });

describe("titleKey", () => {
  it.each([
    ["Amélie", "Amelie"],
    ["Léon: The Professional", "Leon The Professional"],
    ["Crouching Tiger, Hidden Dragon", "crouching tiger hidden dragon"],
    ["Harold & Maude", "Harold and Maude"],
    ["The Matrix", "Matrix"],
    ["Matrix, The", "The Matrix"],
    ["Le Samouraï", "Le Samourai"],
    ["Grandpa's Super 8 Reels", "Grandpa’s Super 8 Reels"],
    ["\"Crocodile\" Dundee", "Crocodile Dundee"],
    ["Dune: Part Two", "Dune - Part Two"],
  ])("%s and %s are one key", (a, b) => {
    expect(titleKey(a)).toBe(titleKey(b));
  });

  it.each([
    ["Plan A", "Plan"],
    ["Alien", "Aliens"],
    ["Dune: Part Two", "Dune"],
  ])("%s and %s stay apart", (a, b) => {
    expect(titleKey(a)).not.toBe(titleKey(b));
  });

  it("keeps titles in other scripts as they are", () => {
    expect(titleKey("千と千尋の神隠し")).toBe("千と千尋の神隠し");
    expect(titleKey("Сталкер")).toBe("сталкер");
    expect(titleKey("وجدة")).toBe("وجدة");
  });
});

describe("matching a Trakt film to Letterboxd's films", () => {
  const index = new LetterboxdFilmIndex([
    film("The Matrix", 1999, "https://letterboxd.com/film/the-matrix/"),
    film("Spirited Away", 2001, "https://letterboxd.com/film/spirited-away/"),
    film("Dune", 1984, "https://letterboxd.com/film/dune/"),
    film("Dune", 2021, "https://letterboxd.com/film/dune-2021/"),
    film("Festival Cut", 2018, "https://letterboxd.com/film/festival-cut/"),
    film("Solaris", 1972, "https://letterboxd.com/film/solaris/"),
    film("Solaris", 1971, "https://letterboxd.com/film/solaris-1971/"),
    film("Home Movie", 1988, null),
    film("Home Movie", 2008, null),
  ]);

  it("finds a film by title and year, and by another of its titles (original title, alias)", () => {
    expect(index.match(["The Matrix"], 1999)).toMatchObject({ kind: "found", film: { uri: "https://letterboxd.com/film/the-matrix/" }, yearOff: false });
    expect(index.match(["千と千尋の神隠し", "Spirited Away"], 2001)).toMatchObject({ kind: "found", film: { name: "Spirited Away" } });
  });

  it("tells remakes with the same title apart by their year", () => {
    expect(index.match(["Dune"], 2021)).toMatchObject({ kind: "found", film: { year: 2021 } });
    expect(index.match(["Dune"], 1984)).toMatchObject({ kind: "found", film: { year: 1984 } });
  });

  it("allows a year one off, and says so, but prefers the exact year", () => {
    expect(index.match(["Festival Cut"], 2017)).toMatchObject({ kind: "found", yearOff: true });
    expect(index.match(["Solaris"], 1972)).toMatchObject({ kind: "found", film: { year: 1972 }, yearOff: false });
    expect(index.match(["The Matrix"], 2001)).toEqual({ kind: "none" });
  });

  it("is unsure, never guessing, when two films fit equally", () => {
    // One off from both 1971 and 1973? Here: unknown year, two films of the title.
    expect(index.match(["Home Movie"], null)).toMatchObject({ kind: "unsure", candidates: [{ year: 1988 }, { year: 2008 }] });
    const twins = new LetterboxdFilmIndex([film("Twins", 1987, "a"), film("Twins", 1989, "b")]);
    expect(twins.match(["Twins"], 1988)).toMatchObject({ kind: "unsure" });
  });

  it("finds nothing for a title Letterboxd lacks", () => {
    expect(index.match(["Untitled Basement Tape"], null)).toEqual({ kind: "none" });
  });

  it("counts a film met through several rows once", () => {
    const rows = new LetterboxdFilmIndex([film("Heat", 1995, "https://letterboxd.com/film/heat-1995/"), film("Heat", 1995, "https://letterboxd.com/film/heat-1995/")]);
    expect(rows.match(["Heat"], 1995)).toMatchObject({ kind: "found" });
  });
});
