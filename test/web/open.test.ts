import { randomBytes } from "node:crypto";
import { request } from "node:http";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { PassThrough } from "node:stream";
import { unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { runServe } from "../../src/cli/commands/serve.js";
import { DEFAULT_MAX_FILE_BYTES, type Settings } from "../../src/config/settings.js";
import { ConfigError, UsageError } from "../../src/errors.js";
import { exportFromFile } from "../../src/export/from-file.js";
import { sampleLibrary, TRAKT_EXPORT_SECRETS, traktExportZip, type SandboxUser } from "../../src/sandbox/index.js";
import { createWebApp, listen, type ConvertedExport, type ExportConverter, type WebApp, type WebAppOptions } from "../../src/web/index.js";
import { convertedSummary, logIn, offlineSettings, parseSse, type PageClient } from "./web-helpers.js";

/** What a scripted converter saw of one call. */
interface Call {
  file: string;
  bytes: Buffer;
  mode: number;
  outDir: string;
}

const CSV: Record<string, string> = {
  "diary.csv": "Title,Year,imdbID,tmdbID,WatchedDate,Rating10,Rewatch,Tags,Review\nHeat,1995,tt0113277,949,2024-01-02,9,false,,\n",
  "ratings.csv": "Title,Year,imdbID,tmdbID,Rating10\nHeat,1995,tt0113277,949,9\n",
  "watchlist.csv": "Title,Year,imdbID,tmdbID\nRan,1985,tt0089881,11645\n",
  "lists/любимые.csv": "Position,Title,Year,imdbID,tmdbID,Review\n1,Heat,1995,tt0113277,949,\n",
};
const NAMES: Record<string, string> = { "diary.csv": "diary", "ratings.csv": "ratings", "watchlist.csv": "watchlist", "lists/любимые.csv": "lists/любимые" };

/** A converter that records what it was given and writes a small export, as exportFromFile would. */
function writingConverter(calls: Call[], extra: (hooks: Parameters<ExportConverter>[1]) => Promise<void> = async () => {}): ExportConverter {
  return async ({ file, outDir }, hooks) => {
    calls.push({ file, bytes: await readFile(file), mode: (await stat(file)).mode & 0o777, outDir });
    hooks.onProgress({ kind: "history", done: 1, total: 2 });
    await extra(hooks);
    const files = [];
    for (const [name, text] of Object.entries(CSV)) {
      const path = join(outDir, name);
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, text);
      files.push({ name: NAMES[name]!, path, rows: 1, bytes: Buffer.byteLength(text) });
    }
    return summary(outDir, files);
  };
}

function summary(outDir: string, files: ConvertedExport["files"]): ConvertedExport {
  return convertedSummary(outDir, files, {
    counts: { films: 2, plays: 1, ratings: 1, reviews: 0, watchlist: 1, lists: 1 },
    titleOnlyFilms: [{ title: "<b>Obscure</b> Film", year: 1999, traktId: 42, directors: ["A. Director"] }],
    warnings: ["this export lacks 2 plays of 1 film that watched-movies counts: download a new export from Trakt."],
  });
}

/** Sends `body` as the page's script does: the raw ZIP with the CSRF header. */
function upload(web: WebApp, client: PageClient, body: NonNullable<RequestInit["body"]>, headers: Record<string, string> = {}): Promise<Response> {
  return Promise.resolve(
    web.app.request("/open/upload?name=trakt-export-sam.zip", {
      method: "POST",
      headers: { cookie: client.cookie, "x-csrf-token": client.csrf, "content-type": "application/zip", ...headers },
      body,
      duplex: "half",
    } as RequestInit),
  );
}

async function filesIn(dir: string): Promise<string[]> {
  return existsSync(dir) ? readdir(dir) : [];
}

