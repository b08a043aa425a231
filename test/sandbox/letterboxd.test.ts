import { readdirSync, readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import type { LetterboxdAccount } from "../../src/letterboxd/letterboxd-account.js";
import { readLetterboxdExport } from "../../src/letterboxd-export/read-letterboxd-export.js";
import {
  changeRatings,
  dropDiaryEntries,
  dropWatchlistFilms,
  emptyLetterboxdAccount,
  importCsv,
  LETTERBOXD_DELETED_ROW,
  LETTERBOXD_DIFFERENCES,
  LETTERBOXD_PROFILE_EMAIL,
  letterboxdCatalog,
  letterboxdExportFiles,
  letterboxdExportName,
  sampleLibrary,
  shiftDiaryDates,
  writeLetterboxdExport,
  type LetterboxdCatalogFilm,
  type LetterboxdSandboxAccount,
} from "../../src/sandbox/index.js";
import { withTempDir } from "../helpers/run-cli.js";

const GOLDEN = join(import.meta.dirname, "../e2e/golden/sample");
/** Our files for the sample library, as the tool writes them: name → text. */
const golden = new Map<string, string>([
  ...readdirSync(GOLDEN).filter((n) => n.endsWith(".csv")).map((n): [string, string] => [n, readFileSync(join(GOLDEN, n), "utf8")]),
  ...readdirSync(join(GOLDEN, "lists")).map((n): [string, string] => [`lists/${n}`, readFileSync(join(GOLDEN, "lists", n), "utf8")]),
]);
const rowsOf = (name: string) => parse(golden.get(name) ?? "", { columns: true }) as Record<string, string>[];
const catalogue = letterboxdCatalog(sampleLibrary());
const filmOf = (row: Record<string, string>): LetterboxdCatalogFilm | undefined =>
  catalogue.find((f) => (row.imdbID && f.imdb === row.imdbID) || (row.tmdbID && f.tmdb === Number(row.tmdbID))) ??
  catalogue.find((f) => f.traktId !== null && f.name === row.Title && f.year === Number(row.Year));
const byImdb = (imdb: string) => catalogue.find((f) => f.imdb === imdb) as LetterboxdCatalogFilm;

function imported(): { account: LetterboxdSandboxAccount; result: ReturnType<typeof importCsv> } {
  const account = emptyLetterboxdAccount("sam");
  const result = importCsv(account, catalogue, golden, { listNames: { "best-of-2024": "Best of 2024" } });
  return { account, result };
}

async function roundTrip(account: LetterboxdSandboxAccount, zip = true): Promise<LetterboxdAccount> {
  return withTempDir(async (dir) => readLetterboxdExport(await writeLetterboxdExport(account, join(dir, zip ? letterboxdExportName(account) : "folder"), { zip })));
}

describe("the Letterboxd catalogue", () => {
  it("names and dates the sample films as LETTERBOXD_DIFFERENCES says, with unique film URIs", () => {
    for (const d of LETTERBOXD_DIFFERENCES) {
      if (d.letterboxd === null) {
        expect(catalogue.some((f) => f.name === d.title)).toBe(false);
        continue;
      }
      const film = catalogue.find((f) => f.uri === d.letterboxd?.uri);
      expect(film, d.letterboxd.uri).toMatchObject({ name: d.letterboxd.name, year: d.letterboxd.year });
      expect(film?.traktId === null).toBe(d.kind === "lookalike");
      if (d.kind === "name") expect(film?.alternativeTitles).toContain(d.title);
    }
    expect(new Set(catalogue.map((f) => f.uri)).size).toBe(catalogue.length);
    expect(byImdb("tt0102536").uri).toBe("https://letterboxd.com/film/night-on-earth/");
    expect(catalogue.filter((f) => f.name === "Grandpa's Super 8 Reels").map((f) => [f.year, f.directors])).toEqual([
      [1994, ["Harold Lindqvist", "Greta Lindqvist"]],
      [1994, ["Ruth Ekström"]],
    ]);
  });
});

describe("importing the golden files and reading the export back", () => {
  it("makes one diary entry per dated row, under Letterboxd's names, and reports the id-less film it cannot find", async () => {
    const { account, result } = imported();
    expect(result.unmatched).toEqual([{ file: "diary.csv", row: expect.any(Number), title: "Untitled Basement Tape", year: null }]);
    const dated = rowsOf("diary.csv").filter((r) => r.WatchedDate && r.Title !== "Untitled Basement Tape");
    const distinct = new Set(dated.map((r) => `${filmOf(r)?.uri} ${r.WatchedDate}`));
    expect(result.diaryAdded).toBe(distinct.size);

    for (const zip of [true, false]) {
      const lb = await roundTrip(account, zip);
      expect(lb.diary).toHaveLength(distinct.size);
      // Every golden dated row has its entry, with the row's rating and rewatch.
      const entries = new Map(lb.diary.map((e) => [`${e.name} ${e.year} ${e.watchedDate}`, e]));
      for (const row of dated) {
        const film = filmOf(row) as LetterboxdCatalogFilm;
        const entry = entries.get(`${film.name} ${film.year} ${row.WatchedDate}`);
        expect(entry, `${row.Title} ${row.WatchedDate}`).toBeDefined();
        expect(entry?.rating).toBe(row.Rating ? Number(row.Rating) : null);
        expect(entry?.rewatch).toBe(row.Rewatch === "true");
      }
      const datesOf = (name: string) => lb.diary.filter((e) => e.name === name).map((e) => [e.year, e.watchedDate]);
      expect(datesOf("Spirited Away")).toEqual([[2001, "2016-01-10"], [2001, "2022-04-03"]]);
      expect(datesOf("Run Lola Run")).toEqual([[1998, "2024-03-30"], [1998, "2024-04-01"]]);
      expect(datesOf("Stalker")).toEqual([[1979, "2019-11-02"]]);
      expect(datesOf("Wings of Desire")).toEqual([[1987, "2024-10-27"]]);
      expect(datesOf("Festival Cut")).toEqual([[2018, "2018-02-17"]]);
      expect(datesOf("Night on Earth")).toEqual([[1991, "2024-03-16"]]);
      expect(lb.diary.some((e) => ["千と千尋の神隠し", "Lola rennt", "Сталкер", "Der Himmel über Berlin"].includes(e.name))).toBe(false);
      // Diary URIs are entries' (boxd.it), which the reader drops; the dated review rides on its entry.
      expect(new Set(lb.diary.map((e) => e.date))).toEqual(new Set(["2026-11-28"]));
      const matrixReview = (date: string) => rowsOf("diary.csv").find((r) => r.Title === "The Matrix" && r.WatchedDate === date)?.Review;
      expect(lb.reviews.map((r) => [r.name, r.watchedDate, r.review])).toEqual([
        ["The Matrix", "2016-03-04", matrixReview("2016-03-04")],
        ["Crouching Tiger, Hidden Dragon", "2017-05-20", 'Wire-work, "wuxia" and heartbreak.\nSecond paragraph, with commas, and a "quoted" line.'],
        ["The Matrix", "2023-03-31", matrixReview("2023-03-31")],
        ["Metropolis", null, "Saw the restored cut once at a festival; the city sets are unmatched."],
        ["The Room", null, "So bad it loops back around. Watched at a midnight screening I never logged."],
      ]);
      // The deleted/ junk and the profile are not the account's.
      expect(JSON.stringify(lb)).not.toContain(LETTERBOXD_DELETED_ROW.name);
      expect(JSON.stringify(lb)).not.toContain(LETTERBOXD_PROFILE_EMAIL);
    }
  });

  it("has the golden ratings, the 30-film watchlist, the watched films and both lists in order", async () => {
    const lb = await roundTrip(imported().account);
    const ratings = new Map(lb.ratings.map((r) => [r.uri, r.rating]));
    const rated = [...rowsOf("ratings.csv"), ...rowsOf("diary.csv")].filter((r) => r.Rating && r.Title !== "Untitled Basement Tape");
    for (const row of rowsOf("ratings.csv").filter((r) => r.Rating)) expect(ratings.get(filmOf(row)?.uri ?? ""), row.Title).toBe(Number(row.Rating));
    expect(lb.ratings).toHaveLength(new Set(rated.map((r) => filmOf(r)?.uri)).size);
    expect(ratings.get("https://letterboxd.com/film/spirited-away/")).toBe(5);
    expect(ratings.get("https://letterboxd.com/film/grandpas-super-8-reels/")).toBe(1.5);
    expect(ratings.get("https://letterboxd.com/film/casablanca/")).toBe(5);

    expect(lb.watchlist).toHaveLength(30);
    expect(lb.watchlist.map((w) => w.name)).toEqual(rowsOf("watchlist.csv").map((r) => r.Title));
    // Logged, rated or reviewed: watched (Casablanca undated, Metropolis only reviewed); the watchlist is not.
    const watched = new Set(lb.watched.map((w) => w.name));
    for (const name of ["Casablanca", "Metropolis", "Lawrence of Arabia", "Spirited Away"]) expect(watched).toContain(name);
    expect(watched).not.toContain("Левиафан");

    expect(lb.lists.map((l) => [l.file, l.name, l.items.map((i) => [i.position, i.name, i.year, i.notes])])).toEqual([
      [
        "best-of-2024",
        "Best of 2024",
        [
          [1, "Wings of Desire", 1987, ""],
          [2, "Dune: Part Two", 2024, ""],
          [3, "Night on Earth", 1991, ""],
          [4, "Run Lola Run", 1998, ""],
          [5, "Oppenheimer", 2023, ""],
        ],
      ],
      [
        "comfort-films",
        "comfort-films",
        [
          [1, "Paddington 2", 2017, 'Christmas, every year. "Marmalade!"'],
          [2, "Before Sunrise", 1995, "Vienna, 1995"],
          [3, "Spirited Away", 2001, ""],
          [4, "Casablanca", 1942, "Here's looking at you, kid."],
        ],
      ],
    ]);
  });

  it("writes Letterboxd's file layout: headers, entry URIs, Yes for rewatches, the list's two parts, a junk deleted/ file", async () => {
    const { account } = imported();
    const files = letterboxdExportFiles(account);
    expect([...files.keys()].sort()).toEqual(
      ["deleted/diary.csv", "diary.csv", "lists/best-of-2024.csv", "lists/comfort-films.csv", "profile.csv", "ratings.csv", "reviews.csv", "watched.csv", "watchlist.csv"].sort(),
    );
    const lines = (name: string) => (files.get(name) ?? "").split("\n");
    expect(lines("diary.csv")[0]).toBe("Date,Name,Year,Letterboxd URI,Rating,Rewatch,Tags,Watched Date");
    expect(lines("diary.csv").find((l) => l.endsWith("2016-01-10") && l.includes("Spirited"))).toMatch(/^2026-11-28,Spirited Away,2001,https:\/\/boxd\.it\/\w+,,,,2016-01-10$/);
    expect(lines("diary.csv").find((l) => l.includes("Spirited Away") && l.endsWith("2022-04-03"))).toMatch(/^2026-11-28,Spirited Away,2001,https:\/\/boxd\.it\/\w+,5,Yes,,2022-04-03$/);
    expect(lines("reviews.csv")[0]).toBe("Date,Name,Year,Letterboxd URI,Rating,Rewatch,Review,Tags,Watched Date");
    expect(lines("ratings.csv")[0]).toBe("Date,Name,Year,Letterboxd URI,Rating");
    expect(lines("ratings.csv")).toContain("2026-11-28,Festival Cut,2018,https://letterboxd.com/film/festival-cut/,2");
    expect(lines("watched.csv")[0]).toBe("Date,Name,Year,Letterboxd URI");
    expect(lines("watchlist.csv")[1]).toMatch(/^2026-11-28,万引き家族,2018,https:\/\/letterboxd\.com\/film\/[\w-]+\/$/);
    expect(lines("lists/best-of-2024.csv").slice(0, 5)).toEqual([
      "Letterboxd list export v7",
      "Date,Name,Tags,URL,Description",
      "2026-11-28,Best of 2024,,https://letterboxd.com/sam/list/best-of-2024/,",
      "",
      "Position,Name,Year,URL,Description",
    ]);
    expect(files.get("profile.csv")).toContain(LETTERBOXD_PROFILE_EMAIL);
    expect(files.get("deleted/diary.csv")).toContain(LETTERBOXD_DELETED_ROW.name);
    for (const text of files.values()) expect(text).not.toContain("\r");

    await withTempDir(async (dir) => {
      expect(letterboxdExportName(account)).toBe("letterboxd-sam-2026-11-29-10-00-utc.zip");
      const path = await writeLetterboxdExport(account, join(dir, letterboxdExportName(account)));
      expect(Object.keys(unzipSync(new Uint8Array(await readFile(path)))).sort()).toEqual([...files.keys()].sort());
    });
  });
});

describe("the importer's habits", () => {
  it("re-importing diary.csv adds no entry; a row on another date adds one; same film and date in one file merge", async () => {
    const { account } = imported();
    const before = account.diary.length;
    const again = importCsv(account, catalogue, { "diary.csv": golden.get("diary.csv") ?? "" });
    expect(again.diaryAdded).toBe(0);
    expect(again.diaryUpdated).toBe(before);
    expect(account.diary).toHaveLength(before);

    const header = "Title,Year,Directors,imdbID,tmdbID,WatchedDate,Rating,Rating10,Rewatch,Tags,Review\n";
    const more = importCsv(account, catalogue, {
      "diary.csv": `${header}Night on Earth,1991,,tt0102536,339,2025-01-05,,,true,,\nNight on Earth,1991,,tt0102536,339,2025-01-05,3,6,true,cinema,Great again.\n`,
    });
    expect([more.diaryAdded, more.diaryUpdated]).toEqual([1, 1]);
    const lb = await roundTrip(account);
    expect(lb.diary).toHaveLength(before + 1);
    expect(lb.diary.filter((e) => e.name === "Night on Earth").map((e) => [e.watchedDate, e.rating, e.rewatch, e.tags])).toEqual([
      ["2024-03-16", 4, false, []],
      ["2025-01-05", 3, true, ["cinema"]],
    ]);
    // The film's rating is overwritten by the later import.
    expect(lb.ratings.find((r) => r.uri === "https://letterboxd.com/film/night-on-earth/")?.rating).toBe(3);
  });

  it("matches id-less rows by title and year, exact before one off, Directors among equals; else unmatched", () => {
    const account = emptyLetterboxdAccount("sam");
    const header = "Title,Year,Directors,imdbID,tmdbID,WatchedDate,Rating,Rating10,Rewatch,Tags,Review\n";
    const result = importCsv(account, catalogue, {
      "diary.csv":
        header +
        "Night on Earth,1991,,,,2025-01-01,,,false,,\n" + // exact year: Jarmusch's
        "Night on Earth,1993,,,,2025-01-02,,,false,,\n" + // one off from 1992 only: the lookalike
        "Night on Earth,,,,,2025-01-03,,,false,,\n" + // two films, no directors: unmatched
        "Grandpa's Super 8 Reels,1994,Ruth Ekström,,,2025-01-04,,,false,,\n" +
        "Grandpa's Super 8 Reels,1994,,,,2025-01-05,,,false,,\n" + // same title and year, no directors: unmatched
        "Lola rennt,1998,,,,2025-01-06,,,false,,\n" + // an alternative title
        "Festival Cut,2017,,,,2025-01-07,,,false,,\n", // Letterboxd's year is one off
    });
    expect(account.diary.map((e) => [e.film.uri, e.watchedDate])).toEqual([
      ["https://letterboxd.com/film/night-on-earth/", "2025-01-01"],
      ["https://letterboxd.com/film/night-on-earth-1992/", "2025-01-02"],
      ["https://letterboxd.com/film/grandpas-super-8-reels-1994/", "2025-01-04"],
      ["https://letterboxd.com/film/run-lola-run/", "2025-01-06"],
      ["https://letterboxd.com/film/festival-cut/", "2025-01-07"],
    ]);
    expect(result.unmatched.map((u) => [u.row, u.title, u.year])).toEqual([
      [3, "Night on Earth", null],
      [5, "Grandpa's Super 8 Reels", 1994],
    ]);
  });

  it("keeps undated reviews apart (no duplicate protection) and sends a mis-uploaded watchlist to watched", () => {
    const account = emptyLetterboxdAccount("sam");
    const ratings = golden.get("ratings.csv") ?? "";
    importCsv(account, catalogue, { "ratings.csv": ratings });
    importCsv(account, catalogue, { "ratings-1.csv": ratings });
    expect(account.reviews.map((r) => r.film.name)).toEqual(["Metropolis", "The Room", "Metropolis", "The Room"]);
    expect(account.diary).toHaveLength(0);

    const wrong = emptyLetterboxdAccount("sam");
    importCsv(wrong, catalogue, { "watchlist.csv": golden.get("watchlist.csv") ?? "" }, { watchlistThroughImportPage: true });
    expect([wrong.watchlist.length, wrong.watched.size]).toEqual([0, 30]);
    // Twice through the watchlist page: still 30; a list imported twice is two lists.
    const right = emptyLetterboxdAccount("sam");
    for (let i = 0; i < 2; i++) importCsv(right, catalogue, { "watchlist.csv": golden.get("watchlist.csv") ?? "", "lists/comfort-films.csv": golden.get("lists/comfort-films.csv") ?? "" });
    expect(right.watchlist).toHaveLength(30);
    expect(right.lists.map((l) => l.slug)).toEqual(["comfort-films", "comfort-films-2"]);
  });
});

describe("edits that simulate a bad or partial import", () => {
  it("drop entries, shift dates, change ratings and take films off the watchlist, as the export then shows", async () => {
    const { account } = imported();
    const diary = account.diary.length;
    const night = byImdb("tt0102536");
    const lola = byImdb("tt0130827");
    expect(dropDiaryEntries(account, (e) => e.film === lola)).toBe(2);
    expect(shiftDiaryDates(account, (e) => e.film === night)).toBe(1);
    expect(shiftDiaryDates(account, (e) => e.film.name === "Spirited Away" && e.watchedDate === "2016-01-10", -1)).toBe(1);
    expect(changeRatings(account, (film) => film === night, (r) => r - 1, "2026-12-01")).toBe(1);
    expect(changeRatings(account, (film) => film.name === "Cats", () => null)).toBe(1);
    expect(dropWatchlistFilms(account, (film) => film.name === "Левиафан" || film.name === "万引き家族")).toBe(2);

    const lb = await roundTrip(account);
    expect(lb.diary).toHaveLength(diary - 2);
    expect(lb.diary.some((e) => e.name === "Run Lola Run")).toBe(false);
    expect(lb.watched.some((w) => w.name === "Run Lola Run")).toBe(true);
    expect(lb.diary.filter((e) => e.name === "Night on Earth").map((e) => e.watchedDate)).toEqual(["2024-03-17"]);
    expect(lb.diary.filter((e) => e.name === "Spirited Away").map((e) => e.watchedDate)).toEqual(["2016-01-09", "2022-04-03"]);
    expect(lb.ratings.find((r) => r.name === "Night on Earth")).toMatchObject({ rating: 3, date: "2026-12-01" });
    expect(lb.ratings.some((r) => r.name === "Cats")).toBe(false);
    expect(lb.watchlist).toHaveLength(28);
  });
});
