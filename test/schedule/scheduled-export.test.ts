import { spawn } from "node:child_process";
import { PassThrough } from "node:stream";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Settings } from "../../src/config/settings.js";
import { describeError } from "../../src/describe-error.js";
import { ExportBusyError } from "../../src/errors.js";
import { withExportLock } from "../../src/export/export-lock.js";
import {
  Scheduler,
  describeDatedExport,
  exportToDatedFolder,
  readRunLog,
  readScheduleConfig,
  runLogWriter,
} from "../../src/schedule/index.js";
import { runSchedule } from "../../src/cli/commands/schedule.js";
import type { CliIo } from "../../src/cli/io.js";
import { listFiles, startE2e, type E2e } from "../helpers/e2e.js";
import { BIN, runCli } from "../helpers/run-cli.js";
import { sandboxSettings } from "../web/web-helpers.js";
import { FakeClock } from "./fake-clock.js";

describe("scheduled incremental exports against the sandbox", () => {
  let dir: string;
  let e2e: E2e;
  let settings: Settings;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "tl-sched-"));
    e2e = await startE2e(dir);
    await e2e.login();
    settings = sandboxSettings(e2e);
  });
  afterAll(async () => {
    await e2e.sandbox.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("writes dated folders, logs a failed tick and retries it at the next one", async () => {
    const clock = new FakeClock("2026-04-01T02:59:00Z");
    const root = join(dir, "nightly");
    const scheduler = new Scheduler({
      cron: "0 3 * * *",
      timeZone: "UTC",
      clock,
      describeError,
      onEvent: runLogWriter(e2e.home, (error) => {
        throw error;
      }),
      run: async () => describeDatedExport(await exportToDatedFolder({ settings, root, incremental: true, now: () => clock.now() })),
    });
    e2e.sandbox.injectFault({ fault: { kind: "status", status: 500 }, times: Infinity });
    scheduler.start();
    await clock.advanceTo("2026-04-01T03:00:00Z");
    await scheduler.idle();
    e2e.sandbox.clearFaults();
    await clock.advanceTo("2026-04-02T03:00:00Z");
    await scheduler.idle();
    await clock.advanceTo("2026-04-03T03:00:00Z");
    await scheduler.idle();
    await scheduler.stop();

    // The failed night left nothing; the next wrote everything; the third found nothing new.
    expect(await readdir(root)).toEqual(["2026-04-02T03-00-00Z"]);
    expect(await listFiles(join(root, "2026-04-02T03-00-00Z"))).toContain("diary.csv");
    // The log is appended without blocking the scheduler.
    await vi.waitFor(async () => expect(await readRunLog(e2e.home, 10)).toHaveLength(3));
    const log = (await readRunLog(e2e.home, 10)).reverse();
    expect(log.map((e) => [e.at, e.status])).toEqual([
      ["2026-04-01T03:00:00.000Z", "failed"],
      ["2026-04-02T03:00:00.000Z", "succeeded"],
      ["2026-04-03T03:00:00.000Z", "succeeded"],
    ]);
    expect(log[0]!.message).toMatch(/→ 500/);
    expect(log[1]!.message).toMatch(/^Wrote \d+ films in \d+ files \(\d+ rows\) to /);
    expect(log[2]!.message).toBe("Nothing new since the last export; no file written.");
  });

  it("refuses to run beside another export of the same data folder", async () => {
    await withExportLock(e2e.home, async () => {
      await expect(exportToDatedFolder({ settings, root: join(dir, "busy"), incremental: true })).rejects.toThrow(ExportBusyError);
    });
  });

  it("`schedule` saves the pattern, runs on it in the settings' zone and says when, in that zone", async () => {
    const out = join(dir, "cli-runs");
    const io = captureIo({ ...e2e.env, TRAKT_LETTERBOXD_TZ: "Europe/Berlin" });
    let stop: () => void = () => {};
    // 03:00 in Berlin is 01:00 UTC in April (summer time).
    const clock = new FakeClock("2026-04-01T00:59:30Z");
    const running = runSchedule(io, {}, " 0 3  * * * ", { dir: out }, new Promise((resolve) => (stop = resolve)), clock);
    await vi.waitFor(() => expect(io.out()).toContain("Next run:"));
    expect(io.out()).toContain(`Incremental exports run on "0 3 * * *" (Europe/Berlin time) into dated folders under ${out}.\nNext run: 2026-04-01 03:00 (Europe/Berlin). Press Ctrl+C to stop.\n`);
    await clock.advanceTo("2026-04-01T01:00:00Z");
    await vi.waitFor(() => expect(io.out()).toMatch(/Wrote|Nothing new/), { timeout: 10_000 });
    stop();
    await running;
    expect(io.out()).toContain("2026-04-01 03:00 (Europe/Berlin) Export started.\n");
    expect(io.out()).toMatch(/2026-04-01 03:00 \(Europe\/Berlin\) (Wrote|Nothing new)/);
    expect(io.out()).toMatch(/Stopping…\n$/);
    expect(await readScheduleConfig(e2e.home)).toEqual({ cron: "0 3 * * *", dir: out });
  });

  it("`schedule --timezone` saves the zone with the pattern: a later plain `schedule` runs it in that zone until another --timezone", async () => {
    const out = join(dir, "zoned-runs");
    const start = async (cron: string | undefined, flags: { timezone?: string }) => {
      const io = captureIo({ ...e2e.env, TRAKT_LETTERBOXD_TZ: "Europe/Berlin" });
      let stop: () => void = () => {};
      const running = runSchedule(io, {}, cron, { dir: out, ...flags }, new Promise((resolve) => (stop = resolve)), new FakeClock("2026-04-01T00:00:00Z"));
      await vi.waitFor(() => expect(io.out()).toContain("Next run:"));
      stop();
      await running;
      return io.out();
    };
    expect(await start("0 3 * * *", { timezone: "America/New_York" })).toContain("(America/New_York time)");
    expect(await readScheduleConfig(e2e.home)).toEqual({ cron: "0 3 * * *", dir: out, timeZone: "America/New_York" });
    expect(await start(undefined, {})).toContain('Incremental exports run on "0 3 * * *" (America/New_York time)');
    expect(await start(undefined, { timezone: "Asia/Tokyo" })).toContain("(Asia/Tokyo time)");
    expect(await readScheduleConfig(e2e.home)).toEqual({ cron: "0 3 * * *", dir: out, timeZone: "Asia/Tokyo" });
  });

  it("`schedule --timezone` reads the pattern in that zone (over TRAKT_LETTERBOXD_TZ), and stops cleanly on SIGTERM", async () => {
    const child = spawn(process.execPath, [BIN, "schedule", "0 3 * * *", "--dir", join(dir, "cli-signal"), "--timezone", "America/New_York"], {
      cwd: e2e.cwd,
      env: { PATH: process.env.PATH ?? "", HOME: e2e.cwd, TZ: "UTC", ...e2e.env, TRAKT_LETTERBOXD_TZ: "Europe/Berlin" },
    });
    let stdout = "";
    let stopped = false;
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
      // Once: a second SIGTERM would find no listener left and end the process by default.
      if (!stopped && stdout.includes("Press Ctrl+C")) stopped = child.kill("SIGTERM");
    });
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    expect(code).toBe(0);
    expect(stdout).toContain('Incremental exports run on "0 3 * * *" (America/New_York time)');
    expect(stdout).toMatch(/Next run: \d{4}-\d\d-\d\d 03:00 \(America\/New_York\)\. Press Ctrl\+C to stop\.\nStopping…\n$/);
  });

  it("`schedule` fails fast on a bad pattern, no saved one, or no login", async () => {
    const bad = await runCli(["schedule", "every night"], { cwd: e2e.cwd, env: e2e.env });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/"every night" has 2 fields; a schedule takes 5: minute hour day-of-month month day-of-week/);
    const seconds = await runCli(["schedule", "* * * * * *"], { cwd: e2e.cwd, env: e2e.env });
    expect(seconds.code).toBe(2);
    expect(seconds.stderr).toContain('"* * * * * *" has 6 fields; a schedule takes 5: minute hour day-of-month month day-of-week, e.g. "0 3 * * *" (every night at 03:00).');
    const fresh = join(dir, "fresh-home");
    const badZone = await runCli(["schedule", "0 3 * * *", "--timezone", "Mars/Olympus"], { cwd: e2e.cwd, env: { ...e2e.env, TRAKT_LETTERBOXD_HOME: fresh } });
    expect(badZone.code).toBe(2);
    expect(badZone.stderr).toBe('trakt-letterboxd: Unknown time zone "Mars/Olympus" (from --timezone). Use an IANA name such as Europe/Berlin or America/New_York.\n');
    const none = await runCli(["schedule"], { cwd: e2e.cwd, env: { ...e2e.env, TRAKT_LETTERBOXD_HOME: fresh } });
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/No schedule saved yet/);
    const loggedOut = await runCli(["schedule", "0 3 * * *"], { cwd: e2e.cwd, env: { ...e2e.env, TRAKT_LETTERBOXD_HOME: fresh } });
    expect(loggedOut.code).toBe(3);
    expect(await readFile(join(fresh, "schedule.json"), "utf8").catch(() => "none")).toBe("none");
  });
});

describe("describeDatedExport", () => {
  it("says what was written as the export summary does, in the log's one line", () => {
    const summary = { nothingNew: false, filmsWritten: 1, files: [{ name: "diary", path: "/x/diary.csv", rows: 1, bytes: 10 }] };
    expect(describeDatedExport({ dir: "/x", summary })).toBe("Wrote 1 film in 1 file (1 row) to /x.");
  });
});

/** A command's io in the test: `env` as its environment, what it prints kept. */
function captureIo(env: Record<string, string>): CliIo & { out(): string; err(): string } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = "";
  let err = "";
  stdout.setEncoding("utf8").on("data", (chunk: string) => (out += chunk));
  stderr.setEncoding("utf8").on("data", (chunk: string) => (err += chunk));
  return { stdout, stderr, stdin: new PassThrough(), env, out: () => out, err: () => err };
}
