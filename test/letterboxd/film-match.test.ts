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

describe("matching through Trakt's aliases (other countries' titles)", () => {
  const index = new LetterboxdFilmIndex([
    film("Spirited Away", 2001, "https://letterboxd.com/film/spirited-away/"),
    film("Amélie", 2001, "https://letterboxd.com/film/amelie/"),
    film("Harold and Maude", 1971, "https://letterboxd.com/film/harold-and-maude/"),
    film("The Wages of Fear", 1953, "https://letterboxd.com/film/the-wages-of-fear/"),
    film("Léon: The Professional", 1994, "https://letterboxd.com/film/leon-the-professional/"),
    film("Stalker", 1979, "https://letterboxd.com/film/stalker/"),
    film("Run Lola Run", 1998, "https://letterboxd.com/film/run-lola-run/"),
    // Another film with Trakt's own title, a year off: an alias of the exact year wins over it.
    film("Lola rennt", 1999, "https://letterboxd.com/film/lola-rennt-1999/"),
    film("Dune", 1984, "https://letterboxd.com/film/dune/"),
    film("Dune", 2021, "https://letterboxd.com/film/dune-2021/"),
    film("Heimat", 2008, "https://letterboxd.com/film/heimat-2008/"),
    // Two films of one title and year: an alias naming them cannot tell which.
    film("Home", 2008, "https://letterboxd.com/film/home-2008/"),
    film("Home", 2008, "https://letterboxd.com/film/home-2008-2/"),
    film("Night", 1991, "https://letterboxd.com/film/night-1991/"),
    film("Nuit", 1991, "https://letterboxd.com/film/nuit/"),
  ]);

  type Expected = { kind: "found"; uri: string; yearOff: boolean } | { kind: "unsure"; uris: string[] } | { kind: "none" };
  const lb = (slug: string) => `https://letterboxd.com/film/${slug}/`;
  it.each<[string, string[], string[], number | null, Expected]>([
    ["a non-Latin title, by an English alias", ["千と千尋の神隠し"], ["Le Voyage de Chihiro", "Spirited Away"], 2001, { kind: "found", uri: lb("spirited-away"), yearOff: false }],
    ["accents", ["Le Fabuleux Destin d'Amélie Poulain"], ["Amelie"], 2001, { kind: "found", uri: lb("amelie"), yearOff: false }],
    ["`&` for `and`", ["Harold et Maude"], ["Harold & Maude"], 1971, { kind: "found", uri: lb("harold-and-maude"), yearOff: false }],
    ["a leading article, written after", ["Le Salaire de la peur"], ["Wages of Fear, The"], 1953, { kind: "found", uri: lb("the-wages-of-fear"), yearOff: false }],
    ["punctuation", ["Léon"], ["Leon - The Professional"], 1994, { kind: "found", uri: lb("leon-the-professional"), yearOff: false }],
    ["a Cyrillic title, a year off", ["Сталкер"], ["STALKER"], 1980, { kind: "found", uri: lb("stalker"), yearOff: true }],
    ["an alias of the exact year over the own title a year off", ["Lola rennt"], ["Run Lola Run"], 1998, { kind: "found", uri: lb("run-lola-run"), yearOff: false }],
    ["the own title a year off when no alias fits", ["Lola rennt"], ["Cours, Lola, cours"], 1998, { kind: "found", uri: lb("lola-rennt-1999"), yearOff: true }],
    ["remakes of one title, by year", ["Dune"], ["Dune: Part One"], 2021, { kind: "found", uri: lb("dune-2021"), yearOff: false }],
    ["the own title over aliases that tie", ["Heimat"], ["Home"], 2008, { kind: "found", uri: lb("heimat-2008"), yearOff: false }],
    ["an unknown year, by alias", ["千と千尋の神隠し"], ["Spirited Away"], null, { kind: "found", uri: lb("spirited-away"), yearOff: false }],
    ["two films of the alias's title and year", ["Chez nous"], ["Home"], 2008, { kind: "unsure", uris: [lb("home-2008"), lb("home-2008-2")] }],
    ["two aliases naming two films of the year", ["Noc"], ["Night", "Nuit"], 1991, { kind: "unsure", uris: [lb("night-1991"), lb("nuit")] }],
    ["aliases two years off", ["Сталкер"], ["Stalker"], 1981, { kind: "none" }],
    ["no title or alias Letterboxd has", ["Untitled Basement Tape"], [], null, { kind: "none" }],
  ])("%s", (_case, titles, aliases, year, expected) => {
    const match = index.match(titles, year, aliases);
    if (expected.kind === "found") expect(match).toMatchObject({ kind: "found", film: { uri: expected.uri }, yearOff: expected.yearOff });
    else if (expected.kind === "unsure") expect(match.kind === "unsure" ? match.candidates.map((f) => f.uri) : match).toEqual(expected.uris);
    else expect(match).toEqual({ kind: "none" });
  });

  it("needs no alias where the own titles find the film", () => {
    expect(index.match(["Spirited Away"], 2001)).toMatchObject({ kind: "found", film: { name: "Spirited Away" } });
    expect(index.match(["千と千尋の神隠し"], 2001)).toEqual({ kind: "none" });
  });
});
