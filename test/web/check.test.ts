import { existsSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { unzipSync, zipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { VerifySummary } from "../../src/export/verify.js";
import { changeRatings, dropDiaryEntries, dropWatchlistFilms, emptyLetterboxdAccount, generateLibrary, letterboxdExportZip, sampleLibrary, shiftDiaryDates, type SandboxLibrary } from "../../src/sandbox/index.js";
import { createWebApp, type WebApp, type WebAppOptions } from "../../src/web/index.js";
import { formatVerify } from "../../src/cli/commands/verify.js";
import { checkPage } from "../../src/web/pages/check-page.js";
import { listFiles } from "../helpers/e2e.js";
import { runCli } from "../helpers/run-cli.js";
import { importedLibrary } from "./check-helpers.js";
import { logIn, offlineSettings, type PageClient } from "./web-helpers.js";

const OFFLINE = { TRAKT_API_URL: "http://127.0.0.1:9", TRAKT_AUTH_URL: "http://127.0.0.1:9" };

/** Sends `body` as the page's script does: the raw ZIP with the CSRF header. */
async function upload(web: WebApp, client: PageClient, body: Uint8Array, name = "letterboxd-sam-2026-11-29-10-00-utc.zip"): Promise<Response> {
  return web.app.request(`/check/upload?name=${encodeURIComponent(name)}`, {
    method: "POST",
    headers: { cookie: client.cookie, "x-csrf-token": client.csrf, "content-type": "application/zip" },
    body,
  });
}

/** The report's rows per kind, each a list of its cells' text. */
function reportRows(html: string): Map<string, string[][]> {
  const rows = new Map<string, string[][]>();
  for (const [, kind, inner] of html.matchAll(/<tr data-kind="([^"]+)">(.*?)<\/tr>/gs)) {
    const cells = [...inner!.matchAll(/<td(?: data-head="[^"]*")?>(.*?)<\/td>/gs)].map(([, cell]) => text(cell!));
    rows.set(kind!, [...(rows.get(kind!) ?? []), cells]);
  }
  return rows;
}

function text(html: string): string {
  return html.replace(/<[^>]+>/g, "").replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)));
}

function counts(html: string): Record<string, number> {
  return Object.fromEntries([...html.matchAll(/<div data-count="(\w+)"><b>(\d+)<\/b>/g)].map(([, key, n]) => [key!, Number(n)]));
}

/** What the page's rows should be, from `verify --json`'s films: per kind, the film's name then the other cells. */
function expectedRows(films: VerifySummary["films"]): Map<string, string[][]> {
  const name = (f: VerifySummary["films"][number]) => `${f.film.title} (${f.film.year ?? "year unknown"})`;
  const kinds: [string, (f: VerifySummary["films"][number]) => string[][]][] = [
    ["missing", (f) => f.missingDates.map((date) => [name(f), date])],
    ["other-date", (f) => f.otherDates.map((o) => [name(f), o.trakt, o.letterboxd, o.oneDay ? "one day off: likely a time-zone difference" : ""])],
    ["not-watched", (f) => (f.notWatched ? [[name(f)]] : [])],
    ["rating", (f) => (f.rating ? [[name(f)]] : [])],
    ["watchlist", (f) => (f.watchlistMissing ? [[name(f)]] : [])],
    ["not-found", (f) => (f.match === "none" ? [[name(f)]] : [])],
    ["unsure", (f) => (f.match === "unsure" ? [[name(f)]] : [])],
  ];
  return new Map(kinds.map(([kind, rows]) => [kind, films.flatMap(rows)] as const).filter(([, rows]) => rows.length > 0));
}

