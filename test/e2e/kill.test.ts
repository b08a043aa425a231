import { spawn } from "node:child_process";
import { watch } from "node:fs";
import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { generateLibrary } from "../../src/sandbox/index.js";
import { listFiles, useE2e, type E2e } from "../helpers/e2e.js";
import { BIN, runCli } from "../helpers/run-cli.js";

/**
 * SIGKILL at awkward moments: part-way through the sync, and while the files are being
 * written. Whatever the moment, the store stays consistent and the next run's files
 * equal those of a run that was never interrupted.
 */
describe("killed exports", () => {
  let dir: string;
  let e2e: E2e;
  let reference: Map<string, string> | undefined;

  // Big enough for 20 history pages, slow enough (15 ms a request) to be caught mid-way.
  useE2e({ library: generateLibrary({ plays: 5_000, ratings: 1_000, watchlist: 300, seed: 7 }), latencyMs: 15 }, (made) => ({ e2e, dir } = made));

  async function uninterrupted(): Promise<Map<string, string>> {
    if (reference) return reference;
    const home = join(dir, "reference-home");
    const env = { ...e2e.env, TRAKT_LETTERBOXD_HOME: home };
    await rm(home, { recursive: true, force: true });
    // Its own data folder: its own login and store.
    await mkdir(home, { recursive: true });
    await writeFile(join(home, "token.json"), JSON.stringify(e2e.sandbox.issueToken()), { mode: 0o600 });
    const result = await runCli(["export", "--out", "reference"], { cwd: e2e.cwd, env });
    expect(result.code).toBe(0);
    reference = await contents(join(e2e.cwd, "reference"));
    return reference;
  }

  it("loses nothing when killed during the sync, and the rerun fetches only what is missing", async () => {
    const expected = await uninterrupted();
    const before = e2e.sandbox.requests.length;
    await killWhen(e2e, ["export", "--out", "killed-sync"], () => historyPages(e2e, before) >= 8);
    expectStoreIntact(join(e2e.home, "store.sqlite"));

    const rerunStart = e2e.sandbox.requests.length;
    const rerun = await runCli(["export", "--out", "killed-sync"], { cwd: e2e.cwd, env: e2e.env });
    expect(rerun.code).toBe(0);
    expect(await contents(join(e2e.cwd, "killed-sync"))).toEqual(expected);
    // The pages stored before the kill are not fetched again.
    expect(historyPages(e2e, rerunStart)).toBeLessThan(20);
    expectStoreIntact(join(e2e.home, "store.sqlite"));
  });

  it("stops on Ctrl+C (SIGINT) mid-sync with one line and exit 130, keeping what was fetched", async () => {
    const expected = await uninterrupted();
    const out = join(e2e.cwd, "interrupted");
    const before = e2e.sandbox.requests.length;
    const result = await interruptWhen(e2e, ["export", "--out", out], () => historyPages(e2e, before) >= 8);
    expect(result.code).toBe(130);
    expect(result.stderr.trim().split("\n").at(-1)).toBe(
      "trakt-letterboxd: Interrupted; the store keeps everything fetched so far and no file was half-written; run the same command again to go on.",
    );
    expect(result.stdout).toBe("");
    // Stopped between pages: far from the whole history, and nothing written.
    expect(historyPages(e2e, before)).toBeLessThan(20);
    await expect(readdir(out)).rejects.toThrow();
    expectStoreIntact(join(e2e.home, "store.sqlite"));

    const rerunStart = e2e.sandbox.requests.length;
    const rerun = await runCli(["export", "--out", out], { cwd: e2e.cwd, env: e2e.env });
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(await contents(out)).toEqual(expected);
    expect(historyPages(e2e, rerunStart)).toBeLessThan(20);
  });

  it("stops a backup on Ctrl+C the same way, and the rerun completes it", async () => {
    const out = join(e2e.cwd, "backup-interrupted");
    const before = e2e.sandbox.requests.length;
    const result = await interruptWhen(e2e, ["backup", "--out", out], () => e2e.sandbox.requests.length - before >= 3);
    expect(result.code).toBe(130);
    expect(result.stderr.trim().split("\n").at(-1)).toMatch(/^trakt-letterboxd: Interrupted; /);
    await expect(readdir(out)).rejects.toThrow();
    expect((await readdir(e2e.cwd)).filter((name) => name.startsWith(".backup-interrupted"))).toEqual([]);
    expectStoreIntact(join(e2e.home, "store.sqlite"));
    const rerun = await runCli(["backup", "--out", out], { cwd: e2e.cwd, env: e2e.env });
    expect(rerun.code, rerun.stderr).toBe(0);
  });

  it("leaves no half-written file when killed while writing, and the rerun completes the export", async () => {
    const expected = await uninterrupted();
    const out = join(e2e.cwd, "killed-write");
    await rm(out, { recursive: true, force: true });
    await mkdir(out, { recursive: true });
    // Kill at the first temporary file of the new export.
    await killWhen(e2e, ["export", "--out", out], undefined, out);
    for (const [name, text] of await contents(out)) expect(text, name).toBe(expected.get(name));
    expectStoreIntact(join(e2e.home, "store.sqlite"));

    const rerun = await runCli(["export", "--out", out], { cwd: e2e.cwd, env: e2e.env });
    expect(rerun.code).toBe(0);
    expect(await contents(out)).toEqual(expected);
  });
});

function historyPages(e2e: E2e, from: number): number {
  return e2e.sandbox.requests.slice(from).filter((r) => r.path === "/sync/history/movies").length;
}

/** Runs the command and SIGKILLs it once `when()` holds, or once a temp file appears in `watchDir`. */
function killWhen(e2e: E2e, args: string[], when?: () => boolean, watchDir?: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: e2e.cwd, env: { PATH: process.env.PATH ?? "", HOME: e2e.cwd, ...e2e.env }, stdio: "ignore" });
    const kill = () => child.kill("SIGKILL");
    const timer = when ? setInterval(() => when() && kill(), 2) : undefined;
    const watcher = watchDir ? watch(watchDir, { recursive: true }, (_event, name) => name?.toString().endsWith(".tmp") && kill()) : undefined;
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      if (timer) clearInterval(timer);
      watcher?.close();
      if (signal !== "SIGKILL") reject(new Error(`the export ended (${code}) before it could be killed`));
      else resolve();
    });
  });
}

/** Runs the command and sends it SIGINT (Ctrl+C) once `when()` holds; resolves with how it ended. */
function interruptWhen(e2e: E2e, args: string[], when: () => boolean): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: e2e.cwd, env: { PATH: process.env.PATH ?? "", HOME: e2e.cwd, ...e2e.env }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    let sent = false;
    const timer = setInterval(() => {
      if (sent || !when()) return;
      sent = true;
      child.kill("SIGINT");
    }, 2);
    child.on("error", reject);
    child.on("close", (code) => {
      clearInterval(timer);
      if (!sent) reject(new Error(`the export ended (${code}) before it could be interrupted`));
      else resolve({ code, stdout, stderr });
    });
  });
}

function expectStoreIntact(path: string): void {
  const db = new Database(path, { readonly: true });
  try {
    expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
    expect(db.pragma("foreign_key_check")).toEqual([]);
  } finally {
    db.close();
  }
}

/** The CSV files of a folder (hidden temporaries left by a kill are not files of the export). */
async function contents(dir: string): Promise<Map<string, string>> {
  const files = (await listFiles(dir)).filter((f) => !f.split("/").some((part) => part.startsWith(".")));
  return new Map(await Promise.all(files.map(async (f) => [f, await readFile(join(dir, f), "utf8")] as [string, string])));
}
