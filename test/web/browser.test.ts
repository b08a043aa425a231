/**
 * The page as a person uses it: a real `serve` process, Debian's chromium driven by
 * playwright-core, and the sandbox Trakt. One browser for the whole file.
 */
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { zipSync } from "fflate";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore } from "../../src/store/index.js";
import { createWebApp, libraryStats, listen, type ExportConverter } from "../../src/web/index.js";
import { readCsv, startE2e, type E2e } from "../helpers/e2e.js";
import { BIN, runCli } from "../helpers/run-cli.js";
import { CHROMIUM, CHROMIUM_ARGS, fitsEveryWidth } from "./browser-helpers.js";
import { convertedSummary, offlineSettings } from "./web-helpers.js";

// Skipped on a machine without Debian's chromium (`apt-get install chromium`), but never in CI, where .ci/run installs it.
describe.skipIf(!existsSync(CHROMIUM) && process.env.CI !== "true")("the web page in chromium", () => {
  let dir: string;
  let shots: string;
  let e2e: E2e;
  let serve: ChildProcessWithoutNullStreams;
  let loginUrl: string;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "tl-browser-"));
    shots = join(dir, "screenshots");
    await mkdir(shots);
    // Some latency, so that the export runs long enough to be watched.
    e2e = await startE2e(dir, { deviceFlow: { interval: 1, autoApproveAfterPolls: 1 }, latencyMs: 60 });
    serve = spawn(process.execPath, [BIN, "serve", "--port", "0"], { cwd: e2e.cwd, env: { PATH: process.env.PATH ?? "", HOME: e2e.cwd, TZ: "UTC", ...e2e.env } });
    [loginUrl, browser] = await Promise.all([printedUrl(serve), chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS })]);
    page = await (await browser.newContext({ acceptDownloads: true })).newPage();
  });
  afterAll(async () => {
    await browser?.close();
    serve?.kill("SIGTERM");
    await e2e?.sandbox.close();
    // The screenshots stay as the run's artifacts; the rest goes.
    for (const sub of ["home", "work", "downloads", "offline"]) await rm(join(dir, sub), { recursive: true, force: true });
    console.log(`Screenshots of the page: ${shots}`);
  });

  it("connects with the device flow, exports with live progress, downloads diary.csv, shows the library and sets a schedule", async () => {
    expect(loginUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/login\?key=[\w-]{20,}$/);
    // Without the key's session the page is refused.
    expect((await fetch(new URL("/library", loginUrl))).status).toBe(401);

    await page.goto(loginUrl);
    await expect.poll(() => page.url()).toMatch(/\/connect$/);
    await fitsEveryWidth(page, shots, "1-connect");
    await page.getByRole("button", { name: "Connect to Trakt" }).click();
    await expect.poll(() => page.getByTestId("user-code").textContent()).toBe(e2e.sandbox.lastUserCode());
    await page.screenshot({ path: join(shots, "2-connect-code.png"), fullPage: true });
    // The sandbox approves at its second poll; the page notices by itself.
    await page.getByTestId("username").waitFor({ timeout: 15_000 });
    expect(await page.getByTestId("username").textContent()).toBe("sandbox-sam");
    await fitsEveryWidth(page, shots, "3-connected");

    await page.getByRole("navigation").getByRole("link", { name: "Export", exact: true }).click();
    await page.getByRole("button", { name: "Full export" }).click();
    // Live: the page follows the running export over server-sent events…
    await page.locator("#job[data-export-live]").waitFor();
    await page.locator("[data-testid=progress] tr").first().waitFor();
    await page.screenshot({ path: join(shots, "4-export-running.png"), fullPage: true });
    // …to its end, without a reload.
    await page.locator("#job[data-export-state=done]").waitFor({ timeout: 15_000 });
    expect(await page.getByTestId("job-state").textContent()).toBe("Export finished");
    // Also without a reload: the export just written is among the past ones, and the buttons work again.
    await page.locator("#past-exports details[data-export-id]").first().waitFor();
    expect(await page.getByRole("button", { name: "Full export" }).isEnabled()).toBe(true);
    const rows = await page.locator("[data-testid=progress] tr").evaluateAll((trs) => trs.map((tr) => [tr.getAttribute("data-kind"), Number(tr.getAttribute("data-done"))] as const));
    expect(rows.map(([kind]) => kind)).toEqual(expect.arrayContaining(["history", "ratings", "watchlist", "lists"]));
    for (const [kind, done] of rows) expect(done, kind ?? "").toBeGreaterThan(0);
    // What the terminal shows after an export: the time zone, the files and where each goes.
    expect(await page.locator("#job [data-testid=time-zone]").textContent()).toMatch(/^Watch dates are calendar days in \S+ \(/);
    expect(await page.locator("#job [data-testid=upload-steps]").textContent()).toContain("diary.csv first");
    expect(await page.locator("#job time").first().textContent()).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d \(UTC\)$/);
    // A past export is one line until unfolded.
    const past = page.locator("#past-exports details[data-export-id]").first();
    expect(await past.locator("summary").textContent()).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d \(UTC\) · full · \d+ files, \d+ rows$/);
    expect(await past.locator("a", { hasText: "diary.csv" }).isVisible()).toBe(false);
    await past.locator("summary").click();
    expect(await past.locator("a", { hasText: "diary.csv" }).isVisible()).toBe(true);
    await fitsEveryWidth(page, shots, "5-export-done");

    const [download] = await Promise.all([page.waitForEvent("download"), page.locator("[data-testid=downloads] a", { hasText: "diary.csv" }).click()]);
    expect(download.suggestedFilename()).toBe("diary.csv");
    const saved = join(dir, "downloads", "diary.csv");
    await download.saveAs(saved);

    // The same export from the command line, with the same login and store.
    const cli = await runCli(["export", "--out", "cli"], { cwd: e2e.cwd, env: e2e.env });
    expect(cli.code, cli.stderr).toBe(0);
    const cliDiary = await readFile(join(e2e.cwd, "cli", "diary.csv"), "utf8");
    expect(await readFile(saved, "utf8")).toBe(cliDiary);

    await page.getByRole("navigation").getByRole("link", { name: "Library" }).click();
    const bars = (section: string) =>
      page.locator(`[data-chart=${section}] rect.bar`).evaluateAll((rects) => rects.map((r) => [r.getAttribute("data-label"), Number(r.getAttribute("data-value"))] as [string, number]));
    // Against the CLI's files…
    const perYear = new Map<string, number>();
    for (const row of readCsv(cliDiary)) if (row.WatchedDate) perYear.set(row.WatchedDate.slice(0, 4), (perYear.get(row.WatchedDate.slice(0, 4)) ?? 0) + 1);
    expect(new Map((await bars("per-year")).filter(([, n]) => n > 0))).toEqual(perYear);
    const ratings = new Map<string, number>();
    for (const row of readCsv(await readFile(join(e2e.cwd, "cli", "ratings.csv"), "utf8"))) if (row.Rating10) ratings.set(row.Rating10, (ratings.get(row.Rating10) ?? 0) + 1);
    expect(new Map((await bars("ratings")).filter(([, n]) => n > 0))).toEqual(ratings);
    // …and against the store.
    const store = openStore(join(e2e.home, "store.sqlite"));
    const stats = libraryStats(store, {});
    store.close();
    expect(await bars("per-month")).toEqual(stats.perMonth.slice(-24).map((m) => [m.month, m.films]));
    expect((await bars("rewatched")).map(([, n]) => n)).toEqual(stats.mostRewatched.map((f) => f.timesWatched));
    expect(await page.getByTestId("totals").textContent()).toContain(`${stats.totals.plays}plays`);
    // Readable on a phone: the charts' labels keep the stylesheet's size at every width.
    await page.setViewportSize({ width: 390, height: 800 });
    const sizes = await page.locator("svg.chart text").evaluateAll((texts) => texts.map((t) => t.getBoundingClientRect()).filter((r) => r.width > 0).map((r) => r.height));
    expect(sizes.length).toBeGreaterThan(0);
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(12);
    // …and the axis labels shown there do not run into each other.
    for (const chart of ["per-year", "per-month", "ratings"]) {
      const boxes = await page.locator(`[data-chart=${chart}] text.axis:not(.tick)`).evaluateAll((texts) =>
        texts.map((t) => t.getBoundingClientRect()).filter((r) => r.width > 0).map((r) => [r.left, r.right] as const),
      );
      for (let i = 1; i < boxes.length; i++) expect(boxes[i]![0], chart).toBeGreaterThan(boxes[i - 1]![1]);
    }
    await fitsEveryWidth(page, shots, "6-library");

    await page.getByRole("navigation").getByRole("link", { name: "Schedule" }).click();
    // Refused in our words; what was typed stays in the form.
    await page.getByLabel("Cron schedule").fill("* * * * * *");
    await page.getByRole("button", { name: "Save" }).click();
    await page.locator("#cron-error").waitFor();
    expect(await page.locator("#cron-error").textContent()).toBe('"* * * * * *" has 6 fields; a schedule takes 5: minute hour day-of-month month day-of-week, e.g. "0 3 * * *" (every night at 03:00).');
    expect(await page.getByLabel("Cron schedule").inputValue()).toBe("* * * * * *");
    await fitsEveryWidth(page, shots, "7-schedule-refused");
    await page.getByLabel("Cron schedule").fill("0 3 * * *");
    await page.getByRole("button", { name: "Save" }).click();
    await page.getByTestId("next-run").waitFor();
    expect(await page.getByTestId("schedule-current").textContent()).toContain("0 3 * * *");
    expect(await page.getByTestId("next-run").textContent()).toMatch(/^\d{4}-\d\d-\d\d 03:00 \(UTC\)$/);
    await fitsEveryWidth(page, shots, "7-schedule");

    // The two pages not seen yet, as they stand before an upload.
    await page.getByRole("navigation").getByRole("link", { name: "Open a Trakt export" }).click();
    await fitsEveryWidth(page, shots, "8-open-empty");
    await page.getByRole("navigation").getByRole("link", { name: "Check Letterboxd" }).click();
    await fitsEveryWidth(page, shots, "8-check-empty");
  });

  it("without a client id: opens a Trakt export, follows its conversion and downloads the files", async () => {
    const zip = join(dir, "trakt-export-sam.zip");
    await writeFile(zip, zipSync({ "watched-history.json": new TextEncoder().encode("[]") }));
    const diary = "Title,Year,imdbID,tmdbID,WatchedDate,Rating10,Rewatch,Tags,Review\nHeat,1995,tt0113277,949,2024-01-02,9,false,,\n";
    let received: Buffer | undefined;
    const convertExport: ExportConverter = async ({ file, outDir }, hooks) => {
      received = await readFile(file);
      hooks.onProgress({ kind: "history", done: 0, total: 1 });
      // Long enough for the page to show the conversion running.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      hooks.onProgress({ kind: "history", done: 1, total: 1 });
      await writeFile(join(outDir, "diary.csv"), diary);
      return convertedSummary(outDir, [{ name: "diary", path: join(outDir, "diary.csv"), rows: 1, bytes: Buffer.byteLength(diary) }]);
    };
    const web = createWebApp({ settings: offlineSettings(join(dir, "offline")), convertExport });
    const server = await listen(web, "127.0.0.1", 0);
    const offline = await (await browser.newContext({ acceptDownloads: true })).newPage();
    try {
      await offline.goto(server.loginUrl);
      // Nobody can connect without a client id: the page opens on the Trakt export.
      await expect.poll(() => offline.url()).toMatch(/\/open$/);
      await fitsEveryWidth(offline, shots, "9-open");

      await offline.locator("input[type=file]").setInputFiles(zip);
      await offline.getByRole("button", { name: "Convert to Letterboxd files" }).click();
      await offline.locator("#conversion[data-open-state=done]").waitFor({ timeout: 15_000 });
      expect(received?.equals(await readFile(zip))).toBe(true);
      expect(await offline.getByTestId("conversion-state").textContent()).toBe("Converted");
      expect(await offline.getByTestId("upload-steps").textContent()).toContain("diary.csv first");
      expect(await offline.locator("#open-form").isVisible()).toBe(true);
      await fitsEveryWidth(offline, shots, "10-open-converted");

      const [download] = await Promise.all([offline.waitForEvent("download"), offline.locator("[data-testid=converted-files] a", { hasText: "diary.csv" }).click()]);
      expect(download.suggestedFilename()).toBe("diary.csv");
      const saved = join(dir, "downloads", "open-diary.csv");
      await download.saveAs(saved);
      expect(await readFile(saved, "utf8")).toBe(diary);
      expect(await offline.getByTestId("zip").getAttribute("href")).toMatch(/^\/open\/1\/zip$/);
    } finally {
      await offline.context().close();
      await server.close();
    }
  });
});

/** The login URL `serve` prints on standard output. */
function printedUrl(child: ChildProcessWithoutNullStreams): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = "";
    let err = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      out += chunk;
      const match = /Open (http:\/\/\S+) in your browser/.exec(out);
      if (match) resolve(match[1]!);
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (err += chunk));
    child.once("exit", (code) => reject(new Error(`serve exited (${code}) before printing its URL: ${err}`)));
  });
}