describe("Open a Trakt export (no client id, no Trakt login)", () => {
  let dir: string;
  let n = 0;
  const apps: WebApp[] = [];
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "tl-open-"));
  });
  afterAll(async () => {
    for (const web of apps) await web.close();
    await rm(dir, { recursive: true, force: true });
  });

  /** A page with its own data folder and settings without a client id, logged in. */
  async function page(options: Partial<WebAppOptions> = {}, settings: Partial<Settings> = {}) {
    const home = join(dir, `home-${++n}`);
    const web = createWebApp({ settings: { ...offlineSettings(home), ...settings }, ...options });
    apps.push(web);
    return { home, uploads: join(home, "uploads"), web, client: await logIn(web) };
  }

  it("sends a visitor without a client id to /open, and the Connect page says why", async () => {
    const { web, client } = await page({ convertExport: writingConverter([]) });
    const front = await client.get("/");
    expect(front.status).toBe(303);
    expect(front.headers.get("location")).toBe("/open");

    const connect = await (await client.get("/connect")).text();
    expect(connect).toContain('data-login-status="no-client-id"');
    expect(connect).toContain('<a href="/open">Open a Trakt export</a>');
    expect(connect).not.toContain("Connect to Trakt</button>");

    const open = await client.get("/open");
    expect(open.status).toBe(200);
    const html = await open.text();
    expect(html).toContain('<a href="/open" aria-current="page">Open a Trakt export</a>');
    expect(html).toMatch(/<form method="post" action="\/open\/upload" id="open-form" data-upload data-max-bytes="1073741824"/);
    expect(html).toContain('accept=".zip,application/zip"');
    expect(web.conversions.latest).toBeUndefined();
  });

  it("streams the upload to a private file, hands it to the converter and deletes it afterwards", async () => {
    const calls: Call[] = [];
    const { home, uploads, web, client } = await page({ convertExport: writingConverter(calls) });
    const zip = randomBytes(300_000);
    // The body comes in pieces; the second is sent only once the first is on disk, so nothing waits for the whole body.
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        if (sent === zip.length) return controller.close();
        if (sent > 0) await vi.waitFor(async () => expect((await Promise.all((await filesIn(uploads)).map((f) => stat(join(uploads, f)))))[0]?.size).toBe(sent));
        const chunk = zip.subarray(sent, sent + 100_000);
        sent += chunk.length;
        controller.enqueue(chunk);
      },
    });
    const res = await upload(web, client, body);
    expect(res.status, await res.clone().text()).toBe(202);
    expect(await res.json()).toEqual({ id: 1 });
    await web.conversions.settled();

    expect(calls).toHaveLength(1);
    const [call] = calls;
    expect(call!.bytes.equals(zip)).toBe(true);
    expect(call!.mode).toBe(0o600);
    expect(dirname(call!.file)).toBe(uploads);
    expect(basename(call!.outDir)).toMatch(/^\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ-trakt-export$/);
    expect(dirname(call!.outDir)).toBe(join(home, "exports"));
    expect(existsSync(call!.file)).toBe(false);
    expect(await filesIn(uploads)).toEqual([]);
    expect(web.conversions.latest).toMatchObject({ state: "done", fileName: "trakt-export-sam.zip", progress: [{ kind: "history", done: 1, total: 2 }] });
  });

  it("shows the result: files with downloads, where each goes on Letterboxd, the time zone, films without ids and warnings", async () => {
    const { web, client } = await page({ convertExport: writingConverter([]) });
    expect((await upload(web, client, randomBytes(100))).status).toBe(202);
    await web.conversions.settled();
    const outDir = web.conversions.latest!.result!.dir;

    const html = await (await client.get("/open")).text();
    expect(html).toContain('<h2 data-testid="conversion-state">Converted</h2>');
    expect(html).toContain('data-open-state="done"');
    for (const [i, name] of Object.keys(CSV).entries()) expect(html).toContain(`<a href="/open/1/files/${i}" download>${name}</a>`);
    expect(html).toContain('<a href="/open/1/zip" download data-testid="zip">');
    const steps = /<ol data-testid="upload-steps">([\s\S]*?)<\/ol>/.exec(html)?.[1] ?? "";
    expect(steps).toContain("letterboxd.com/import</a>: <b>diary.csv</b> first, then <b>ratings.csv</b>.");
    expect(steps).toContain("<b>watchlist.csv</b> with the import on your Letterboxd watchlist page");
    expect(steps).toContain("Each list as a new list");
    expect(steps).toContain("<b>lists/любимые.csv</b>");
    expect(html).toContain("Watch dates are calendar days in <b>Europe/Berlin</b> (your Trakt account&#39;s zone, from the export&#39;s user-settings.json).");
    expect(html).toContain("Your Trakt library from Trakt&#39;s data export: 2 films, 1 play, 1 rating, 0 reviews, 1 on the watchlist, 1 list (no request to Trakt).");
    expect(html).toContain("Warning: this export lacks 2 plays of 1 film");
    // What the files hold, counted as the terminal's summary counts it (filmsWritten).
    expect(html).toContain('<p data-testid="written"><b>Wrote 1 film in 4 files:</b></p>');
    expect(html).toContain("1 film has no IMDb or TMDb id");
    expect(html).toContain("&#60;b&#62;Obscure&#60;/b&#62; Film</a> (1999, A. Director)");

    const diary = await client.get("/open/1/files/0");
    expect(diary.status).toBe(200);
    expect(diary.headers.get("content-disposition")).toBe('attachment; filename="diary.csv"');
    expect(await diary.text()).toBe(CSV["diary.csv"]);
    const zip = await client.get("/open/1/zip");
    expect(zip.headers.get("content-disposition")).toBe(`attachment; filename="letterboxd-${basename(outDir)}.zip"`);
    const entries = unzipSync(new Uint8Array(await zip.arrayBuffer()));
    expect(Object.keys(entries).sort()).toEqual(Object.keys(CSV).sort());
    expect(Buffer.from(entries["lists/любимые.csv"]!).toString("utf8")).toBe(CSV["lists/любимые.csv"]);

    for (const path of ["/open/1/files/9", "/open/2/files/0", "/open/x/files/0", "/open/2/zip", "/open/..%2F/zip"]) expect((await client.get(path)).status, path).toBe(404);
  });

  it("serves only files inside the conversion's own folder", async () => {
    const outside = join(dir, "outside.csv");
    await writeFile(outside, "secret");
    const convertExport: ExportConverter = async ({ outDir }) => {
      await writeFile(join(outDir, "diary.csv"), CSV["diary.csv"]!);
      return summary(outDir, [
        { name: "diary", path: join(outDir, "diary.csv"), rows: 1, bytes: 1 },
        { name: "ratings", path: outside, rows: 1, bytes: 1 },
      ]);
    };
    const { web, client } = await page({ convertExport });
    await upload(web, client, randomBytes(10));
    await web.conversions.settled();
    expect((await client.get("/open/1/files/0")).status).toBe(200);
    expect((await client.get("/open/1/files/1")).status).toBe(404);
    expect(Object.keys(unzipSync(new Uint8Array(await (await client.get("/open/1/zip")).arrayBuffer())))).toEqual(["diary.csv"]);
  });

  it("refuses an upload over the limit with 413, by its Content-Length before reading, and leaves no file", async () => {
    const calls: Call[] = [];
    const { uploads, web, client } = await page({ convertExport: writingConverter(calls), maxUploadBytes: 1000 });
    let pulled = false;
    const untouched = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled = true;
        controller.enqueue(new Uint8Array(5000));
        controller.close();
      },
    }, { highWaterMark: 0 });
    const declared = await upload(web, client, untouched, { "content-length": "5000" });
    expect(declared.status).toBe(413);
    expect(await declared.text()).toBe("The file is larger than 1000 B, the most this page accepts. Trakt's data export is far smaller: is it the right file?");
    expect(pulled).toBe(false);

    // Without a Content-Length (chunked), counted as it comes.
    let chunks = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        chunks += 1;
        controller.enqueue(new Uint8Array(400));
      },
    });
    const counted = await upload(web, client, endless);
    expect(counted.status).toBe(413);
    expect(chunks).toBeLessThan(10);
    expect(await filesIn(uploads)).toEqual([]);
    expect(calls).toEqual([]);
    expect(web.conversions.latest).toBeUndefined();
  });

  it("refuses uploads without a session, without the right CSRF token, from another site, of another type, empty, or while one converts", async () => {
    const calls: Call[] = [];
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const { uploads, web, client } = await page({ convertExport: writingConverter(calls, () => held) });
    const zip = () => randomBytes(100);

    const anonymous = await web.app.request("/open/upload", { method: "POST", headers: { "content-type": "application/zip" }, body: zip() });
    expect(anonymous.status).toBe(401);
    expect((await upload(web, { ...client, cookie: "tl_session=made-up" }, zip())).status).toBe(401);
    const noToken = await upload(web, { ...client, csrf: "" }, zip(), { "x-csrf-token": "" });
    expect(noToken.status).toBe(403);
    expect((await upload(web, { ...client, csrf: `${client.csrf}x` }, zip())).status).toBe(403);
    expect((await upload(web, client, zip(), { origin: "http://evil.example" })).status).toBe(403);
    // The form without the page's script: only the file's name arrives.
    const form = await client.post("/open/upload", { _csrf: client.csrf, export: "trakt-export-sam.zip" });
    expect(form.status).toBe(415);
    expect(await form.text()).toContain("is JavaScript off?");
    expect((await upload(web, client, new Uint8Array(0))).status).toBe(400);
    expect(await filesIn(uploads)).toEqual([]);
    expect(calls).toEqual([]);

    expect((await upload(web, client, zip())).status).toBe(202);
    await vi.waitFor(() => expect(calls).toHaveLength(1));
    const busy = await upload(web, client, zip());
    expect(busy.status).toBe(409);
    expect(await busy.text()).toBe("A Trakt export is already being converted; wait for it to finish.");
    expect(await filesIn(uploads)).toHaveLength(1);
    release();
    await web.conversions.settled();
    expect(await filesIn(uploads)).toEqual([]);
  });

  it("shows a failed conversion's one line and the form again, and leaves neither the upload nor an empty folder", async () => {
    let seen = "";
    const convertExport: ExportConverter = async ({ file }) => {
      seen = file;
      throw new UsageError(`${file} is neither a backup of this tool nor a Trakt data export.`);
    };
    const { home, uploads, web, client } = await page({ convertExport });
    expect((await upload(web, client, randomBytes(100))).status).toBe(202);
    await web.conversions.settled();
    const html = await (await client.get("/open")).text();
    expect(html).toContain('<h2 data-testid="conversion-state">Conversion failed</h2>');
    // The error names the file as the browser did, not by its temporary name.
    expect(seen).not.toBe("");
    expect(html).not.toContain(seen);
    expect(html).toContain('<p class="error" role="alert">trakt-export-sam.zip is neither a backup of this tool nor a Trakt data export.</p>');
    expect(html).toMatch(/<form method="post" action="\/open\/upload" id="open-form" data-upload[^>]*data-too-large="[^"]*">/);
    expect(await filesIn(uploads)).toEqual([]);
    expect(await filesIn(join(home, "exports"))).toEqual([]);
  });

  it("streams the conversion's progress as server-sent events until it ends", async () => {
    let step: () => void = () => {};
    const { web, client } = await page({
      convertExport: writingConverter([], async (hooks) => {
        await new Promise<void>((resolve) => (step = resolve));
        hooks.onProgress({ kind: "history", done: 2, total: 2 });
      }),
    });
    await upload(web, client, randomBytes(100));
    await vi.waitFor(() => expect(web.conversions.latest?.progress).toHaveLength(1));
    const body = (await client.get("/open/events")).text();
    step();
    const events = parseSse(await body);
    expect(events.map((e) => e.event)).toEqual(["progress", "progress", "done"]);
    const data = events.map((e) => JSON.parse(e.data) as { job: { progress: { done: number }[] }; html: string });
    expect(data[1]!.job.progress[0]!.done).toBe(2);
    expect(data[0]!.html).toContain("Converting…");
    expect(data[2]!.html).toContain('data-testid="upload-steps"');
  });

  it("deletes the file of an upload cut off midway (a real socket)", async () => {
    const calls: Call[] = [];
    const { uploads, web, client } = await page({ convertExport: writingConverter(calls) });
    const server = await listen(web, "127.0.0.1", 0);
    try {
      const req = request(`${server.origin}/open/upload`, {
        method: "POST",
        headers: { cookie: client.cookie, "x-csrf-token": client.csrf, "content-type": "application/zip", "content-length": "100000" },
      });
      req.on("error", () => {});
      req.write(randomBytes(30_000));
      await vi.waitFor(async () => expect(await filesIn(uploads)).toHaveLength(1));
      req.destroy();
      await vi.waitFor(async () => expect(await filesIn(uploads)).toEqual([]));
      expect(calls).toEqual([]);

      // A chunked upload past the limit still gets its 413 over the socket.
      const small = createWebApp({ settings: offlineSettings(join(dir, "small")), convertExport: writingConverter(calls), maxUploadBytes: 50_000 });
      apps.push(small);
      const smallClient = await logIn(small);
      const smallServer = await listen(small, "127.0.0.1", 0);
      try {
        const status = await new Promise<number>((resolve, reject) => {
          const r = request(`${smallServer.origin}/open/upload`, { method: "POST", headers: { cookie: smallClient.cookie, "x-csrf-token": smallClient.csrf, "content-type": "application/zip" } }, (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          });
          r.on("error", reject);
          const chunks = setInterval(() => r.write(randomBytes(10_000)), 5);
          r.on("response", () => clearInterval(chunks));
          r.on("close", () => clearInterval(chunks));
        });
        expect(status).toBe(413);
        expect(await filesIn(join(dir, "small", "uploads"))).toEqual([]);
      } finally {
        await smallServer.close();
      }
    } finally {
      await server.close();
    }
  });

  it("converts a real Trakt export with the default converter, as `export --from` does, with the settings' tags", async () => {
    const { uploads, web, client } = await page({}, { tags: ["from-trakt"] });
    const zip = traktExportZip(sampleLibrary().users[0] as SandboxUser);
    expect((await upload(web, client, zip)).status).toBe(202);
    await web.conversions.settled();
    const job = web.conversions.latest!;
    expect(job.state, job.error).toBe("done");

    const path = join(dir, "direct.zip");
    await writeFile(path, zip);
    const direct = await exportFromFile({ from: path, outDir: join(dir, "direct"), tags: ["from-trakt"], maxFileBytes: DEFAULT_MAX_FILE_BYTES });
    const summary = job.result!.summary;
    expect(summary.files.map((f) => f.name)).toEqual(direct.files.map((f) => f.name));
    for (const [i, file] of direct.files.entries()) expect(await readFile(summary.files[i]!.path, "utf8"), file.name).toBe(await readFile(file.path, "utf8"));
    expect(await readFile(join(job.result!.dir, "diary.csv"), "utf8")).toContain("from-trakt");
    expect([summary.timeZone, summary.timeZoneSource]).toEqual([direct.timeZone, "account"]);
    expect(await filesIn(uploads)).toEqual([]);

    const html = await (await client.get("/open")).text();
    expect(html).toContain("Your Trakt library from Trakt&#39;s data export:");
    // The sample export holds Trakt's ghost rows (entries without a film): counted, as the terminal does.
    expect(html).toMatch(/Skipped \d+ entr(y|ies) without a film/);
    for (const secret of Object.values(TRAKT_EXPORT_SECRETS)) expect(html).not.toContain(secret);

    // Not a Trakt export: one line, naming the file as chosen.
    const res = await web.app.request("/open/upload?name=holiday.zip", {
      method: "POST",
      headers: { cookie: client.cookie, "x-csrf-token": client.csrf, "content-type": "application/zip" },
      body: "PK not really a zip",
    });
    expect(res.status).toBe(202);
    await web.conversions.settled();
    expect(web.conversions.latest!.error).toMatch(/^[^\n]*holiday\.zip[^\n]*$/);
    expect(web.conversions.latest!.error).not.toContain(uploads);
  });

  it("`serve --timezone` is checked before anything starts", async () => {
    const stdout = new PassThrough();
    let out = "";
    stdout.setEncoding("utf8").on("data", (chunk: string) => (out += chunk));
    const io = { stdout, stderr: new PassThrough(), stdin: new PassThrough(), env: { TRAKT_LETTERBOXD_HOME: join(dir, "bad-zone-home") } };
    await expect(runServe(io, {}, { port: 0, host: "127.0.0.1", sandbox: true, timezone: "Mars/Olympus" }, new Promise(() => {}))).rejects.toThrow(
      new ConfigError('Unknown time zone "Mars/Olympus" (from --timezone). Use an IANA name such as Europe/Berlin or America/New_York.'),
    );
    expect(out).toBe("");
  });

  it("`serve` starts without TRAKT_CLIENT_ID and its page opens on /open", async () => {
    const home = join(dir, "serve-home");
    const stdout = new PassThrough();
    let out = "";
    stdout.setEncoding("utf8").on("data", (chunk: string) => (out += chunk));
    let stop: () => void = () => {};
    const stopped = new Promise<void>((resolve) => (stop = resolve));
    const io = { stdout, stderr: new PassThrough(), stdin: new PassThrough(), env: { TRAKT_LETTERBOXD_HOME: home } };
    const serving = runServe(io, {}, { port: 0, host: "127.0.0.1", timezone: "Asia/Tokyo" }, stopped);
    await vi.waitFor(() => expect(out).toMatch(/Open (\S+) in your browser/));
    expect(out).toContain("No Trakt client id: the page converts the data export you download from Trakt");
    const loginUrl = /Open (\S+) in your browser/.exec(out)![1]!;
    const login = await fetch(loginUrl, { redirect: "manual" });
    const cookie = login.headers.get("set-cookie")!.split(";")[0]!;
    const front = await fetch(new URL("/", loginUrl), { headers: { cookie }, redirect: "manual" });
    expect(front.headers.get("location")).toBe("/open");
    expect((await fetch(new URL("/open", loginUrl), { headers: { cookie } })).status).toBe(200);
    // --timezone: the zone of the page's times and its schedule.
    const schedule = (await (await fetch(new URL("/api/schedule", loginUrl), { headers: { cookie } })).json()) as { timeZone: string };
    expect(schedule.timeZone).toBe("Asia/Tokyo");
    stop();
    await serving;
  });
});
