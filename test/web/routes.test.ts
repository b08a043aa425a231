import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { FetchProgress } from "../../src/sync/progress.js";
import { storePath } from "../../src/context.js";
import { appendRunLog, exportToDatedFolder, localTime, readScheduleConfig, writeScheduleConfig, type DatedExport } from "../../src/schedule/index.js";
import { openStore, recordExportWrite } from "../../src/store/index.js";
import { ExportJobs, createWebApp, isLoopback, type WebApp } from "../../src/web/index.js";
import { startE2e, type E2e } from "../helpers/e2e.js";
import { FakeClock } from "../schedule/fake-clock.js";
import { convertedSummary, logIn, parseSse, sandboxSettings } from "./web-helpers.js";

describe("the page's routes (app.request, no socket)", () => {
  let dir: string;
  let e2e: E2e;
  let web: WebApp;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "tl-web-"));
    e2e = await startE2e(dir);
    await e2e.login();
    web = createWebApp({ settings: sandboxSettings(e2e), clock: new FakeClock("2026-04-01T00:00:00Z") });
  });
  afterAll(async () => {
    await web.close();
    await e2e.sandbox.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("refuses everything but the one-time key without a session, and the key works once", async () => {
    for (const path of ["/", "/library", "/api/library", "/export", "/export/events", "/exports/1/zip", "/assets/app.js"]) {
      expect((await web.app.request(path)).status, path).toBe(401);
    }
    expect((await web.app.request("/export/start", { method: "POST" })).status).toBe(401);
    expect((await web.app.request("/library", { headers: { cookie: "tl_session=made-up" } })).status).toBe(401);
    expect((await web.app.request("/login?key=wrong")).status).toBe(403);

    const key = web.sessions.key;
    const login = await web.app.request(`/login?key=${key}`);
    expect(login.status).toBe(303);
    expect(login.headers.get("set-cookie")).toMatch(/^tl_session=[\w-]+; Path=\/; HttpOnly; SameSite=Strict$/);
    expect((await web.app.request(`/login?key=${key}`)).status).toBe(403);
    const cookie = login.headers.get("set-cookie")!.split(";")[0]!;
    expect((await web.app.request("/library", { headers: { cookie } })).status).toBe(200);
    // Another site's name for this address (DNS rebinding) gets nothing, session or not.
    expect((await web.app.request("http://evil.example/library", { headers: { cookie } })).status).toBe(403);
    // Every loopback address `serve --host` accepts without --allow-remote is answered.
    for (const host of ["127.0.0.2", "localhost:8484", "[::1]:8484"]) expect((await web.app.request(`http://${host}/library`, { headers: { cookie } })).status, host).toBe(200);
  });

  it("knows loopback names and addresses", () => {
    for (const host of ["127.0.0.1", "127.0.0.2", "localhost", "::1", "[::1]"]) expect(isLoopback(host), host).toBe(true);
    for (const host of ["0.0.0.0", "::", "192.168.1.2", "evil.example", "localhost.evil.example", "127.0.0.1.evil.example"]) expect(isLoopback(host), host).toBe(false);
  });

  it("refuses state changes without the CSRF token or from another origin", async () => {
    // A fresh app: the first one's key is used up.
    const other = createWebApp({ settings: sandboxSettings(e2e), clock: new FakeClock("2026-04-01T00:00:00Z") });
    const client = await logIn(other);
    expect(client.csrf).not.toBe("");
    expect((await client.post("/export/start", { kind: "full" })).status).toBe(403);
    expect((await client.post("/export/start", { kind: "full", _csrf: "wrong" })).status).toBe(403);
    expect((await client.post("/schedule/off", {}, { "x-csrf-token": `${client.csrf}x` })).status).toBe(403);
    expect((await client.post("/export/start", { kind: "full", _csrf: client.csrf }, { origin: "http://evil.example" })).status).toBe(403);
    expect(other.jobs.latest).toBeUndefined();
    // The right token in the form or the header passes.
    expect((await client.post("/schedule/off", { _csrf: client.csrf })).status).toBe(200);
    expect((await client.post("/schedule/off", {}, { "x-csrf-token": client.csrf })).status).toBe(200);
    await other.close();
  });

  it("runs a real export and serves its files and a zip, only from its own folder", async () => {
    const other = createWebApp({ settings: sandboxSettings(e2e), clock: new FakeClock("2026-04-01T00:00:00Z") });
    const client = await logIn(other);
    expect(await (await client.get("/api/library")).json()).toBeNull();
    expect((await client.post("/export/start", { kind: "full", _csrf: client.csrf })).status).toBe(303);
    await vi.waitFor(() => expect(other.jobs.latest?.state).toBe("done"));
    const job = other.jobs.latest!;
    expect(job.result!.dir.startsWith(join(e2e.home, "exports"))).toBe(true);

    const [latest] = (await (await client.get("/api/exports")).json()) as { id: number; files: { fileName: string; url?: string }[]; zipUrl?: string }[];
    const diary = latest!.files.find((f) => f.fileName === "diary.csv")!;
    const res = await client.get(diary.url!);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="diary.csv"');
    expect(await res.text()).toBe(await readFile(join(job.result!.dir, "diary.csv"), "utf8"));

    const zip = unzipSync(new Uint8Array(await (await client.get(latest!.zipUrl!)).arrayBuffer()));
    expect(Object.keys(zip).sort()).toEqual(latest!.files.map((f) => f.fileName).sort());
    expect(Buffer.from(zip["diary.csv"]!).toString("utf8")).toBe(await readFile(join(job.result!.dir, "diary.csv"), "utf8"));

    expect((await client.get(`/exports/${latest!.id}/files/99`)).status).toBe(404);
    expect((await client.get("/exports/9999/files/0")).status).toBe(404);
    expect((await client.get("/exports/..%2F..%2Fetc/files/0")).status).toBe(404);

    // An export written elsewhere (as `export --out` does) is listed, never served.
    await exportToDatedFolder({ settings: sandboxSettings(e2e), root: join(dir, "elsewhere"), incremental: false });
    const [outside] = (await (await client.get("/api/exports")).json()) as { id: number; files: { url?: string }[]; zipUrl?: string }[];
    expect(outside!.files.length).toBeGreaterThan(0);
    expect(outside!.files.every((f) => f.url === undefined)).toBe(true);
    expect(outside!.zipUrl).toBeUndefined();
    expect((await client.get(`/exports/${outside!.id}/files/0`)).status).toBe(404);

    const stats = (await (await client.get("/api/library")).json()) as { totals: { films: number } };
    expect(stats.totals.films).toBeGreaterThan(0);

    // The end event brings the past exports with the one just written, for the page to show without a reload.
    const [end] = parseSse(await (await client.get("/export/events")).text());
    expect(end!.event).toBe("done");
    expect((JSON.parse(end!.data) as { past: string }).past).toContain(`data-export-id="${job.result!.exportId}"`);
    await other.close();
  });

  it("serves the schedule's folder as a folder, not its characters: an export elsewhere stays unserved", async () => {
    const home = await mkdtemp(join(tmpdir(), "tl-roots-"));
    const settings = { ...sandboxSettings(e2e), home };
    // The schedule's folder, a string, once became single-character roots: "/" among them.
    await writeScheduleConfig(home, { cron: "0 3 * * *", dir: join(home, "scheduled") });
    const other = createWebApp({ settings, clock: new FakeClock("2026-04-01T00:00:00Z") });
    const client = await logIn(other);
    const record = async (path: string) => {
      await mkdir(join(path, ".."), { recursive: true });
      await writeFile(path, "Title\nHeat\n");
      const store = openStore(storePath(settings));
      const id = recordExportWrite(store, { kind: "full", files: [{ name: "diary", path, rows: 1, bytes: 11 }], plays: [], ratings: [], reviews: [], watchlist: [], lists: [] });
      store.close();
      return id;
    };
    const outside = await record(join(home, "elsewhere", "2026-04-01", "diary.csv"));
    const scheduled = await record(join(home, "scheduled", "2026-04-02", "diary.csv"));
    expect((await client.get(`/exports/${outside}/files/0`)).status).toBe(404);
    expect((await client.get(`/exports/${scheduled}/files/0`)).status).toBe(200);
    await other.close();
    await rm(home, { recursive: true, force: true });
  });

  it("never hands out a newer file that took the place of an export's (a reused folder)", async () => {
    const other = createWebApp({ settings: sandboxSettings(e2e), clock: new FakeClock("2026-04-01T00:00:00Z") });
    const client = await logIn(other);
    const path = join(e2e.home, "exports", "2026-05-01T00-00-00Z", "diary.csv");
    await mkdir(join(path, ".."), { recursive: true });
    await writeFile(path, "Title\nHeat\n");
    const store = openStore(storePath(sandboxSettings(e2e)));
    const id = recordExportWrite(store, { kind: "full", files: [{ name: "diary", path, rows: 1, bytes: 11 }], plays: [], ratings: [], reviews: [], watchlist: [], lists: [] });
    store.close();
    expect((await client.get(`/exports/${id}/files/0`)).status).toBe(200);
    await writeFile(path, "Title\nHeat\nAlien\n");
    expect((await client.get(`/exports/${id}/files/0`)).status).toBe(404);
    expect((await client.get(`/exports/${id}/zip`)).status).toBe(404);
    await other.close();
  });

  it("downloads a list file whose name is not Latin", async () => {
    const other = createWebApp({ settings: sandboxSettings(e2e), clock: new FakeClock("2026-04-01T00:00:00Z") });
    const client = await logIn(other);
    const path = join(e2e.home, "exports", "2026-04-01T00-00-00Z", "lists", "любимые-фильмы.csv");
    const csv = "Position,Title,Year,imdbID,tmdbID,Review\n1,\"<b>Héros</b>, \"\"quoted\"\"\",2001,,,\n";
    await mkdir(join(path, ".."), { recursive: true });
    await writeFile(path, csv);
    const store = openStore(storePath(sandboxSettings(e2e)));
    const id = recordExportWrite(store, { kind: "full", files: [{ name: "lists/любимые-фильмы.csv", path, rows: 1, bytes: Buffer.byteLength(csv) }], plays: [], ratings: [], reviews: [], watchlist: [], lists: [] });
    store.close();

    const res = await client.get(`/exports/${id}/files/0`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="_______-______.csv"; filename*=UTF-8''${encodeURIComponent("любимые-фильмы.csv")}`);
    expect(await res.text()).toBe(csv);
    const zip = unzipSync(new Uint8Array(await (await client.get(`/exports/${id}/zip`)).arrayBuffer()));
    expect(Object.keys(zip)).toEqual(["lists/любимые-фильмы.csv"]);
    await other.close();
  });

  it("ends a job whose export throws before it starts as failed, and takes the next one", async () => {
    let calls = 0;
    const jobs = new ExportJobs(
      () => {
        if (++calls === 1) throw new Error("no such folder");
        return Promise.resolve({ dir: "x", exportId: undefined, summary: convertedSummary(join(dir, "x"), [], { kind: "incremental", nothingNew: true }) });
      },
      (error) => `described: ${(error as Error).message}`,
      () => "",
    );
    const first = await jobs.start("full", "page", dir).finished;
    expect([first.state, first.error]).toEqual(["failed", "described: no such folder"]);
    expect((await jobs.start("full", "page", dir).finished).state).toBe("done");
  });

  it("streams an export's progress as server-sent events until it ends", async () => {
    let hooks: { onProgress: (p: FetchProgress) => void } | undefined;
    let finish: (result: DatedExport) => void = () => {};
    const other = createWebApp({
      settings: sandboxSettings(e2e),
      clock: new FakeClock("2026-04-01T00:00:00Z"),
      startExport: (_request, h) => {
        hooks = h;
        return new Promise((resolve) => (finish = resolve));
      },
    });
    const client = await logIn(other);
    await client.post("/export/start", { kind: "incremental", _csrf: client.csrf });
    const events = await client.get("/export/events");
    expect(events.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const body = events.text();
    await vi.waitFor(() => expect(hooks).toBeDefined());
    hooks!.onProgress({ kind: "history", done: 0, total: 3 });
    hooks!.onProgress({ kind: "history", done: 2, total: 3 });
    hooks!.onProgress({ kind: "history", done: 3, total: 3 });
    finish({ dir: join(dir, "x"), exportId: undefined, summary: convertedSummary(join(dir, "x"), [], { kind: "incremental", nothingNew: true }) });

    const parsed = parseSse(await body);
    expect(parsed.map((e) => e.event)).toEqual(["progress", "progress", "progress", "progress", "done"]);
    const jobs = parsed.map((e) => JSON.parse(e.data) as { job: { state: string; progress: FetchProgress[] }; html: string });
    expect(jobs.slice(1, 4).map((e) => e.job.progress[0]!.done)).toEqual([0, 2, 3]);
    expect(jobs[4]!.job.state).toBe("done");
    expect(jobs[4]!.html).toContain("Export finished");
    expect(jobs[4]!.html).toContain("Nothing new since the last export");

    // Once it has ended, a new listener gets the end at once.
    expect(parseSse(await (await client.get("/export/events")).text()).map((e) => e.event)).toEqual(["done"]);
    await other.close();
  });

  it("saves a schedule, refuses a bad one and turns it off", async () => {
    const other = createWebApp({ settings: sandboxSettings(e2e), clock: new FakeClock("2026-04-01T00:00:00Z") });
    const client = await logIn(other);
    // Refused in our words, with what was typed kept in the form.
    for (const [typed, said] of [
      ["every night", "&#34;every night&#34; has 2 fields; a schedule takes 5: minute hour day-of-month month day-of-week"],
      ["* * * * * *", "&#34;* * * * * *&#34; has 6 fields; a schedule takes 5"],
      ["0 25 * * *", "the hour &#34;25&#34; is not valid (it takes 0-23;"],
    ]) {
      const bad = await client.post("/schedule", { cron: typed!, _csrf: client.csrf });
      expect(bad.status).toBe(400);
      const html = await bad.text();
      expect(html).toContain(said);
      expect(html).toContain(`<input type="text" name="cron" value="${typed!.replaceAll('"', "&#34;")}" required aria-describedby="cron-help" aria-invalid="true">`);
    }
    expect(await readScheduleConfig(e2e.home)).toBeUndefined();

    const good = await client.post("/schedule", { cron: "0 3 * * *", _csrf: client.csrf });
    expect(good.status).toBe(200);
    expect(await readScheduleConfig(e2e.home)).toEqual({ cron: "0 3 * * *", dir: join(e2e.home, "exports") });
    expect(other.schedule.nextRun).toBeDefined();
    const shown = await (await client.get("/schedule")).text();
    expect(shown).toContain('<code class="cron">0 3 * * *</code> (UTC time)');
    // The next run in the settings' zone, named; the fake clock stands at 2026-04-01T00:00:00Z.
    expect(shown).toContain('Next run: <b data-testid="next-run"><time datetime="2026-04-01T03:00:00.000Z">2026-04-01 03:00 (UTC)</time></b>');
    expect(await (await client.get("/api/schedule")).json()).toMatchObject({ config: { cron: "0 3 * * *" }, nextRun: "2026-04-01T03:00:00.000Z", timeZone: "UTC" });

    await client.post("/schedule/off", { _csrf: client.csrf });
    expect(await readScheduleConfig(e2e.home)).toBeUndefined();
    expect(other.schedule.nextRun).toBeUndefined();
    await other.close();
  });

  it("saves a new schedule at once while a scheduled export runs, and does not start a second one", async () => {
    const clock = new FakeClock("2026-04-01T00:00:30Z");
    let starts = 0;
    let finish: (result: DatedExport) => void = () => {};
    const other = createWebApp({
      settings: sandboxSettings(e2e),
      clock,
      startExport: () => {
        starts += 1;
        return new Promise((resolve) => (finish = resolve));
      },
    });
    const client = await logIn(other);
    await client.post("/schedule", { cron: "* * * * *", _csrf: client.csrf });
    await clock.advanceTo("2026-04-01T00:01:00Z");
    await vi.waitFor(() => expect(other.jobs.latest?.state).toBe("running"));

    const saved = client.post("/schedule", { cron: "*/2 * * * *", _csrf: client.csrf }).then((res) => res.status);
    expect(await Promise.race([saved, new Promise((resolve) => setTimeout(() => resolve("still waiting"), 2000))])).toBe(200);
    expect(await readScheduleConfig(e2e.home)).toEqual({ cron: "*/2 * * * *", dir: join(e2e.home, "exports") });
    await clock.advanceTo("2026-04-01T00:02:00Z");
    expect(starts).toBe(1);

    finish({ dir: join(dir, "x"), exportId: undefined, summary: convertedSummary(join(dir, "x"), [], { kind: "incremental", nothingNew: true }) });
    await other.schedule.set(undefined);
    await other.close();
  });
  it("shows every time in the settings' zone, named, and an export's summary as the terminal shows it", async () => {
    const home = await mkdtemp(join(tmpdir(), "tl-zone-"));
    const settings = { ...sandboxSettings(e2e), home, timeZone: "Europe/Berlin" };
    const folder = join(home, "exports", "2026-04-01T01-00-00Z");
    await mkdir(join(folder, "lists"), { recursive: true });
    const files = [
      { name: "diary", path: join(folder, "diary.csv"), rows: 1, bytes: 11 },
      { name: "lists/best", path: join(folder, "lists", "best.csv"), rows: 1, bytes: 11 },
    ];
    for (const f of files) await writeFile(f.path, "Title\nHeat\n");
    const store = openStore(storePath(settings));
    const exportId = recordExportWrite(store, { kind: "full", files, plays: [], ratings: [], reviews: [], watchlist: [], lists: [] });
    store.close();
    // A pattern an older version saved: the page says why it does not run, and serve still starts.
    await writeScheduleConfig(home, { cron: "* * * * * *", dir: join(home, "exports") });
    await appendRunLog(home, { at: "2026-04-01T01:00:00.000Z", finishedAt: "2026-04-01T01:00:09.000Z", status: "succeeded", message: "Wrote 2 files (2 rows)." });

    const summary = convertedSummary(folder, files, {
      filmsWritten: 1,
      bulkPlays: { mode: "dated", threshold: 10, days: [{ date: "2019-03-02", films: 250 }] },
      titleOnlyFilms: [{ title: "Obscure Film", year: 1999, traktId: 42, directors: [] }],
      warnings: ["Trakt sent a list item without a film."],
    });
    const other = createWebApp({ settings, clock: new FakeClock("2026-04-01T00:00:00Z"), startExport: async () => ({ dir: folder, exportId, summary }) });
    await other.start();
    const client = await logIn(other);
    await client.post("/export/start", { kind: "full", _csrf: client.csrf });
    await vi.waitFor(() => expect(other.jobs.latest?.state).toBe("done"));
    const page = await (await client.get("/export")).text();
    const job = /<div id="job"[^>]*>([\s\S]*?)<h2>Past exports<\/h2>/.exec(page)?.[1] ?? "";
    expect(job).toMatch(/started <time datetime="[^"]+">\d{4}-\d\d-\d\d \d\d:\d\d \(Europe\/Berlin\)<\/time>/);
    expect(job).toContain("Your Trakt library: 1 film, 1 play, 0 ratings, 0 reviews, 0 on the watchlist, 0 lists (0 requests to Trakt this run).");
    expect(job).toContain("Watch dates are calendar days in <b>Europe/Berlin</b> (your Trakt account&#39;s zone).");
    expect(job).toContain("<b>Wrote 1 film in 2 files:</b>");
    expect(job).toContain(`<a href="/exports/${exportId}/files/1" download>lists/best.csv</a>`);
    expect(job).toContain(`<a href="/exports/${exportId}/zip" download data-testid="zip">`);
    expect(job).toMatch(/<ol data-testid="upload-steps">[\s\S]*<b>diary.csv<\/b> first[\s\S]*Each list as a new list[\s\S]*<b>lists\/best.csv<\/b>/);
    expect(job).toMatch(/data-testid="bulk-plays" data-bulk-mode="dated">\s*<h3>1 day holds many films at one time<\/h3>[\s\S]*<li>2019-03-02: 250 films<\/li>/);
    expect(job).toContain("1 film has no IMDb or TMDb id");
    expect(job).toContain("Warning: Trakt sent a list item without a film.");

    // Past exports: one folded line each, unfolding to its files.
    const [listed] = (await (await client.get("/api/exports")).json()) as { id: number; exportedAt: string }[];
    const past = /<div id="past-exports">([\s\S]*)$/.exec(page)?.[1] ?? "";
    expect(past).toContain(
      `<details class="past" data-export-id="${exportId}"><summary><time datetime="${listed!.exportedAt}">${localTime(listed!.exportedAt, "Europe/Berlin")}</time> · full · 2 files, 2 rows</summary>`,
    );
    expect(past).toContain(`<a href="/exports/${exportId}/files/0" download>diary.csv</a>`);

    const schedule = await (await client.get("/schedule")).text();
    expect(schedule).toContain("The saved schedule does not run: &#34;* * * * * *&#34; has 6 fields");
    expect(schedule).toContain('<td><time datetime="2026-04-01T01:00:00.000Z">2026-04-01 03:00 (Europe/Berlin)</time></td>');
    expect(schedule).toContain("read in Europe/Berlin time");
    await other.close();
    await rm(home, { recursive: true, force: true });
  });
});
