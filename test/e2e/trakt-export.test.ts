import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { addPlays, addToWatchlist, sampleLibrary, setRating, type SandboxLibrary, type SandboxServer } from "../../src/sandbox/index.js";
import { TRAKT_EXPORT_SECRETS, traktExportZip, writeTraktExport } from "../../src/sandbox/trakt-export.js";
import { errorLine, listFiles, readCsv } from "../helpers/e2e.js";
import { ROOT, runCli, withTempDir, type CliResult } from "../helpers/run-cli.js";

const GOLDEN = join(ROOT, "test", "e2e", "golden", "sample");
/** No client id, no login, and an API that cannot be reached: none is needed. */
const OFFLINE = { TRAKT_API_URL: "http://127.0.0.1:9", TRAKT_AUTH_URL: "http://127.0.0.1:9" };

const sam = (library: SandboxLibrary = sampleLibrary()) => {
  const user = library.users[0];
  if (!user) throw new Error("no sample user");
  return user;
};

/** Edits a library as the sandbox's own write endpoints would (src/sandbox/edits.ts), with no server. */
const editable = (library: SandboxLibrary) => ({ mutate: (edit: (l: SandboxLibrary) => void) => edit(library) }) as unknown as SandboxServer;

async function run(dir: string, args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  return runCli(args, { cwd: dir, env: { TRAKT_LETTERBOXD_HOME: join(dir, "home"), ...OFFLINE, ...env } });
}

/** The golden file's rows with the cells only the network gives (Directors) emptied. */
async function goldenRows(file: string, blank: string[] = ["Directors"]): Promise<Record<string, string>[]> {
  return readCsv(await readFile(join(GOLDEN, file), "utf8")).map((row) => ({ ...row, ...Object.fromEntries(blank.filter((c) => c in row).map((c) => [c, ""])) }));
}

/** The output equals the online export's golden files, Directors aside: byte for byte where no row has directors. */
async function expectGoldenLessDirectors(out: string): Promise<void> {
  expect(await listFiles(out)).toEqual(await listFiles(GOLDEN));
  for (const file of ["diary.csv", "ratings.csv"]) expect(readCsv(await readFile(join(out, file), "utf8")), file).toEqual(await goldenRows(file));
  for (const file of ["watchlist.csv", "lists/best-of-2024.csv", "lists/comfort-films.csv"]) {
    expect(await readFile(join(out, file), "utf8"), file).toBe(await readFile(join(GOLDEN, file), "utf8"));
  }
  const diary = await readFile(join(out, "diary.csv"), "utf8");
  const golden = await readFile(join(GOLDEN, "diary.csv"), "utf8");
  // Only the two id-less films' rows differ, by their Directors cell.
  expect(diary.split("\n").filter((line, i) => line !== golden.split("\n")[i])).toHaveLength(2);
}

function expectNoExportSecrets(...texts: string[]): void {
  for (const text of texts) for (const secret of Object.values(TRAKT_EXPORT_SECRETS)) expect(text).not.toContain(secret);
}

