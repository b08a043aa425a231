import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { stringify } from "csv-stringify/sync";
import { describe, expect, it } from "vitest";
import { sampleLibrary } from "../../src/sandbox/index.js";
import {
  dropDiaryEntries,
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
import { errorLine, listFiles, readCsv } from "../helpers/e2e.js";
import { runCli, withTempDir, type CliResult } from "../helpers/run-cli.js";

const OFFLINE = { TRAKT_API_URL: "http://127.0.0.1:9", TRAKT_AUTH_URL: "http://127.0.0.1:9" };

interface Report {
  clean: boolean;
  counts: { films: number; found: number; notFound: number; unsure: number; missingDiaryEntries: number; otherDates: number; oneDayShifts: number; ratingsDiffer: number; watchlistMissing: number };
  films: { film: { title: string }; match: string; missingDates: string[]; otherDates: { oneDay: boolean }[]; watchlistMissing: boolean }[];
}

/** The sample library's Trakt export in `dir` as `trakt.zip`, converted into `dir/files`, and a runner of the CLI there. */
async function converted(dir: string) {
  const run = (args: string[]): Promise<CliResult> => runCli(args, { cwd: dir, env: { TRAKT_LETTERBOXD_HOME: join(dir, "home"), ...OFFLINE } });
  const library = sampleLibrary();
  await writeTraktExport(library.users[0]!, join(dir, "trakt.zip"), { zip: true, quirks: false });
  expect((await run(["export", "--from", "trakt.zip", "--out", "files"])).code).toBe(0);
  return { run, library };
}

describe("verify and export --letterboxd against the sandbox's Letterboxd (no network)", () => {
  it("reports exactly what an import lacks, writes the fix, and verifies clean of it after the fix is uploaded", async () => {
    await withTempDir(async (dir) => {
      const { run, library } = await converted(dir);
      const files = async (folder: string) => Object.fromEntries(await Promise.all((await listFiles(join(dir, folder))).map(async (f) => [f, await readFile(join(dir, folder, f), "utf8")] as const)));
      const catalogue = letterboxdCatalog(library);
      const exportOf = (account: LetterboxdSandboxAccount) => writeLetterboxdExport(account, join(dir, `lb-${Math.random().toString(36).slice(2)}.zip`), { zip: true });
      const imported = async (edit?: (account: LetterboxdSandboxAccount) => void): Promise<{ account: LetterboxdSandboxAccount; path: string }> => {
        const account = emptyLetterboxdAccount("sam");
        importCsv(account, catalogue, await files("files"));
        edit?.(account);
        return { account, path: await exportOf(account) };
      };
      const verify = async (lb: string, extra: string[] = []) => {
        const result = await run(["verify", lb, "--from", "trakt.zip", "--json", ...extra]);
        return { result, report: JSON.parse(result.stdout) as Report };
      };

      // A whole import: what is left are films only a title could match (renamed, absent, twins).
      const whole = await verify((await imported()).path);
      const baseline = whole.report.counts;
      expect(baseline.missingDiaryEntries).toBe(whole.report.films.filter((f) => f.match !== "found").reduce((n, f) => n + f.missingDates.length, 0));
      expect(whole.report.films.every((f) => f.match !== "found")).toBe(true);

      // A bad import: two diary entries lost, one shifted a day (a time zone), a watchlist film missing.
      const badImport = await imported((account) => {
        let dropped = 0;
        dropDiaryEntries(account, (entry) => entry.film.name === "Before Sunrise" && dropped++ < 2);
        shiftDiaryDates(account, (entry) => entry.film.name === "Paddington 2", -1);
        dropWatchlistFilms(account, (film) => film.name === "Левиафан");
      });
      const bad = await verify(badImport.path, ["--out", "fix"]);
      expect(bad.result.code).toBe(4);
      expect(bad.result.stderr).toContain("Letterboxd lacks part of your Trakt library");
      expect(bad.report.counts).toMatchObject({ missingDiaryEntries: baseline.missingDiaryEntries + 2, oneDayShifts: baseline.oneDayShifts + 1, watchlistMissing: baseline.watchlistMissing + 1 });
      const before = bad.report.films.find((f) => f.film.title === "Before Sunrise");
      expect(before?.missingDates).toHaveLength(2);
      const fix = readCsv(await readFile(join(dir, "fix", "diary.csv"), "utf8"));
      expect(fix.filter((r) => r.Title === "Before Sunrise")).toHaveLength(2);
      expect(readCsv(await readFile(join(dir, "fix", "watchlist.csv"), "utf8")).map((r) => r.Title)).toContain("Левиафан");

      // Uploading the fix files leaves only what a title alone cannot match, as after a whole import.
      importCsv(badImport.account, catalogue, await files("fix"));
      const fixed = await verify(await exportOf(badImport.account));
      expect(fixed.report.counts).toMatchObject({ missingDiaryEntries: baseline.missingDiaryEntries, oneDayShifts: baseline.oneDayShifts, watchlistMissing: baseline.watchlistMissing });

      // A missing Letterboxd export is one line, exit 2.
      const human = await run(["verify", join(dir, "missing.zip"), "--from", "trakt.zip"]);
      expect(human.code).toBe(2);
      expect(errorLine(human)).toContain("Nothing at");
    });
  });

  it("export --letterboxd on a half-imported account writes the other half", async () => {
    await withTempDir(async (dir) => {
      const { run, library } = await converted(dir);
      const rows = readCsv(await readFile(join(dir, "files", "diary.csv"), "utf8"));
      // Every other row of a film Letterboxd knows under Trakt's own title (renamed ones need Trakt's aliases).
      const renamed = new Set(LETTERBOXD_DIFFERENCES.filter((d) => d.kind === "name").map((d) => d.title));
      const half = rows.filter((row, i) => i % 2 === 0 && row.imdbID !== "" && !renamed.has(row.Title ?? ""));
      const account = emptyLetterboxdAccount("sam");
      importCsv(account, letterboxdCatalog(library), { "diary.csv": stringify(half, { header: true }) });
      const lb = await writeLetterboxdExport(account, join(dir, "lb.zip"), { zip: true });

      const result = await run(["export", "--from", "trakt.zip", "--letterboxd", lb, "--out", "rest", "--only", "diary"]);
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toContain(`Left out what your Letterboxd export already has: ${half.length} diary rows`);
      const rest = readCsv(await readFile(join(dir, "rest", "diary.csv"), "utf8"));
      expect(rest).toHaveLength(rows.length - half.length);
      const written = new Set(rest.map((r) => `${r.Title}|${r.WatchedDate}`));
      for (const row of half) expect(written.has(`${row.Title}|${row.WatchedDate}`)).toBe(false);
    });
  });
});
