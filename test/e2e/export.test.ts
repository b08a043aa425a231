import { mkdir, readFile, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { errorLine, expectMatchesGolden, expectNoSecrets, listFiles, readCsv, useE2e, type E2e } from "../helpers/e2e.js";
import { ROOT, runCli, withTempDir } from "../helpers/run-cli.js";

const GOLDEN = join(ROOT, "test", "e2e", "golden", "sample");

describe("export (built command against the sandbox)", () => {
  let e2e: E2e;
  useE2e({}, (made) => ({ e2e } = made));

  const run = (args: string[], env: Record<string, string> = {}) => runCli(args, { cwd: e2e.cwd, env: { ...e2e.env, ...env } });

  it("writes the sample library's files exactly as the golden ones", async () => {
    const result = await run(["export", "--out", "full"]);
    expect(result.stdout).toContain("Watch dates are calendar days in Europe/Berlin");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/full\/diary\.csv\s+331 rows/);
    expect(result.stdout).toContain("2 films have no IMDb or TMDb id");
    await expectMatchesGolden(join(e2e.cwd, "full"), GOLDEN);
    await expectNoSecrets(e2e, result);
  });

  it("reads back with a CSV parser into the rows the contract asks for", async () => {
    const diary = readCsv(await readFile(join(GOLDEN, "diary.csv"), "utf8"));
    const rows = (title: string) => diary.filter((r) => r.Title === title);
    // Plays near local midnight and across DST land on Berlin's calendar day.
    expect(rows("Night on Earth").map((r) => r.WatchedDate)).toEqual(["2024-03-16"]);
    expect(rows("Lola rennt").map((r) => [r.WatchedDate, r.Rewatch])).toEqual([["2024-03-30", "false"], ["2024-04-01", "true"]]);
    expect(rows("Der Himmel über Berlin")).toHaveLength(1);
    // Three plays on one day are one row; unknown-date plays make later rows rewatches.
    expect(rows("Paddington 2")).toHaveLength(1);
    expect(rows("The Matrix").map((r) => [r.WatchedDate, r.Rewatch, r.Rating10])).toEqual([["2016-03-04", "true", ""], ["2023-03-31", "true", "9"]]);
    expect(rows("Casablanca")).toEqual([expect.objectContaining({ WatchedDate: "", Rewatch: "false", Rating: "5", Rating10: "10" })]);
    // Ids missing stay empty; directors only for films without both ids.
    expect(rows("Festival Cut")[0]).toMatchObject({ imdbID: "tt7654321", tmdbID: "", Directors: "" });
    expect(rows("Untitled Basement Tape")[0]).toMatchObject({ Year: "", imdbID: "", tmdbID: "", Directors: "Mira Okafor" });
    // A review with commas, quotes and a newline survives quoting.
    expect(rows("Crouching Tiger, Hidden Dragon")[0]?.Review).toBe('Wire-work, "wuxia" and heartbreak.\nSecond paragraph, with commas, and a "quoted" line.');
    for (const row of diary) for (const cell of Object.values(row)) expect(["0", "null", "undefined", "NaN"]).not.toContain(cell);

    const ratings = readCsv(await readFile(join(GOLDEN, "ratings.csv"), "utf8"));
    expect(ratings.find((r) => r.Title === "Metropolis")).toMatchObject({ Rating: "", Rating10: "", Review: expect.stringContaining("restored cut") });
    expect(ratings.find((r) => r.Title === "Cats")).toMatchObject({ Rating: "0.5", Rating10: "1" });
    // A review stands once: on the latest diary row when there is one.
    expect(ratings.find((r) => r.Title === "The Matrix")?.Review).toBe("");
  });

  it("prints a JSON summary with --json and writes nothing with --dry-run", async () => {
    const result = await run(["export", "--out", "dry", "--dry-run", "--json"]);
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout) as { dryRun: boolean; files: { name: string; rows: number }[]; counts: { plays: number }; titleOnlyFilms: unknown[] };
    expect(summary.dryRun).toBe(true);
    expect(summary.counts.plays).toBe(337);
    expect(summary.files.find((f) => f.name === "diary")?.rows).toBe(331);
    expect(summary.titleOnlyFilms).toHaveLength(2);
    await expect(stat(join(e2e.cwd, "dry"))).rejects.toThrow();
  });

  it("writes only what --only names, and leaves the other files of the folder alone", async () => {
    const out = join(e2e.cwd, "only");
    await mkdir(out, { recursive: true });
    await writeFile(join(out, "diary.csv"), "kept\n");
    const result = await run(["export", "--out", out, "--only", "watchlist,lists"]);
    expect(result.code).toBe(0);
    expect(await listFiles(out)).toEqual(["diary.csv", "lists/best-of-2024.csv", "lists/comfort-films.csv", "watchlist.csv"]);
    expect(await readFile(join(out, "diary.csv"), "utf8")).toBe("kept\n");
    expect(await readFile(join(out, "watchlist.csv"), "utf8")).toBe(await readFile(join(GOLDEN, "watchlist.csv"), "utf8"));
  });

  it("splits files over --max-file-bytes into parts with headers, rows in order", async () => {
    const result = await run(["export", "--out", "split", "--only", "diary", "--max-file-bytes", "4000"]);
    expect(result.code).toBe(0);
    const files = await listFiles(join(e2e.cwd, "split"));
    expect(files.length).toBeGreaterThan(4);
    expect(files.every((f) => /^diary-\d+\.csv$/.test(f))).toBe(true);
    const parts = files.sort((a, b) => Number(a.match(/\d+/)?.[0]) - Number(b.match(/\d+/)?.[0]));
    const texts = await Promise.all(parts.map((f) => readFile(join(e2e.cwd, "split", f), "utf8")));
    for (const text of texts) {
      expect(Buffer.byteLength(text)).toBeLessThanOrEqual(4000);
      expect(text.startsWith("Title,Year,Directors,imdbID,tmdbID,WatchedDate,Rating,Rating10,Rewatch,Tags,Review\n")).toBe(true);
    }
    const rows = texts.flatMap((t) => readCsv(t));
    expect(rows).toEqual(readCsv(await readFile(join(GOLDEN, "diary.csv"), "utf8")));
  });

  it("counts the films of the files it wrote, and tells how to upload only those files", async () => {
    const result = await run(["export", "--out", "diary-only", "--only", "diary"]);
    expect(result.code, result.stderr).toBe(0);
    const diary = readCsv(await readFile(join(e2e.cwd, "diary-only", "diary.csv"), "utf8"));
    const films = new Set(diary.map((r) => [r.Title, r.Year, r.imdbID, r.tmdbID].join("|"))).size;
    const library = Number(/^Your Trakt library: (\d+) films, 337 plays, /m.exec(result.stdout)?.[1]);
    // The library holds more films (rated, listed, on the watchlist) than the diary.
    expect(library).toBeGreaterThan(films);
    expect(result.stdout).toContain(`Wrote ${films} films in 1 file:`);
    expect(result.stdout).toContain("Upload the diary file at https://letterboxd.com/import/.");
    expect(result.stdout).not.toMatch(/watchlist page|new list|ratings file/);
    expect(result.stdout).not.toMatch(/\b1 (films|rows|requests|plays|ratings|reviews|lists)\b/);

    const two = await run(["export", "--out", "two", "--only", "ratings,watchlist"]);
    expect(two.stdout).toContain("Upload the ratings file at https://letterboxd.com/import/; the watchlist file with the import on your Letterboxd watchlist page.");
  });

  it("colours only for a terminal or FORCE_COLOR, never with NO_COLOR or into a pipe", async () => {
    const piped = await run(["export", "--out", "plain", "--only", "watchlist"]);
    const noColor = await run(["export", "--out", "plain", "--only", "watchlist"], { NO_COLOR: "1" });
    const refused = await run(["export", "--max-file-bytes", "10"], { NO_COLOR: "1" });
    for (const result of [piped, noColor, refused]) expect(result.stdout + result.stderr).not.toContain("\x1b[");

    const forced = await run(["export", "--out", "plain", "--only", "watchlist"], { FORCE_COLOR: "1" });
    expect(forced.code).toBe(0);
    expect(forced.stdout).toContain("\x1b[1mYour Trakt library:\x1b[22m");
    expect(forced.stdout).toContain("\x1b[1mWrote 30 films in 1 file:\x1b[22m");
    const forcedError = await run(["export", "--max-file-bytes", "10"], { FORCE_COLOR: "1" });
    expect(forcedError.stderr.startsWith("\x1b[31mtrakt-letterboxd:\x1b[39m --max-file-bytes")).toBe(true);
  });

  it("uses --timezone and --tag", async () => {
    const result = await run(["export", "--out", "la", "--only", "diary", "--timezone", "America/Los_Angeles", "--tag", "trakt", "--tag", "import 2026"]);
    expect(result.code).toBe(0);
    const diary = readCsv(await readFile(join(e2e.cwd, "la", "diary.csv"), "utf8"));
    expect(diary.find((r) => r.Title === "Night on Earth")?.WatchedDate).toBe("2024-03-15");
    expect(new Set(diary.map((r) => r.Tags))).toEqual(new Set(["trakt, import 2026"]));
  });

  it("exports a public profile with --user and no login, the same rows as the owner's", async () => {
    await withTempDir(async (emptyHome) => {
      const result = await run(["export", "--out", "public", "--user", "sandbox-sam", "--timezone", "Europe/Berlin"], { TRAKT_LETTERBOXD_HOME: emptyHome });
      expect(result.code).toBe(0);
      await expectMatchesGolden(join(e2e.cwd, "public"), GOLDEN);
    });
    const publicCalls = e2e.sandbox.requests.filter((r) => r.path.startsWith("/users/sandbox-sam/"));
    expect(publicCalls.length).toBeGreaterThan(0);
    expect(publicCalls.every((r) => !r.authed)).toBe(true);
  });

  it("refuses a private or unknown profile with the right exit code", async () => {
    const privateRun = await run(["export", "--out", "x", "--user", "private-pat"]);
    expect(privateRun.code).toBe(3);
    expect(errorLine(privateRun)).toContain("private");
    const unknown = await run(["export", "--out", "x", "--user", "no-such-person"]);
    expect(unknown.code).toBe(2);
    expect(errorLine(unknown)).toContain('no user "no-such-person"');
  });

  it("refreshes an expired login mid-run and saves the new single-use refresh token", async () => {
    const before = JSON.parse(await readFile(join(e2e.home, "token.json"), "utf8")) as { refresh_token: string };
    e2e.sandbox.expireAccessTokens();
    const result = await run(["export", "--out", "refreshed", "--only", "watchlist"]);
    expect(result.code).toBe(0);
    const after = JSON.parse(await readFile(join(e2e.home, "token.json"), "utf8")) as { refresh_token: string };
    expect(after.refresh_token).not.toBe(before.refresh_token);
    expect((await stat(join(e2e.home, "token.json"))).mode & 0o777).toBe(0o600);
    await expectNoSecrets(e2e, result);
  });
});