describe("Check my Letterboxd import", () => {
  let dir: string;
  let n = 0;
  const apps: WebApp[] = [];
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "tl-check-"));
  });
  afterAll(async () => {
    for (const web of apps) await web.close();
    await rm(dir, { recursive: true, force: true });
  });

  /** A page, logged in, whose store holds `library` (none: no store), and the Letterboxd account that imported all of it. */
  async function page(library: SandboxLibrary | undefined, options: Partial<WebAppOptions> = {}) {
    const root = join(dir, `case-${++n}`);
    const { home, account } = library ? await importedLibrary(root, library) : { home: join(root, "home"), account: undefined };
    const web = createWebApp({ settings: offlineSettings(home), ...options });
    apps.push(web);
    return { root, home, web, account, client: await logIn(web) };
  }

  it("says when the library is empty, with the next step, and takes no upload", async () => {
    const { home, web, client } = await page(undefined);
    const html = await (await client.get("/check")).text();
    expect(html).toContain('<a href="/check" aria-current="page">Check Letterboxd</a>');
    expect(html).toMatch(/data-testid="empty-library">Your library on this computer is empty, so there is nothing to compare with: export from Trakt first/);
    expect(html).not.toContain('action="/check/upload"');

    const res = await upload(web, client, letterboxdExportZip(emptyLetterboxdAccount("sam")));
    expect(res.status).toBe(409);
    expect(await res.text()).toContain("Your library on this computer is empty");
    expect(existsSync(join(home, "uploads")) ? await readdir(join(home, "uploads")) : []).toEqual([]);
  });

  it("a whole import: everything arrived, no fix files", async () => {
    const { home, web, client, account } = await page(generateLibrary({ plays: 24, ratings: 6, watchlist: 3 }));
    const form = await (await client.get("/check")).text();
    expect(form).toMatch(/<form method="post" action="\/check\/upload" id="check-form" data-upload data-upload-next="\/check"/);

    const res = await upload(web, client, letterboxdExportZip(account!));
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await res.json()).toEqual({ id: 1, clean: true });
    const html = await (await client.get("/check")).text();
    expect(html).toContain('data-testid="check-state">Everything arrived');
    expect(html).toContain("letterboxd-sam-2026-11-29-10-00-utc.zip");
    expect(counts(html)).toMatchObject({ films: web.checks.latest!.summary.counts.films, missingDiaryEntries: 0, otherDates: 0, ratingsDiffer: 0, watchlistMissing: 0, notFound: 0, unsure: 0 });
    expect(reportRows(html).size).toBe(0);
    expect(html).not.toContain('data-testid="fix-files"');
    // No fix folder left behind, and the upload is gone.
    expect(existsSync(join(home, "exports")) ? await readdir(join(home, "exports")) : []).toEqual([]);
    expect(await readdir(join(home, "uploads"))).toEqual([]);
  });

  it("a damaged import: the counts and rows verify reports, and the fix files verify --out writes", async () => {
    const library = sampleLibrary();
    const { root, home, web, client, account } = await page(library);
    let dropped = 0;
    dropDiaryEntries(account!, (entry) => entry.film.name === "Before Sunrise" && dropped++ < 2);
    shiftDiaryDates(account!, (entry) => entry.film.name === "Paddington 2", -1);
    dropWatchlistFilms(account!, (film) => film.name === "Левиафан");
    let changed = 0;
    changeRatings(account!, () => changed++ === 0, (rating) => (rating >= 5 ? 4 : rating + 0.5));
    const zip = letterboxdExportZip(account!);

    const res = await upload(web, client, zip);
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await res.json()).toEqual({ id: 1, clean: false });

    // The same export through `verify --out --json`, on the same store.
    await writeFile(join(root, "lb.zip"), zip);
    const cli = await runCli(["verify", "lb.zip", "--out", "fix", "--json"], { cwd: root, env: { TRAKT_LETTERBOXD_HOME: home, ...OFFLINE } });
    expect(cli.code, cli.stderr).toBe(4);
    const report = JSON.parse(cli.stdout) as VerifySummary;
    expect(report.counts.missingDiaryEntries).toBeGreaterThanOrEqual(2);
    expect(report.counts.oneDayShifts).toBeGreaterThanOrEqual(1);
    expect(report.counts.ratingsDiffer).toBeGreaterThanOrEqual(1);
    expect(report.counts.watchlistMissing).toBeGreaterThanOrEqual(1);

    const html = await (await client.get("/check")).text();
    expect(html).toContain('data-testid="check-state">Letterboxd lacks part of your Trakt library');
    expect(counts(html)).toEqual(report.counts);
    const expected = expectedRows(report.films);
    const rows = reportRows(html);
    expect([...rows.keys()]).toEqual([...expected.keys()]);
    for (const [kind, want] of expected) {
      const got = rows.get(kind)!;
      expect(got.length, kind).toBe(want.length);
      got.forEach((cells, i) => {
        expect(cells[0]!.startsWith(want[i]![0]!), `${kind}: ${cells[0]} is ${want[i]![0]}`).toBe(true);
        expect(cells.slice(1, want[i]!.length), kind).toEqual(want[i]!.slice(1));
      });
    }
    // Shifted entries are called out as a likely time-zone difference; the filter is there for the script.
    expect(rows.get("other-date")!.find((cells) => cells[0]!.startsWith("Paddington 2"))?.[3]).toBe("one day off: likely a time-zone difference");
    expect(html).toMatch(/<div class="filters" data-check-filter hidden>/);
    expect(html).toContain('<input type="checkbox" data-filter-kind="missing" checked> Diary entries missing</label>');

    // The fix files: under the page's exports folder, each downloadable and equal to verify --out's.
    const check = web.checks.latest!;
    expect(check.dir?.startsWith(join(home, "exports"))).toBe(true);
    expect(check.dir).toMatch(/-letterboxd-check$/);
    const cliFiles = await listFiles(join(root, "fix"));
    expect(await listFiles(check.dir!)).toEqual(cliFiles);
    expect(cliFiles).toEqual(expect.arrayContaining(["diary.csv", "ratings.csv", "watchlist.csv"]));
    for (const [i, name] of check.summary.files.map((f, i) => [i, f.path.slice(check.dir!.length + 1)] as const)) {
      expect(html).toContain(`<a href="/check/1/files/${i}" download>${name}</a>`);
      const file = await client.get(`/check/1/files/${i}`);
      expect(file.status).toBe(200);
      expect(file.headers.get("content-disposition")).toBe(`attachment; filename="${name}"`);
      expect(await file.text()).toBe(await readFile(join(root, "fix", name), "utf8"));
    }
    const zipped = unzipSync(new Uint8Array(await (await client.get("/check/1/zip")).arrayBuffer()));
    expect(Object.keys(zipped).sort()).toEqual(cliFiles);
    expect(html).toContain('data-testid="upload-steps"');

    // The page serves only the file it wrote: changed on disk, it is no longer offered.
    await writeFile(join(check.dir!, "watchlist.csv"), "changed");
    const index = check.summary.files.findIndex((f) => f.name === "watchlist");
    expect((await client.get(`/check/1/files/${index}`)).status).toBe(404);
    expect(await (await client.get("/check")).text()).not.toContain(`href="/check/1/files/${index}"`);
    expect((await client.get("/check/2/files/0")).status).toBe(404);
    expect((await client.get("/check/1/files/99")).status).toBe(404);
  });

  it("a file that is not a Letterboxd export, or too big: one line with the next step, nothing kept", async () => {
    const { home, web, client } = await page(generateLibrary({ plays: 8, ratings: 2, watchlist: 1 }), { maxUploadBytes: 50_000 });
    const damaged = await upload(web, client, new Uint8Array(1000).fill(7), "trakt-export-sam.zip");
    expect(damaged.status).toBe(400);
    const line = await damaged.text();
    expect(line).not.toContain("\n");
    expect(line).toMatch(/^trakt-export-sam\.zip is not a readable zip file/);
    expect(line).not.toContain(join(home, "uploads"));

    const notLetterboxd = await upload(web, client, zipOf({ "watched-history.json": "[]" }), "trakt-export-sam.zip");
    expect(notLetterboxd.status).toBe(400);
    expect(await notLetterboxd.text()).toBe(
      "trakt-export-sam.zip is not a Letterboxd data export (no diary.csv, ratings.csv, watched.csv or watchlist.csv): download yours at letterboxd.com → Settings → Data → Export.",
    );

    const big = await upload(web, client, new Uint8Array(60_000));
    expect(big.status).toBe(413);
    expect(await big.text()).toBe("The file is larger than 48.8 KiB, the most this page accepts. Letterboxd's data export is far smaller: is it the right file?");

    const form = await web.app.request("/check/upload", { method: "POST", headers: { cookie: client.cookie, "x-csrf-token": client.csrf, "content-type": "multipart/form-data; boundary=x" }, body: "--x--" });
    expect(form.status).toBe(415);

    expect(web.checks.latest).toBeUndefined();
    expect(await readdir(join(home, "uploads"))).toEqual([]);
    expect(existsSync(join(home, "exports")) ? await readdir(join(home, "exports")) : []).toEqual([]);
    expect(await (await client.get("/check")).text()).not.toContain("data-check-report");
  });

  it("escapes the file's name and the films' titles, and links only Letterboxd's own addresses", () => {
    const films: VerifySummary["films"] = [
      { film: { traktId: 1, title: "<b>Heat</b>", year: 1995 }, match: "found", letterboxd: { name: "<i>Heat</i>", year: 1995, uri: "javascript:alert(1)", yearOff: false }, missingDates: ["2024-01-02"], otherDates: [], notWatched: false, watchlistMissing: false },
      {
        film: { traktId: 2, title: "Twins", year: 1994 },
        match: "unsure",
        candidates: [
          { name: "Twins", year: 1994, uri: "https://letterboxd.com/film/twins/" },
          { name: 'Twins"><script>', year: 1994, uri: "https://evil.example/film/" },
        ],
        missingDates: [],
        otherDates: [],
        notWatched: false,
        watchlistMissing: false,
      },
    ];
    const counts = { films: 2, found: 1, unsure: 1, notFound: 0, missingDiaryEntries: 1, otherDates: 0, oneDayShifts: 0, ratingsDiffer: 0, watchlistMissing: 0 };
    const summary: VerifySummary = { letterboxd: "<x>.zip", timeZone: "UTC", timeZoneSource: "settings", clean: false, counts, films, files: [], warnings: ["<w>"] };
    const html = checkPage(
      { page: "check", csrf: "t", username: undefined, timeZone: "UTC" },
      { libraryEmpty: false, check: { id: 1, fileName: "<x>.zip", checkedAt: "2026-01-01T00:00:00.000Z", dir: undefined, summary }, files: [], maxUploadBytes: 1000, tooLarge: "big", exportsDir: "/e", emptyLibrary: "empty" },
    ).text;
    expect(html).toContain("<h2>&#60;x&#62;.zip</h2>");
    expect(html).toContain('<td>&#60;b&#62;Heat&#60;/b&#62; (1995) <span class="muted">(on Letterboxd: &#60;i&#62;Heat&#60;/i&#62; (1995))</span></td>');
    expect(html).not.toContain("javascript:");
    expect(html).toContain('<a href="https://letterboxd.com/film/twins/" target="_blank" rel="noopener noreferrer">Twins (1994)</a> or Twins&#34;&#62;&#60;script&#62; (1994)');
    expect(html).not.toContain("evil.example");
    expect(html).toContain("Warning: &#60;w&#62;");
  });

  it("a clean check with films it could not place says what verify says, not that everything arrived", () => {
    const unplaced = { missingDates: [], otherDates: [], notWatched: false, watchlistMissing: false };
    const films: VerifySummary["films"] = [
      { film: { traktId: 1, title: "Twins", year: 1994 }, match: "unsure", candidates: [{ name: "Twins", year: 1994, uri: null }, { name: "Twins", year: 1995, uri: null }], ...unplaced },
      { film: { traktId: 2, title: "Home Movie", year: 2001 }, match: "none", titleOnly: true, ...unplaced },
    ];
    const counts = { films: 1, found: 0, unsure: 1, notFound: 1, missingDiaryEntries: 0, otherDates: 0, oneDayShifts: 0, ratingsDiffer: 0, watchlistMissing: 0 };
    const summary: VerifySummary = { letterboxd: "lb.zip", timeZone: "UTC", timeZoneSource: "settings", clean: true, counts, films, files: [], warnings: [] };
    const html = checkPage(
      { page: "check", csrf: "t", username: undefined, timeZone: "UTC" },
      { libraryEmpty: false, check: { id: 1, fileName: "lb.zip", checkedAt: "2026-01-01T00:00:00.000Z", dir: undefined, summary }, files: [], maxUploadBytes: 1000, tooLarge: "big", exportsDir: "/e", emptyLibrary: "empty" },
    ).text;
    const sentence = "Nothing is surely missing; verify could not check the films below.";
    expect(html).toContain(`<p class="ok" data-testid="check-state">${sentence}</p>`);
    expect(html).not.toContain("Everything arrived");
    expect(formatVerify(summary).split("\n")).toContain(sentence);
    expect([...reportRows(html).keys()]).toEqual(["not-found", "unsure"]);
    expect(html).toContain("Compared 1 film of your Trakt library");
  });
});

function zipOf(files: Record<string, string>): Uint8Array {
  return zipSync(Object.fromEntries(Object.entries(files).map(([name, body]) => [name, new TextEncoder().encode(body)])));
}
