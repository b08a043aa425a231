import { createHash } from "node:crypto";
import { spawn } from "node:child_process";
import { readFile, readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { BACKUP_FILES } from "../../src/backup/index.js";
import { sampleLibrary } from "../../src/sandbox/index.js";
import { errorLine, expectNoSecrets, listFiles, readCsv, useE2e, type E2e } from "../helpers/e2e.js";
import { BIN, runCli } from "../helpers/run-cli.js";

const UNREACHABLE = { TRAKT_API_URL: "http://127.0.0.1:9", TRAKT_AUTH_URL: "http://127.0.0.1:9" };

describe("backup and export --from (built command against the sandbox)", () => {
  let e2e: E2e;
  let dir: string;
  useE2e({}, (made) => ({ e2e, dir } = made));

  const run = (args: string[], env: Record<string, string> = {}) => runCli(args, { cwd: e2e.cwd, env: { ...e2e.env, ...env } });
  const contents = async (folder: string) => Object.fromEntries(await Promise.all((await listFiles(folder)).map(async (f) => [f, await readFile(join(folder, f), "utf8")])));
  const readJson = async (path: string): Promise<unknown> => JSON.parse(await readFile(path, "utf8")) as unknown;

  it("writes every kind in the API's shapes, with a manifest of counts and checksums", async () => {
    const result = await run(["backup", "--out", "bk"]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain("Backed up sandbox-sam's Trakt account to bk");
    expect(result.stdout).not.toMatch(/ \n/);
    await expectNoSecrets(e2e, result);

    const folder = join(e2e.cwd, "bk");
    const names = Object.keys(BACKUP_FILES).map((name) => `${name}.json`);
    expect(await listFiles(folder)).toEqual([...names, "manifest.json"].sort());
    const manifest = (await readJson(join(folder, "manifest.json"))) as { tool: string; user: string; files: { name: string; items: number; bytes: number; sha256: string }[] };
    expect(manifest).toMatchObject({ tool: "trakt-letterboxd", user: "sandbox-sam" });
    for (const file of manifest.files) {
      const data = await readFile(join(folder, file.name));
      expect(createHash("sha256").update(data).digest("hex"), file.name).toBe(file.sha256);
      expect(data.byteLength).toBe(file.bytes);
      for (const secret of e2e.secrets()) expect(data.toString("utf8"), file.name).not.toContain(secret);
      const json = JSON.parse(data.toString("utf8")) as unknown;
      const schema = BACKUP_FILES[file.name.replace(/\.json$/, "") as keyof typeof BACKUP_FILES];
      if (file.name === "settings.json") {
        expect(schema.safeParse(json).success).toBe(true);
        continue;
      }
      expect(Array.isArray(json), file.name).toBe(true);
      expect((json as unknown[]).length, file.name).toBe(file.items);
      for (const item of json as unknown[]) expect(schema.safeParse(item).error, file.name).toBeUndefined();
    }
    const count = (name: string) => manifest.files.find((f) => f.name === `${name}.json`)?.items;
    const user = sampleLibrary().users[0];
    if (!user) throw new Error("no user");
    const visible = <T extends { hidden?: true }>(items: T[]) => items.filter((item) => !item.hidden).length;
    expect(count("history-movies")).toBe(visible(user.history.filter((h) => h.type === "movie")));
    expect(count("history-episodes")).toBe(7);
    expect(count("ratings-movies")).toBe(user.ratings.length);
    expect(count("ratings-shows")).toBe(1);
    expect(count("ratings-seasons")).toBe(1);
    expect(count("ratings-episodes")).toBe(1);
    expect(count("watchlist-movies")).toBe(30);
    expect(count("watchlist-shows")).toBe(1);
    expect(count("collection-movies")).toBe(5);
    expect(count("collection-shows")).toBe(1);
    expect(count("watched-shows")).toBe(2);
    expect(count("comments")).toBe(7);
    expect(count("lists")).toBe(2);
    expect(count("films-without-ids")).toBe(2);
    // Lists keep their shows; the whole list object is there.
    const lists = (await readJson(join(folder, "lists.json"))) as { list: { privacy: string }; items: { type: string }[] }[];
    expect(lists.flatMap((l) => l.items.map((i) => i.type))).toContain("show");
    expect(lists[0]?.list.privacy).toBe("public");
  });

  it("a backup right after it asks Trakt only what moved (nothing: one last_activities)", async () => {
    const before = e2e.sandbox.requests.length;
    const result = await run(["backup", "--out", "bk", "--json"]);
    expect(result.code, result.stderr).toBe(0);
    const paths = e2e.sandbox.requests.slice(before).map((r) => r.path).filter((p) => !p.startsWith("/oauth"));
    expect(paths).toEqual(["/sync/last_activities"]);
    expect((JSON.parse(result.stdout) as { fetched: string[] }).fetched).toEqual([]);
  });

  it("export --from the folder and the zip, with the network unreachable, equals the online export byte for byte", async () => {
    expect((await run(["export", "--out", "online", "--include-shows"])).code).toBe(0);
    const zip = await run(["backup", "--zip", "--out", "bk.zip"]);
    expect(zip.code, zip.stderr).toBe(0);
    expect(zip.stdout).toMatch(/^Backed up sandbox-sam's Trakt account to the zip file bk\.zip \(\d+ requests? to Trakt this run\):\n/);
    const entries = unzipSync(new Uint8Array(await readFile(join(e2e.cwd, "bk.zip"))));
    expect(Object.keys(entries).sort()).toEqual((await listFiles(join(e2e.cwd, "bk"))).sort());

    for (const [from, out] of [["bk", "offline-folder"], ["bk.zip", "offline-zip"]] as const) {
      const before = e2e.sandbox.requests.length;
      // No client id, no login, no reachable API: none is needed.
      const result = await runCli(["export", "--from", from, "--out", out, "--include-shows"], {
        cwd: e2e.cwd,
        env: { TRAKT_LETTERBOXD_HOME: join(dir, "empty-home"), ...UNREACHABLE },
      });
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toContain("no request to Trakt");
      expect(result.stdout).toContain("shows.csv is for you to keep and review");
      expect(e2e.sandbox.requests.length).toBe(before);
      const files = await listFiles(join(e2e.cwd, "online"));
      expect(await listFiles(join(e2e.cwd, out))).toEqual(files);
      for (const file of files) expect(await readFile(join(e2e.cwd, out, file), "utf8"), file).toBe(await readFile(join(e2e.cwd, "online", file), "utf8"));
    }
    const shows = readCsv(await readFile(join(e2e.cwd, "online", "shows.csv"), "utf8"));
    expect(shows.map((r) => [r.Title, r.WatchedDate, r.Episodes, r.Rewatch, r.Rating10])).toEqual([
      ["Frasier", "2019-05-01", "S01E01", "false", ""],
      ["Frasier", "2023-01-15", "S01E01, S01E02", "true", ""],
      ["Shōgun", "2024-03-02", "S01E01, S01E02, S01E03", "false", ""],
      ["Shōgun", "2024-03-03", "S01E04", "false", "9"],
    ]);
  });

  it("an incremental export with nothing new writes no file, shows.csv included", async () => {
    const result = await run(["export", "--incremental", "--include-shows", "--out", "incr"]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain("Nothing new since the last export");
    expect(await listFiles(join(e2e.cwd, "incr")).catch(() => [])).toEqual([]);
  });

  it("--include-shows with --user is bad usage, found before any request", async () => {
    const before = e2e.sandbox.requests.length;
    const result = await run(["export", "--user", "sandbox-sam", "--include-shows", "--out", "public"]);
    expect(result.code).toBe(2);
    expect(errorLine(result)).toBe("trakt-letterboxd: --include-shows cannot be used with --user. See `trakt-letterboxd export --help`.");
    expect(e2e.sandbox.requests.length).toBe(before);
  });

  it("without --include-shows writes no shows.csv, and removes one left from before", async () => {
    const result = await run(["export", "--from", "bk", "--out", "online"], UNREACHABLE);
    expect(result.code, result.stderr).toBe(0);
    expect(await listFiles(join(e2e.cwd, "online"))).not.toContain("shows.csv");
  });

  it("refuses a damaged backup and a missing one with one clear line", async () => {
    const damaged = join(e2e.cwd, "damaged");
    await run(["backup", "--out", "damaged"]);
    await writeFile(join(damaged, "ratings-movies.json"), "[]\n");
    const bad = await run(["export", "--from", "damaged", "--out", "x"], UNREACHABLE);
    expect(bad.code).toBe(2);
    expect(errorLine(bad)).toContain("damaged: ratings-movies.json does not match the checksum");
    // A cut backup zip: a backup is made here, not downloaded.
    expect((await run(["backup", "--zip", "--out", "cut.zip"])).code).toBe(0);
    const whole = await readFile(join(e2e.cwd, "cut.zip"));
    await writeFile(join(e2e.cwd, "cut.zip"), whole.subarray(0, Math.floor(whole.length / 2)));
    const cut = await run(["export", "--from", "cut.zip", "--out", "x"], UNREACHABLE);
    expect(cut.code).toBe(2);
    expect(errorLine(cut)).toMatch(/cut\.zip is not a readable zip file .*make a new one with `trakt-letterboxd backup`\.$/);
    const missing = await run(["export", "--from", "nowhere", "--out", "x"], UNREACHABLE);
    expect(missing.code).toBe(2);
    expect(errorLine(missing)).toContain("--from nowhere: nothing is there");
  });

  it("a backup killed half-way leaves the previous one intact", async () => {
    const folder = join(e2e.cwd, "bk");
    const before = await contents(folder);
    // Episodes moved on Trakt; their endpoint answers slowly, and the backup is killed while it waits.
    e2e.sandbox.mutate((library) => {
      const user = library.users[0];
      if (user) user.last_activities.episodes.watched_at = "2026-12-01T00:00:00.000Z";
    });
    e2e.sandbox.injectFault({ path: "/sync/watched/shows", fault: { kind: "latency", ms: 3000 } });
    const start = e2e.sandbox.requests.length;
    const child = spawn(process.execPath, [BIN, "backup", "--out", "bk"], { cwd: e2e.cwd, env: { PATH: process.env.PATH ?? "", HOME: e2e.cwd, ...e2e.env }, stdio: "ignore" });
    const closed = new Promise((resolve) => child.once("close", resolve));
    while (!e2e.sandbox.requests.slice(start).some((r) => r.path === "/sync/watched/shows")) await new Promise((resolve) => setTimeout(resolve, 10));
    child.kill("SIGKILL");
    await closed;
    e2e.sandbox.clearFaults();
    expect(await contents(folder)).toEqual(before);
    // The next backup completes; no leftover of the killed one stays beside it.
    expect((await run(["backup", "--out", "bk"])).code).toBe(0);
    expect((await readdir(e2e.cwd)).filter((name) => name.startsWith(".bk."))).toEqual([]);
  });

  it("export --from with --user is bad usage", async () => {
    const result = await run(["export", "--from", "bk", "--user", "sandbox-sam"], UNREACHABLE);
    expect(result.code).toBe(2);
    expect(errorLine(result)).toBe("trakt-letterboxd: --user cannot be used with --from. See `trakt-letterboxd export --help`.");
  });
});
