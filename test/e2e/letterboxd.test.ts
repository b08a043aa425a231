import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { sampleLibrary } from "../../src/sandbox/index.js";
import {
  changeRatings,
  dropDiaryEntries,
  dropFilms,
  dropWatchlistFilms,
  emptyLetterboxdAccount,
  importCsv,
  LETTERBOXD_DIFFERENCES,
  letterboxdCatalog,
  shiftDiaryDates,
  writeLetterboxdExport,
  type LetterboxdSandboxAccount,
} from "../../src/sandbox/letterboxd.js";
import { writeTraktExport } from "../../src/sandbox/trakt-export.js";
import type { VerifySummary } from "../../src/export/verify.js";
import type { LetterboxdFilter } from "../../src/letterboxd/compare-letterboxd.js";
import { csvOf, errorLine, listFiles, readCsv, useE2e, type E2e } from "../helpers/e2e.js";
import { runCli, withTempDir, type CliResult } from "../helpers/run-cli.js";

const OFFLINE = { TRAKT_API_URL: "http://127.0.0.1:9", TRAKT_AUTH_URL: "http://127.0.0.1:9" };

/** The films only a title can match and Letterboxd names otherwise, by Trakt title, and their Trakt ids in the sample. */
const RENAMED = LETTERBOXD_DIFFERENCES.filter((d) => d.kind === "name").map((d) => d.title);
const RENAMED_IDS = [3, 4, 15, 16];
/** The sample film that is on no Letterboxd: neither id nor year. */
const TAPE = { traktId: 9, title: "Untitled Basement Tape", year: null };
const TAPE_REPORT = { film: TAPE, match: "none", titleOnly: true, missingDates: [], otherDates: [], notWatched: false, watchlistMissing: false };

const catalogue = letterboxdCatalog(sampleLibrary());

/** Every file below `dir`, by relative name, as `importCsv` takes them. */
async function filesIn(dir: string): Promise<Record<string, string>> {
  return Object.fromEntries(await Promise.all((await listFiles(dir)).map(async (f) => [f, await readFile(join(dir, f), "utf8")] as const)));
}

/** An account that imported the files in `dir` (then `edit`), and its data export written in `dir`'s parent. */
async function imported(dir: string, edit?: (account: LetterboxdSandboxAccount) => void): Promise<{ account: LetterboxdSandboxAccount; path: string }> {
  const account = emptyLetterboxdAccount("sam");
  importCsv(account, catalogue, await filesIn(dir));
  edit?.(account);
  return { account, path: await exportOf(account, join(dir, "..")) };
}

let exports = 0;
function exportOf(account: LetterboxdSandboxAccount, dir: string): Promise<string> {
  return writeLetterboxdExport(account, join(dir, `lb-${++exports}.zip`), { zip: true });
}