describe("export --from Trakt's own data export (built command, no network)", () => {
  it("converts the flat ZIP into the online export's files, with no client id, skipping rows without a film", async () => {
    await withTempDir(async (dir) => {
      await writeTraktExport(sam(), join(dir, "trakt-export-sandbox-sam.zip"), { zip: true });
      const result = await run(dir, ["export", "--from", "trakt-export-sandbox-sam.zip", "--out", "out"]);
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toMatch(/Your Trakt library from Trakt's data export trakt-export-sandbox-sam\.zip: \d+ films, 337 plays, /);
      expect(result.stdout).toContain("no request to Trakt");
      expect(result.stdout).toContain("Watch dates are calendar days in Europe/Berlin (your Trakt account's zone, from the export's user-settings.json)");
      expect(result.stdout).toContain("Skipped 5 entries without a film (2 history, 1 ratings, 1 watchlist, 1 lists)");
      expect(result.stdout).not.toContain("Warning:");
      await expectGoldenLessDirectors(join(dir, "out"));
      const outputs = await Promise.all((await listFiles(join(dir, "out"))).map((f) => readFile(join(dir, "out", f), "utf8")));
      expectNoExportSecrets(result.stdout, result.stderr, ...outputs);

      const json = await run(dir, ["export", "--from", "trakt-export-sandbox-sam.zip", "--out", "dry", "--dry-run", "--json"]);
      expect(json.code, json.stderr).toBe(0);
      const summary = JSON.parse(json.stdout) as { source: { kind: string; layout: string }; skipped: Record<string, number>; timeZone: string; timeZoneSource: string };
      expect(summary).toMatchObject({ source: { kind: "trakt-export", layout: "flat" }, skipped: { history: 2, ratings: 1, watchlist: 1, lists: 1 }, timeZone: "Europe/Berlin", timeZoneSource: "account" });
      expectNoExportSecrets(json.stdout);
    });
  });

  it("reads it unzipped, re-zipped under a top folder with __MACOSX litter, with mixed page names and indented JSON", async () => {
    await withTempDir(async (dir) => {
      await writeTraktExport(sam(), join(dir, "unzipped"), { zip: false, pageSize: 40 });
      await writeTraktExport(sam(), join(dir, "rezipped.zip"), { zip: true, topFolder: "trakt-export-sandbox-sam", litter: true, mixedPages: true, pageSize: 40, pretty: true });
      for (const [from, out] of [["unzipped", "a"], ["rezipped.zip", "b"]] as const) {
        const result = await run(dir, ["export", "--from", from, "--out", out]);
        expect(result.code, result.stderr).toBe(0);
        await expectGoldenLessDirectors(join(dir, out));
      }
      // Indented JSON: an export made before Trakt fixed its paging, so the summary says so.
      const pretty = await run(dir, ["export", "--from", "rezipped.zip", "--out", "b", "--dry-run"]);
      expect(pretty.stdout).toContain("made before 13 August 2026");
    });
  });

  it("reads the older nested layout (no settings, no comments): the zone comes from --timezone", async () => {
    await withTempDir(async (dir) => {
      await writeTraktExport(sam(), join(dir, "nested.zip"), { zip: true, layout: "nested", pageSize: 100 });
      const result = await run(dir, ["export", "--from", "nested.zip", "--out", "out", "--timezone", "Europe/Berlin"]);
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toContain("Trakt's data export (older layout)");
      // No comments file: no reviews; everything else as online.
      const diary = readCsv(await readFile(join(dir, "out", "diary.csv"), "utf8"));
      expect(diary).toEqual(await goldenRows("diary.csv", ["Directors", "Review"]));
      expect(await readFile(join(dir, "out", "watchlist.csv"), "utf8")).toBe(await readFile(join(GOLDEN, "watchlist.csv"), "utf8"));
      expect(await listFiles(join(dir, "out"))).toEqual(await listFiles(GOLDEN));
    });
  });

  it("warns about an incomplete export: _errors.json, and plays missing from the history (exit 0)", async () => {
    await withTempDir(async (dir) => {
      const errors = [
        { endpoint: "users/sandbox-sam/ratings/movies", error: "RateLimited", fetchedPages: 0, totalPages: 1 },
        { endpoint: "users/sandbox-sam/collection/shows?extended=metadata,gdpr", error: "HTTP 404", fetchedPages: 0, totalPages: 0 },
      ];
      await writeTraktExport(sam(), join(dir, "old.zip"), { zip: true, pageSize: 100, dropOldestHistoryPages: 1, errors });
      const result = await run(dir, ["export", "--from", "old.zip", "--out", "out"]);
      expect(result.code, result.stderr).toBe(0);
      const warnings = result.stdout.split("\n").filter((line) => line.startsWith("Warning:"));
      expect(warnings).toEqual([
        expect.stringContaining("Trakt could not export your film ratings (RateLimited, 0 of 1 pages)"),
        expect.stringMatching(/This export lacks \d+ plays of \d+ films .* exports made before 18 August 2026 can miss the oldest plays: download a new one\./),
      ]);
    });
  });

  it("refuses what is not a Trakt export, a damaged zip and a missing path with one line and exit 2", async () => {
    await withTempDir(async (dir) => {
      const zip = traktExportZip(sam());
      await writeFile(join(dir, "truncated.zip"), zip.subarray(0, Math.floor(zip.length / 2)));
      await writeFile(join(dir, "other.zip"), zipSync({ "notes.txt": new TextEncoder().encode("hello") }));
      await writeFile(join(dir, "not-a-zip.zip"), "just text");
      await mkdir(join(dir, "empty"));
      await writeFile(join(dir, "bad-json.zip"), zipSync({ "watched-history.json": new TextEncoder().encode('[{"id": 1,'), "user-settings.json": new TextEncoder().encode(`{"account":{"email":"${TRAKT_EXPORT_SECRETS.email}"`) }));
      const cases: [string, string][] = [
        ["truncated.zip", "not a readable zip file"],
        // Not known to be Trakt's export or a backup yet: both next steps.
        ["truncated.zip", "download Trakt's export again, or for a backup make a new one with `trakt-letterboxd backup`."],
        ["other.zip", "neither Trakt's data export nor a trakt-letterboxd backup"],
        ["not-a-zip.zip", "not a readable zip file"],
        ["empty", "neither Trakt's data export nor a trakt-letterboxd backup"],
        ["nowhere.zip", "--from nowhere.zip: nothing is there"],
        ["bad-json.zip", "is not valid JSON; the export is damaged"],
      ];
      for (const [from, message] of cases) {
        const result = await run(dir, ["export", "--from", from, "--out", "out"]);
        expect(result.code, from).toBe(2);
        expect(errorLine(result), from).toContain(message);
        expectNoExportSecrets(result.stderr);
      }
      expect(await listFiles(join(dir, "out")).catch(() => [])).toEqual([]);
    });
  });

  it("--incremental loads it into the data folder's store: the same ZIP again is nothing new, next month's gives only what is new", async () => {
    await withTempDir(async (dir) => {
      const library = sampleLibrary();
      await writeTraktExport(sam(library), join(dir, "november.zip"), { zip: true });
      const first = await run(dir, ["export", "--from", "november.zip", "--incremental", "--out", "first"]);
      expect(first.code, first.stderr).toBe(0);
      await expectGoldenLessDirectors(join(dir, "first"));
      const again = await run(dir, ["export", "--from", "november.zip", "--incremental", "--out", "again"]);
      expect(again.code, again.stderr).toBe(0);
      expect(again.stdout).toContain("Nothing new since the last export");
      // The unchanged file is not loaded again, and its report is the same.
      expect(again.stdout).toContain("Skipped 5 entries without a film");
      // Only the user name and zone of user-settings.json are kept.
      const stored = await Promise.all(["store.sqlite", "store.sqlite-wal"].map((f) => readFile(join(dir, "home", f)).then((b) => b.toString("latin1"), () => "")));
      expect(stored[0]).toContain("sandbox-sam");
      expectNoExportSecrets(...stored);
      expect(await listFiles(join(dir, "again")).catch(() => [])).toEqual([]);
      // status names the file the store was filled from (no online sync ever ran).
      const status = await run(dir, ["status"]);
      expect(status.stdout).toContain("Last sync: never (the store was filled from a file)");
      expect(status.stdout).toMatch(/Last loaded from a file: \d{4}-\d\d-\d\d \d\d:\d\d \(.+\), .*november\.zip\n/);

      // A month later: two plays, a changed rating, a film on the watchlist.
      const server = editable(library);
      addPlays(server, [{ traktId: 10, watchedAt: "2026-11-20T20:00:00.000Z" }, { traktId: 13, watchedAt: "2026-11-21T20:00:00.000Z" }]);
      setRating(server, 20, 3);
      addToWatchlist(server, 21);
      await writeTraktExport(sam(library), join(dir, "december.zip"), { zip: true });
      const next = await run(dir, ["export", "--from", "december.zip", "--incremental", "--out", "next"]);
      expect(next.code, next.stderr).toBe(0);
      expect(await listFiles(join(dir, "next"))).toEqual(["diary.csv", "ratings.csv", "watchlist.csv"]);
      const diary = readCsv(await readFile(join(dir, "next", "diary.csv"), "utf8"));
      expect(diary.map((r) => [r.Title, r.WatchedDate, r.Rewatch])).toEqual([
        ["The Matrix", "2026-11-20", "true"],
        ["Before Sunrise", "2026-11-21", "true"],
      ]);
      expect(readCsv(await readFile(join(dir, "next", "ratings.csv"), "utf8")).map((r) => [r.Title, r.Rating10])).toEqual([["Cats", "3"]]);
      expect(readCsv(await readFile(join(dir, "next", "watchlist.csv"), "utf8")).map((r) => r.Title)).toEqual(["The Room"]);

      // Another account's export never mixes into this store.
      const other = sampleLibrary();
      sam(other).settings.user.username = "someone-else";
      await writeTraktExport(sam(other), join(dir, "other.zip"), { zip: true });
      const refused = await run(dir, ["export", "--from", "other.zip", "--incremental", "--out", "x"]);
      expect(refused.code).toBe(2);
      expect(errorLine(refused)).toContain("mirrors sandbox-sam's Trakt library, not someone-else's");
    });
  });

  it("--include-shows writes shows.csv from the export's episode plays and show ratings", async () => {
    await withTempDir(async (dir) => {
      await writeTraktExport(sam(), join(dir, "x.zip"), { zip: true });
      const result = await run(dir, ["export", "--from", "x.zip", "--out", "out", "--include-shows"]);
      expect(result.code, result.stderr).toBe(0);
      const shows = readCsv(await readFile(join(dir, "out", "shows.csv"), "utf8"));
      expect(shows.map((r) => [r.Title, r.WatchedDate, r.Episodes, r.Rewatch, r.Rating10])).toEqual([
        ["Frasier", "2019-05-01", "S01E01", "false", ""],
        ["Frasier", "2023-01-15", "S01E01, S01E02", "true", ""],
        ["Shōgun", "2024-03-02", "S01E01, S01E02, S01E03", "false", ""],
        ["Shōgun", "2024-03-03", "S01E04", "false", "9"],
      ]);
    });
  });
});
