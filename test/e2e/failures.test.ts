import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { errorLine, expectNoSecrets, listFiles, useE2e, type E2e } from "../helpers/e2e.js";
import { withExportLock } from "../../src/export/export-lock.js";
import { runCli } from "../helpers/run-cli.js";
import { tmpdir } from "node:os";

describe("failures: exit codes, one clear line, nothing half-written", () => {
  let e2e: E2e;
  useE2e({ login: false, each: true }, (made) => ({ e2e } = made));
  const run = (args: string[], env: Record<string, string> = {}) => runCli(args, { cwd: e2e.cwd, env: { ...e2e.env, ...env } });

  it.each([
    [["export", "--bogus"], /^trakt-letterboxd: Unknown option '--bogus'\. See `trakt-letterboxd export --help`\.$/],
    [["export", "--only", "diary,films"], /--only "diary,films": .*"films"/],
    [["export", "--max-file-bytes", "-3"], /--max-file-bytes "-3": expected a whole number of bytes, 1000 or more/],
    [["export", "--max-file-bytes", "10"], /--max-file-bytes "10": expected a whole number of bytes, 1000 or more/],
    [["export", "--timezone", "Mars/Olympus"], /Unknown time zone "Mars\/Olympus" \(from --timezone\)/],
    [["export", "--timezone", ""], /--timezone "": expected an IANA time zone/],
    [["schedule", "--timezone", " "], /--timezone " ": expected an IANA time zone/],
    [["export", "--from", "missing.zip"], /--from missing\.zip: nothing is there; give Trakt's data export ZIP/],
    [["export", "--letterboxd", "missing.zip"], /--letterboxd missing\.zip: nothing is there; give the ZIP/],
    [["export", "--from", "x.zip", "--user", "sam"], /--user cannot be used with --from\. See/],
    [["export", "--user", "sam", "--include-shows"], /--include-shows cannot be used with --user\. See/],
    [["export", "--user", "a/b"], /--user "a\/b": expected the name in the profile's address/],
    [["export", "--tag", ""], /--tag "": expected a tag name/],
    [["backup", "--zip", "--out", "."], /--out \. is a folder; give the path of a zip file/],
    [["verify", "missing.zip"], /The Letterboxd export missing\.zip: nothing is there/],
    [["serve", "--port", "70000"], /--port "70000": expected a port number from 0 to 65535/],
    [["status", "extra"], /Too many arguments for 'status'/],
    [["frobnicate"], /^trakt-letterboxd: Unknown command 'frobnicate'\. See `trakt-letterboxd --help`\.$/],
  ])("exits 2 on bad usage, in one line of ours, before any request: %s", async (args, message) => {
    const result = await run(args);
    expect(result.code).toBe(2);
    expect(errorLine(result)).toMatch(message);
    // One voice: commander's own "error:" prefix and help text never show.
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).not.toContain("error:");
    expect(e2e.sandbox.requests).toHaveLength(0);
  });

  it("refuses an --out that is a file, inside the data folder's own files, or the data folder, before any request", async () => {
    await e2e.login();
    await writeFile(join(e2e.cwd, "taken"), "a file\n");
    const cases: [string, RegExp][] = [
      ["taken", /^trakt-letterboxd: --out taken is a file; give a folder \(it is made if missing\)\.$/],
      [join("taken", "sub"), /--out taken\/sub cannot be made: .*taken is a file; give a folder\./],
      [join(e2e.home, "store.sqlite"), /is part of the data folder \(its store\.sqlite\); give a folder outside it\./],
      [join(e2e.home, "profiles", "x"), /is part of the data folder \(its profiles\)/],
      [join(e2e.home, "token.json"), /is part of the data folder \(its token\.json\)/],
      [e2e.home, /is the data folder itself; give a folder of its own/],
    ];
    for (const [out, message] of cases) {
      const result = await run(["export", "--out", out]);
      expect(result.code, out).toBe(2);
      expect(errorLine(result)).toMatch(message);
    }
    expect(await run(["backup", "--out", join(e2e.home, "uploads")]).then(errorLine)).toMatch(/part of the data folder \(its uploads\)/);
    expect(e2e.sandbox.requests).toHaveLength(0);
    // The data folder's exports/ (the schedule's default) is no part of its own files.
    const exports = await run(["export", "--out", join(e2e.home, "exports", "now"), "--only", "watchlist"]);
    expect(exports.code, exports.stderr).toBe(0);
  });

  it("exits 2 on a bad config.toml, a bad TRAKT_LETTERBOXD_TZ and a missing client id", async () => {
    await writeFile(join(e2e.home, "config.toml"), "timezone = [");
    expect(errorLine(await run(["export"]))).toMatch(/config\.toml is not valid TOML/);
    // The same rule, in the same words, for the flag and the config key.
    await writeFile(join(e2e.home, "config.toml"), "max_file_bytes = 10\n");
    expect(errorLine(await run(["export"]))).toMatch(/config\.toml: max_file_bytes: expected a whole number of bytes, 1000 or more\./);
    await rm(join(e2e.home, "config.toml"));
    await writeFile(join(e2e.cwd, "not-a-folder"), "");
    const fileHome = await run(["status", "--home", "not-a-folder"]);
    expect(fileHome.code).toBe(2);
    expect(errorLine(fileHome)).toBe("trakt-letterboxd: --home not-a-folder is a file, not a folder; give a folder for the data (it is made if missing).");
    const badZone = await run(["export"], { TRAKT_LETTERBOXD_TZ: "Nowhere" });
    expect(badZone.code).toBe(2);
    expect(errorLine(badZone)).toContain("TRAKT_LETTERBOXD_TZ");
    const noId = await run(["export"], { TRAKT_CLIENT_ID: "" });
    expect(noId.code).toBe(2);
    expect(errorLine(noId)).toContain("TRAKT_CLIENT_ID");
    // The way for members who cannot create an app.
    expect(errorLine(noId)).toContain("`trakt-letterboxd export --from trakt-export.zip`");
  });

  it("exits 3 when not logged in, before any request, with the next step each command can take", async () => {
    const result = await run(["export"]);
    expect(result.code).toBe(3);
    expect(errorLine(result)).toContain("trakt-letterboxd auth");
    expect(errorLine(result)).toContain("--user NAME");
    // backup takes no --user: its hint does not offer it.
    const backup = await run(["backup"]);
    expect(backup.code).toBe(3);
    expect(errorLine(backup)).toBe("trakt-letterboxd: Not logged in to Trakt; run `trakt-letterboxd auth` first.");
    const status = await run(["auth", "status"]);
    expect(status.code).toBe(3);
    expect(errorLine(status)).toBe("trakt-letterboxd: Not logged in to Trakt; run `trakt-letterboxd auth` to log in.");
    expect(e2e.sandbox.requests).toHaveLength(0);
  });

  it("exits 3 when Trakt refuses the app (a client id it does not know), as a refused login", async () => {
    await e2e.login();
    const wrongId = await run(["export"], { TRAKT_CLIENT_ID: "wrong" });
    expect(wrongId.code).toBe(3);
    expect(errorLine(wrongId)).toContain("Trakt refused the app: check TRAKT_CLIENT_ID");
  });

  it("exits 3 when the token cannot be refreshed (refresh token already used)", async () => {
    const token = await e2e.login();
    // Somebody else used this refresh token (e.g. a copy of token.json): Trakt kills it.
    const refreshed = await fetch(`${e2e.sandbox.url}/oauth/token`, {
      method: "POST",
      headers: { "content-type": "application/json", "user-agent": "other-copy" },
      body: JSON.stringify({ refresh_token: token.refresh_token, client_id: e2e.sandbox.clientId, client_secret: e2e.sandbox.clientSecret, redirect_uri: "urn:ietf:wg:oauth:2.0:oob", grant_type: "refresh_token" }),
    });
    expect(refreshed.status).toBe(200);
    const result = await run(["export"]);
    expect(result.code).toBe(3);
    expect(errorLine(result)).toMatch(/auth/);
    await expectNoSecrets(e2e, result);
  });

  it("rides out a 429 with Retry-After, a truncated body and a reset, and still writes every row", async () => {
    await e2e.login();
    e2e.sandbox.injectFault({ path: "/sync/history/movies", fault: { kind: "html", status: 429, retryAfter: "1" } });
    e2e.sandbox.injectFault({ path: "/sync/ratings/movies", fault: { kind: "truncate" } });
    e2e.sandbox.injectFault({ path: "/sync/watchlist/movies", fault: { kind: "reset" } });
    const result = await run(["export", "--out", "out", "--json"]);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/rate limit/i);
    const summary = JSON.parse(result.stdout) as { counts: { plays: number; ratings: number; watchlist: number } };
    expect(summary.counts).toMatchObject({ plays: 337, ratings: 97, watchlist: 30 });
  });

  it("exits 1 when Trakt keeps failing, leaving the previous export intact", async () => {
    await e2e.login();
    const out = join(e2e.cwd, "out");
    await mkdir(out, { recursive: true });
    await writeFile(join(out, "diary.csv"), "previous export\n");
    e2e.sandbox.injectFault({ path: "/sync/history/movies", times: Infinity, fault: { kind: "html", status: 502 } });
    const result = await run(["export", "--out", "out"], { TRAKT_LETTERBOXD_RETRIES: "1" });
    expect(result.code).toBe(1);
    expect(errorLine(result)).toMatch(/502.*try again later/);
    expect(await listFiles(out)).toEqual(["diary.csv"]);
    expect(await readFile(join(out, "diary.csv"), "utf8")).toBe("previous export\n");
  });

  it("exits 3 with a clear line when Cloudflare answers 403 HTML", async () => {
    await e2e.login();
    e2e.sandbox.injectFault({ path: "/users/settings", fault: { kind: "html", status: 403 } });
    const result = await run(["export", "--out", "out"]);
    expect(result.code).toBe(3);
    expect(errorLine(result)).toMatch(/403.*HTML/);
  });

  it("exits 1 without touching Trakt while another export holds the data folder", async () => {
    await e2e.login();
    const result = await withExportLock(e2e.home, () => run(["export", "--out", "out"]));
    expect(result.code).toBe(1);
    expect(errorLine(result)).toContain("Another export is running from this data folder");
    expect(e2e.sandbox.requests).toHaveLength(0);
    expect((await run(["export", "--out", "out", "--only", "watchlist"])).code).toBe(0);
  });

  it("exits 1 when Trakt cannot be reached", async () => {
    await e2e.login();
    const port = await closedPort();
    const result = await run(["export"], { TRAKT_API_URL: `http://127.0.0.1:${port}`, TRAKT_LETTERBOXD_RETRIES: "0" });
    expect(result.code).toBe(1);
    expect(errorLine(result)).toMatch(/127\.0\.0\.1.*Check your connection/);
  });
});

/** A loopback port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  return typeof address === "object" && address ? address.port : 9;
}

describe("help and version", () => {
  it("prints --version and --help for every command with exit 0", async () => {
    const cwd = tmpdir();
    const version = await runCli(["--version"], { cwd });
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    for (const args of [["--help"], ["export", "--help"], ["auth", "--help"], ["auth", "status", "--help"], ["auth", "logout", "--help"], ["demo", "--help"]]) {
      const help = await runCli(args, { cwd });
      expect(help.code, args.join(" ")).toBe(0);
      expect(help.stdout).toContain("Usage: trakt-letterboxd");
    }
    const exportHelp = await runCli(["export", "--help"], { cwd });
    for (const flag of ["--out", "--timezone", "--user", "--incremental", "--only", "--max-file-bytes", "--dry-run", "--json", "--tag"]) {
      expect(exportHelp.stdout).toContain(flag);
    }
    expect(exportHelp.stdout).not.toContain("(default: [])");
    // Global options show in each command's help: the README gives `sandbox --home DIR`.
    expect((await runCli(["sandbox", "--help"], { cwd })).stdout).toMatch(/--port <n>[\s\S]*--home <dir>/);
  });
});
