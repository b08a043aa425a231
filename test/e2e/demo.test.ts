import { access, mkdir, readdir } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, withTempDir } from "../helpers/run-cli.js";

describe("demo (built command)", () => {
  it("keeps its data folder in --home (made if missing), so status works on it afterwards", { timeout: 60_000 }, async () => {
    await withTempDir(async (cwd) => {
      const home = join(cwd, "demo-home");
      const demo = await runCli(["demo", "--home", home], { cwd, timeoutMs: 50_000 });
      expect(demo.code, demo.stderr).toBe(0);
      expect(demo.stdout).toContain("Demo done");
      expect(demo.stdout).toContain(`The login is saved in ${join(home, "token.json")}.`);
      expect(await readdir(join(cwd, "letterboxd-export-api"))).toContain("diary.csv");
      await access(join(home, "token.json"));
      const status = await runCli(["status", "--home", home], { cwd });
      expect(status.code, status.stderr).toBe(0);
      expect(status.stdout).toMatch(/Account: sandbox-sam/);
      // Step 3's Letterboxd export lacks its 2024 diary entries and a watchlist film: verify says so and writes the fix.
      expect(demo.stdout).toContain("trakt-letterboxd verify letterboxd-sandbox-sam.zip --from trakt-export-sandbox-sam.zip --out letterboxd-fix");
      const verify = await runCli(["verify", "letterboxd-sandbox-sam.zip", "--from", "trakt-export-sandbox-sam.zip", "--out", "letterboxd-fix", "--json"], { cwd });
      expect(verify.code, verify.stderr).toBe(4);
      const report = JSON.parse(verify.stdout) as { counts: { missingDiaryEntries: number; watchlistMissing: number } };
      expect(report.counts.watchlistMissing).toBe(1);
      expect(report.counts.missingDiaryEntries).toBeGreaterThan(0);
      expect((await readdir(join(cwd, "letterboxd-fix"))).sort()).toEqual(["diary.csv", "watchlist.csv"]);
    });
  });

  it("without --home says the login is kept only for the demo, prints the final counts on a pipe, and deletes its data folder", { timeout: 60_000 }, async () => {
    await withTempDir(async (cwd) => {
      const tmp = join(cwd, "tmp");
      await mkdir(tmp);
      const demo = await runCli(["demo"], { cwd, env: { TMPDIR: tmp }, timeoutMs: 50_000 });
      expect(demo.code, demo.stderr).toBe(0);
      expect(demo.stdout).toContain("The login is kept only for this demo (its data folder is deleted at the end; `demo --home DIR` keeps it).");
      expect(demo.stdout).not.toContain("token.json");
      // Reading the ZIP has no total: the last progress line is the count the summary gives.
      const plays = /(\d+) plays/.exec(demo.stdout)?.[1];
      expect(demo.stderr).toContain(`Reading history: ${plays}\n`);
      expect(await readdir(tmp)).toEqual([]);
    });
  });

  it("stops on Ctrl+C with one line saying what was kept, exit 130, and deletes its throw-away data folder", { timeout: 60_000 }, async () => {
    await withTempDir(async (cwd) => {
      const tmp = join(cwd, "tmp");
      await mkdir(tmp);
      // Ctrl+C while the first step converts the ZIP: it stops before the login.
      const demo = await runCli(["demo"], { cwd, env: { TMPDIR: tmp }, timeoutMs: 50_000, interruptWhen: (stdout) => stdout.includes("1. Trakt's data export") });
      expect(demo.code, demo.stderr).toBe(130);
      expect(demo.stderr.trim().split("\n").at(-1)).toBe(
          "trakt-letterboxd: Interrupted; the demo's throw-away data folder is deleted, and the files it finished writing stay; run `trakt-letterboxd demo` again to see the whole path.",
      );
      expect(demo.stdout).not.toContain("2. With a Trakt API app");
      expect(await readdir(tmp)).toEqual([]);
    });
  });

  it("on Ctrl+C with --home, says the data folder keeps what it stored", { timeout: 60_000 }, async () => {
    await withTempDir(async (cwd) => {
      const demo = await runCli(["demo", "--home", "kept"], { cwd, timeoutMs: 50_000, interruptWhen: (stdout) => stdout.includes("1. Trakt's data export") });
      expect(demo.code, demo.stderr).toBe(130);
      expect(demo.stderr.trim().split("\n").at(-1)).toBe(
        "trakt-letterboxd: Interrupted; the data folder kept keeps what the demo stored so far, and the files it finished writing stay; run `trakt-letterboxd demo --home kept` again to see the whole path.",
      );
      await access(join(cwd, "kept"));
    });
  });
});