function report(result: CliResult): VerifySummary {
  expect(result.stdout, result.stderr).toMatch(/^\{/);
  return JSON.parse(result.stdout) as VerifySummary;
}

describe("verify and export --letterboxd offline (--from Trakt's export)", () => {
  /** The sample library's Trakt export in `dir` as `trakt.zip`, converted into `dir/files`, and a runner of the CLI there. */
  async function converted(dir: string) {
    const run = (args: string[]): Promise<CliResult> => runCli(args, { cwd: dir, env: { TRAKT_LETTERBOXD_HOME: join(dir, "home"), ...OFFLINE } });
    await writeTraktExport(sampleLibrary().users[0]!, join(dir, "trakt.zip"), { zip: true, quirks: false });
    expect((await run(["export", "--from", "trakt.zip", "--out", "files"])).code).toBe(0);
    return run;
  }

  it("a perfect import: without Trakt's aliases the renamed films are unsure, not missing (exit 0, no fix rows), and one warning says so", async () => {
    await withTempDir(async (dir) => {
      const run = await converted(dir);
      const { path } = await imported(join(dir, "files"));
      const result = await run(["verify", path, "--from", "trakt.zip", "--json", "--out", "fix"]);
      expect(result.code, result.stderr).toBe(0);
      const summary = report(result);
      const films = summary.films.map((f) => [f.film.title, f.match, f.titleOnly === true, f.aliasesNotFetched === true]);
      // Without Directors (a Trakt export has none) the importer could not tell Grandpa's reels from their twin.
      expect(films.sort()).toEqual([...RENAMED.map((title) => [title, "none", false, true]), [TAPE.title, "none", true, true], ["Grandpa's Super 8 Reels", "none", true, false]].sort());
      // Nothing else is said of a film that could not be placed: no rating difference, no fix row.
      expect(summary.counts).toMatchObject({ notFound: 6, unsure: 0, missingDiaryEntries: 0, otherDates: 0, ratingsDiffer: 0, watchlistMissing: 0 });
      expect(summary).toMatchObject({ clean: true, files: [] });
      expect(summary.warnings).toEqual([
        "Trakt's other titles (aliases) of 5 films not found on Letterboxd by title and year were not fetched (verify --from reads a file, offline): they may be there under another title.",
      ]);
      const text = await run(["verify", path, "--from", "trakt.zip"]);
      expect(text.code, text.stderr).toBe(0);
      expect(text.stdout).toContain("Nothing is surely missing; verify could not check the films below.");
      expect(text.stdout).toContain("  - Сталкер (1979): unsure: not found by title and year; Trakt's other titles were not fetched");
      expect(text.stderr).not.toContain("upload the files written");

      // export --from --letterboxd: the same warning, and the renamed films' rows are written.
      const rest = await run(["export", "--from", "trakt.zip", "--letterboxd", path, "--out", "rest", "--json"]);
      expect(rest.code, rest.stderr).toBe(0);
      const written = JSON.parse(rest.stdout) as { warnings: string[] };
      expect(written.warnings).toContain(
        "Trakt's other titles (aliases) of 5 films not found on Letterboxd by title and year were not fetched (export --from reads a file, offline): they may be there under another title.",
      );
      const diary = readCsv(await readFile(join(dir, "rest", "diary.csv"), "utf8"));
      expect([...new Set(diary.map((r) => r.Title))].sort()).toEqual([...RENAMED, TAPE.title, "Grandpa's Super 8 Reels"].sort());

      // Everything imported, lists and the review-only row included: nothing of them is written again.
      expect(await listFiles(join(dir, "rest"))).toEqual(["diary.csv", "ratings.csv"]);
      expect(readCsv(await readFile(join(dir, "rest", "ratings.csv"), "utf8")).map((r) => r.Title)).not.toContain("Metropolis");
      expect((JSON.parse(rest.stdout) as { letterboxd: LetterboxdFilter }).letterboxd).toMatchObject({ leftOut: { lists: 2, reviews: 5 }, listsDiffering: [] });

      // A list whose films differ on Letterboxd is written whole (importing makes a new list), and named.
      const edited = await imported(join(dir, "files"), (account) => {
        const list = account.lists.find((l) => l.slug === "best-of-2024")!;
        list.items = list.items.slice(1).map((item, i) => ({ ...item, position: i + 1 }));
      });
      const again = await run(["export", "--from", "trakt.zip", "--letterboxd", edited.path, "--out", "again"]);
      expect(again.code, again.stderr).toBe(0);
      expect(await listFiles(join(dir, "again"))).toEqual(["diary.csv", "lists/best-of-2024.csv", "ratings.csv"]);
      expect(again.stdout).toContain("Left out what your Letterboxd export already has: 323 diary rows, 92 ratings, 30 watchlist films, 1 list, 5 reviews.");
      expect(again.stdout).toContain('  - list "Best of 2024": Letterboxd\'s list "best-of-2024" holds other films or another order; written whole, and uploading it makes a new list beside that one.');

      // A missing Letterboxd export is one line, exit 2.
      const missing = await run(["verify", join(dir, "missing.zip"), "--from", "trakt.zip"]);
      expect(missing.code).toBe(2);
      expect(errorLine(missing)).toContain("missing.zip");
    });
  });
});

describe("verify and export --letterboxd logged in to Trakt (the sandbox)", () => {
  let e2e: E2e;
  useE2e({ each: true }, (made) => ({ e2e } = made));
  const run = (args: string[]) => runCli(args, { cwd: e2e.cwd, env: e2e.env });
  /** Trakt ids whose aliases were asked for since the last call. */
  let seen = 0;
  const aliasRequests = () => {
    const fresh = e2e.sandbox.requests.slice(seen);
    seen = e2e.sandbox.requests.length;
    return fresh.flatMap((r) => (r.path.endsWith("/aliases") ? [Number(r.path.split("/")[2])] : [])).sort((a, b) => a - b);
  };
  /** A plain online export into `files` (it asks no aliases), and the folders' paths. */
  const exported = async () => {
    seen = 0;
    const result = await run(["export", "--out", "files"]);
    expect(result.code, result.stderr).toBe(0);
    expect(aliasRequests()).toEqual([]);
    return { files: join(e2e.cwd, "files"), diary: readCsv(await readFile(join(e2e.cwd, "files", "diary.csv"), "utf8")) };
  };

  it("a perfect import verifies clean (exit 0), asking Trakt's aliases of the five films titles leave over, once", async () => {
    const { files } = await exported();
    const { path } = await imported(files);

    const result = await run(["verify", path, "--json", "--out", "fix"]);
    expect(result.code, result.stderr).toBe(0);
    const summary = report(result);
    expect(summary).toMatchObject({ clean: true, films: [TAPE_REPORT], files: [], warnings: [] });
    const films = summary.counts.films;
    expect(summary.counts).toEqual({ films, found: films - 1, unsure: 0, notFound: 1, missingDiaryEntries: 0, otherDates: 0, oneDayShifts: 0, ratingsDiffer: 0, watchlistMissing: 0 });
    expect(aliasRequests()).toEqual([...RENAMED_IDS, TAPE.traktId].sort((a, b) => a - b));

    // Again, as text: the aliases come from the store, and the tape is named as what verify cannot check.
    const again = await run(["verify", path]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain("Nothing is surely missing; verify could not check the films below.");
    expect(again.stdout).toContain("  - Untitled Basement Tape (year unknown): not found on Letterboxd (no IMDb or TMDb id: it may not be listed there)");
    expect(again.stdout).not.toContain("Warning");
    expect(aliasRequests()).toEqual([]);
  });

  it("is unsure of a film Letterboxd has twice under one title and year, and finds the exact year's film beside a lookalike a year off", async () => {
    const { files } = await exported();
    // The member has also watched the other home movie of 1994 and the other Night on Earth (1992).
    const lookalikes = LETTERBOXD_DIFFERENCES.filter((d) => d.kind === "lookalike").map((d) => d.letterboxd!.uri);
    const { path } = await imported(files, (account) => {
      for (const film of catalogue.filter((f) => lookalikes.includes(f.uri))) account.watched.set(film.uri, { film, date: account.today });
    });
    const result = await run(["verify", path, "--json"]);
    expect(result.code, result.stderr).toBe(0);
    const summary = report(result);
    expect(summary.films).toEqual([
      {
        film: { traktId: 8, title: "Grandpa's Super 8 Reels", year: 1994 },
        match: "unsure",
        titleOnly: true,
        candidates: [
          { name: "Grandpa's Super 8 Reels", year: 1994, uri: "https://letterboxd.com/film/grandpas-super-8-reels/" },
          { name: "Grandpa's Super 8 Reels", year: 1994, uri: "https://letterboxd.com/film/grandpas-super-8-reels-1994/" },
        ],
        missingDates: [],
        otherDates: [],
        notWatched: false,
        watchlistMissing: false,
      },
      TAPE_REPORT,
    ]);
    expect(summary.counts).toMatchObject({ unsure: 1, notFound: 1, missingDiaryEntries: 0, ratingsDiffer: 0 });
  });

  it("reports a damaged import exactly, writes the files that fix it, and verifies clean once they are uploaded", async () => {
    const { files, diary } = await exported();
    const ratings = readCsv(await readFile(join(files, "ratings.csv"), "utf8"));
    const watchlist = readCsv(await readFile(join(files, "watchlist.csv"), "utf8"));
    const perfect = report(await run(["verify", (await imported(files)).path, "--json"]));

    // Two diary entries lost and one a day early (a time zone), a renamed film's entry lost and its
    // rating changed on Letterboxd, a watchlist film missing, and one film the import never matched.
    const damaged = await imported(files, (account) => {
      let dropped = 0;
      dropDiaryEntries(account, (entry) => entry.film.name === "Before Sunrise" && dropped++ < 2);
      shiftDiaryDates(account, (entry) => entry.film.name === "Paddington 2", -1);
      dropDiaryEntries(account, (entry) => entry.film.name === "Spirited Away" && entry.watchedDate === "2022-04-03");
      changeRatings(account, (film) => film.name === "Run Lola Run", () => 2.5);
      dropWatchlistFilms(account, (film) => film.name === "Левиафан");
      dropFilms(account, (film) => film.name === "Past Lives");
    });
    const bad = await run(["verify", damaged.path, "--out", "fix", "--json"]);
    expect(bad.code).toBe(4);
    expect(bad.stderr).toContain("Letterboxd lacks part of your Trakt library");
    const summary = report(bad);
    const found = (name: string, year: number) => ({ match: "found", letterboxd: { name, year, uri: expect.any(String), yearOff: false } });
    const none = { missingDates: [], otherDates: [], notWatched: false, watchlistMissing: false };
    expect(summary.films).toEqual([
      { film: { traktId: 13, title: "Before Sunrise", year: 1995 }, ...found("Before Sunrise", 1995), ...none, missingDates: ["2015-08-14", "2020-02-14"] },
      { film: { traktId: 15, title: "Lola rennt", year: 1998 }, ...found("Run Lola Run", 1998), ...none, rating: { trakt: 3.5, letterboxd: 2.5, letterboxdDate: "2026-11-28" } },
      { film: { traktId: 12, title: "Paddington 2", year: 2017 }, ...found("Paddington 2", 2017), ...none, otherDates: [{ trakt: "2019-12-25", letterboxd: "2019-12-24", oneDay: true }] },
      { film: { traktId: 17, title: "Past Lives", year: 2023 }, match: "none", ...none, missingDates: ["2023-06-10"], rating: { trakt: 4, letterboxd: null, letterboxdDate: null } },
      TAPE_REPORT,
      { film: { traktId: 302, title: "Левиафан", year: 2014 }, match: "none", ...none, watchlistMissing: true },
      { film: { traktId: 3, title: "千と千尋の神隠し", year: 2001 }, ...found("Spirited Away", 2001), ...none, missingDates: ["2022-04-03"] },
    ]);
    const films = perfect.counts.films;
    expect(summary.counts).toEqual({ films, found: films - 3, unsure: 0, notFound: 3, missingDiaryEntries: 4, otherDates: 1, oneDayShifts: 1, ratingsDiffer: 2, watchlistMissing: 1 });

    // The fix files hold exactly those rows, as the export wrote them.
    const fixDates = new Set(["Before Sunrise|2015-08-14", "Before Sunrise|2020-02-14", "Paddington 2|2019-12-25", "千と千尋の神隠し|2022-04-03", "Past Lives|2023-06-10"]);
    const fix = join(e2e.cwd, "fix");
    expect(await listFiles(fix)).toEqual(["diary.csv", "ratings.csv", "watchlist.csv"]);
    expect(readCsv(await readFile(join(fix, "diary.csv"), "utf8"))).toEqual(diary.filter((r) => fixDates.has(`${r.Title}|${r.WatchedDate}`)));
    expect(readCsv(await readFile(join(fix, "ratings.csv"), "utf8"))).toEqual(ratings.filter((r) => ["Lola rennt", "Past Lives"].includes(r.Title ?? "")));
    expect(readCsv(await readFile(join(fix, "watchlist.csv"), "utf8"))).toEqual(watchlist.filter((r) => r.Title === "Левиафан"));

    // Uploading them: clean, the tape alone named.
    importCsv(damaged.account, catalogue, await filesIn(fix));
    const fixed = await run(["verify", await exportOf(damaged.account, e2e.cwd), "--json"]);
    expect(fixed.code, fixed.stderr).toBe(0);
    expect(report(fixed)).toMatchObject({ clean: true, films: [TAPE_REPORT], counts: perfect.counts });
  });

  it("fix files leave off the reviews Letterboxd already holds, keep those it lacks, and uploading them reviews nothing twice", async () => {
    const { files, diary } = await exported();
    const ratings = readCsv(await readFile(join(files, "ratings.csv"), "utf8"));
    // The Matrix's reviewed entry moved ten days (its review with it), The Room's rating changed
    // (its undated review stays), and Crouching Tiger's reviewed entry lost, its review with it.
    const damaged = await imported(files, (account) => {
      shiftDiaryDates(account, (entry) => entry.film.name === "The Matrix" && entry.watchedDate === "2023-03-31", -10);
      changeRatings(account, (film) => film.name === "The Room", () => 3);
      dropDiaryEntries(account, (entry) => entry.film.name === "Crouching Tiger, Hidden Dragon");
    });
    const bad = await run(["verify", damaged.path, "--out", "fix", "--json"]);
    expect(bad.code, bad.stderr).toBe(4);
    const fix = join(e2e.cwd, "fix");
    expect(await listFiles(fix)).toEqual(["diary.csv", "ratings.csv"]);
    const fixDiary = readCsv(await readFile(join(fix, "diary.csv"), "utf8"));
    const fixRatings = readCsv(await readFile(join(fix, "ratings.csv"), "utf8"));
    const matrix = diary.filter((r) => r.Title === "The Matrix" && r.WatchedDate === "2023-03-31");
    const tiger = diary.filter((r) => r.Title === "Crouching Tiger, Hidden Dragon");
    const room = ratings.filter((r) => r.Title === "The Room");
    expect([...matrix, ...tiger, ...room].every((r) => r.Review !== "")).toBe(true);
    // The rows as the export wrote them, but for the reviews Letterboxd holds.
    expect(fixDiary).toEqual([...tiger, ...matrix.map((r) => ({ ...r, Review: "" }))]);
    expect(fixRatings).toEqual(room.map((r) => ({ ...r, Review: "" })));

    // Uploading them: clean, and every review there once.
    importCsv(damaged.account, catalogue, await filesIn(fix));
    const fixed = await run(["verify", await exportOf(damaged.account, e2e.cwd), "--json"]);
    expect(fixed.code, fixed.stderr).toBe(0);
    expect(report(fixed)).toMatchObject({ clean: true, films: [TAPE_REPORT] });
    const reviews = [...damaged.account.diary.flatMap((entry) => (entry.review === null ? [] : [entry.review])), ...damaged.account.reviews.map((r) => r.review)];
    expect(reviews.length).toBe(new Set(reviews).size);
    expect(reviews).toEqual(expect.arrayContaining([...matrix, ...tiger, ...room].map((r) => r.Review)));
  });

  it("export --letterboxd on a half-imported account writes exactly the other half, renamed films included", async () => {
    const { files, diary } = await exported();
    const ratings = readCsv(await readFile(join(files, "ratings.csv"), "utf8"));
    const watchlist = readCsv(await readFile(join(files, "watchlist.csv"), "utf8"));
    // Every other diary row, whatever its film: the renamed ones too.
    const half = diary.filter((_, i) => i % 2 === 0);
    expect(half.some((row) => RENAMED.includes(row.Title ?? ""))).toBe(true);
    const account = emptyLetterboxdAccount("sam");
    const { unmatched } = importCsv(account, catalogue, { "diary.csv": csvOf(half) });
    // The importer matches every row but the tape's (on no Letterboxd).
    expect(unmatched.map((u) => u.title)).toEqual(half.some((row) => row.Title === TAPE.title) ? [TAPE.title] : []);
    const importedRows = new Set(half.filter((row) => row.Title !== TAPE.title));
    const lb = await exportOf(account, e2e.cwd);

    const result = await run(["export", "--letterboxd", lb, "--out", "rest", "--only", "diary"]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(`Left out what your Letterboxd export already has: ${importedRows.size} diary rows`);
    expect(readCsv(await readFile(join(e2e.cwd, "rest", "diary.csv"), "utf8"))).toEqual(diary.filter((row) => !importedRows.has(row)));
    // Aliases only of the films the titles leave over whose year (or one off) a Letterboxd film
    // no other film took has, here the renamed films imported, and of the tape (year unknown).
    const placed = new Set([...importedRows].filter((row) => !RENAMED.includes(row.Title ?? "")).map((row) => row.Title));
    const leftOverYears = [...importedRows].filter((row) => RENAMED.includes(row.Title ?? "")).map((row) => Number(row.Year));
    const near = (year: number | null) => year === null || leftOverYears.some((y) => Math.abs(y - year) <= 1);
    const movies = new Map(sampleLibrary().catalog.map(({ movie }) => [movie.title, movie]));
    const traktTitles = new Set([...diary, ...ratings, ...watchlist].map((row) => row.Title ?? ""));
    const expected = [...traktTitles].flatMap((title) => (!placed.has(title) && near(movies.get(title)!.year) ? [movies.get(title)!.ids.trakt] : []));
    expect(leftOverYears.length).toBeGreaterThan(0);
    expect(aliasRequests()).toEqual(expected.sort((a, b) => a - b));
  });
});
