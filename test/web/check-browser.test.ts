/**
 * "Check my Letterboxd import" as a person uses it: Debian's chromium driven by
 * playwright-core on the page, its store holding the sample library.
 */
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dropDiaryEntries, dropWatchlistFilms, sampleLibrary, shiftDiaryDates, writeLetterboxdExport } from "../../src/sandbox/index.js";
import { systemTimeZone } from "../../src/config/time-zone.js";
import { localTime } from "../../src/schedule/index.js";
import { createWebApp, listen } from "../../src/web/index.js";
import { CHROMIUM, CHROMIUM_ARGS, fitsEveryWidth } from "./browser-helpers.js";
import { importedLibrary } from "./check-helpers.js";
import { offlineSettings } from "./web-helpers.js";

// Skipped on a machine without Debian's chromium (`apt-get install chromium`), but never in CI, where .ci/run installs it.
describe.skipIf(!existsSync(CHROMIUM) && process.env.CI !== "true")("Check my Letterboxd import in chromium", () => {
  let dir: string;
  let shots: string;
  let browser: Browser;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "tl-check-browser-"));
    // The screenshots stay as the run's artifacts, outside the folder removed afterwards.
    shots = await mkdtemp(join(tmpdir(), "tl-check-screenshots-"));
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  });
  afterAll(async () => {
    await browser?.close();
    await rm(dir, { recursive: true, force: true });
    console.log(`Screenshots of the page: ${shots}`);
  });

  it("uploads the export through the form, shows the counts, filters the rows and downloads a fix file", async () => {
    const { home, account } = await importedLibrary(dir, sampleLibrary());
    let dropped = 0;
    dropDiaryEntries(account, (entry) => entry.film.name === "Before Sunrise" && dropped++ < 2);
    shiftDiaryDates(account, (entry) => entry.film.name === "Paddington 2", -1);
    dropWatchlistFilms(account, (film) => film.name === "Левиафан");
    const zip = await writeLetterboxdExport(account, join(dir, "letterboxd-sam.zip"));
    const notLetterboxd = join(dir, "trakt.zip");

    const web = createWebApp({ settings: offlineSettings(home) });
    const server = await listen(web, "127.0.0.1", 0);
    const page = await (await browser.newContext({ acceptDownloads: true })).newPage();
    try {
      await page.goto(server.loginUrl);
      await page.getByRole("navigation").getByRole("link", { name: "Check Letterboxd" }).click();
      await expect.poll(() => page.url()).toMatch(/\/check$/);

      // Not a Letterboxd export: one line under the form, which stays usable.
      await page.locator("input[type=file]").setInputFiles(notLetterboxd);
      await page.getByRole("button", { name: "Check it" }).click();
      const problem = page.locator("#check-form [data-upload-error]");
      await problem.waitFor();
      expect(await problem.textContent()).toBe("trakt.zip is not a Letterboxd data export (no diary.csv, ratings.csv, watched.csv or watchlist.csv): download yours at letterboxd.com → Settings → Data → Export.");

      await page.locator("input[type=file]").setInputFiles(zip);
      await page.getByRole("button", { name: "Check it" }).click();

      await page.locator("[data-check-report][data-clean=false]").waitFor({ timeout: 15_000 });
      const counts = web.checks.latest!.summary.counts;
      const shown = Object.fromEntries(
        await page.locator("[data-testid=check-counts] [data-count]").evaluateAll((divs) => divs.map((d) => [d.getAttribute("data-count"), Number(d.querySelector("b")?.textContent)] as const)),
      );
      expect(shown).toEqual(counts);
      expect(await page.getByTestId("check-state").textContent()).toContain("Letterboxd lacks part of your Trakt library");
      // When it was checked, in this computer's zone (the settings name none), named.
      expect(await page.locator("[data-check-report] time").textContent()).toBe(localTime(web.checks.latest!.checkedAt, systemTimeZone()));
      await fitsEveryWidth(page, shots, "check-report");

      // The filter: by text, then by kind.
      const visibleRows = () => page.locator("[data-check-report] section[data-kind] tbody tr:visible");
      const all = await visibleRows().count();
      expect(await page.locator("[data-filter-count]").textContent()).toBe(`${all} of ${all} rows shown`);
      await page.getByLabel("Filter").fill("paddington");
      await expect.poll(() => visibleRows().allTextContents()).toEqual([expect.stringMatching(/^Paddington 2 \(2017\).*one day off: likely a time-zone difference$/)]);
      await page.getByLabel("Filter").fill("");
      await page.getByRole("checkbox", { name: "Diary entries missing" }).uncheck();
      await expect.poll(() => visibleRows().count()).toBe(all - counts.missingDiaryEntries);
      expect(await page.getByTestId("kind-missing").isVisible()).toBe(false);

      const [download] = await Promise.all([page.waitForEvent("download"), page.locator("[data-testid=fix-files] a", { hasText: "watchlist.csv" }).click()]);
      expect(download.suggestedFilename()).toBe("watchlist.csv");
      const saved = join(dir, "downloaded-watchlist.csv");
      await download.saveAs(saved);
      const written = await readFile(join(web.checks.latest!.dir!, "watchlist.csv"), "utf8");
      expect(await readFile(saved, "utf8")).toBe(written);
      expect(written).toContain("Левиафан");
    } finally {
      await page.context().close();
      await server.close();
    }
  });
});
