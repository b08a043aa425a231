import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  sampleLibrary,
  TRAKT_EXPORT_SECRETS,
  traktExportFiles,
  traktExportName,
  traktExportZip,
  writeTraktExport,
  type SandboxUser,
} from "../../src/sandbox/index.js";

const sam = sampleLibrary().users[0] as SandboxUser;
const decoder = new TextDecoder();
const text = (files: Map<string, Uint8Array>, name: string): string => {
  const bytes = files.get(name);
  if (!bytes) throw new Error(`${name} is missing`);
  return decoder.decode(bytes);
};
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- test-side peeking into free-form rows
const rows = (files: Map<string, Uint8Array>, name: string): any[] => JSON.parse(text(files, name));
const pageNames = (files: Map<string, Uint8Array>, base: string): string[] =>
  [...files.keys()].filter((name) => name === `${base}.json` || new RegExp(`^${base}-\\d+\\.json$`).test(name));
/** Concatenates a base's pages in numeric order (§3: `-10` after `-9`). */
const allRows = (files: Map<string, Uint8Array>, base: string): unknown[] =>
  pageNames(files, base)
    .map((name) => ({ name, page: Number(/-(\d+)\.json$/.exec(name)?.[1] ?? 1) }))
    .sort((a, b) => a.page - b.page)
    .flatMap(({ name }) => rows(files, name));
const visibleHistory = sam.history.filter((h) => !h.hidden);

describe("traktExportFiles, flat layout", () => {
  const files = traktExportFiles(sam);

  it("writes Trakt's base names, fixed files first, then one file per list, slug digits and all", () => {
    expect([...files.keys()]).toEqual([
      "user-settings.json",
      "user-profile.json",
      "user-last-activities.json",
      "user-stats.json",
      "watched-history-1.json",
      "watched-history-2.json",
      "watched-movies.json",
      "watched-shows.json",
      "watched-playback.json",
      "collection-movies.json",
      "collection-shows.json",
      "ratings-movies.json",
      "ratings-shows.json",
      "ratings-seasons.json",
      "ratings-episodes.json",
      "lists-watchlist.json",
      "lists-lists.json",
      "lists-collaborations.json",
      "lists-favorites.json",
      "comments-movies.json",
      "comments-shows.json",
      "comments-seasons.json",
      "comments-episodes.json",
      "comments-lists.json",
      "lists-list-9001-best-of-2024.json",
      "lists-list-9002-comfort-films.json",
    ]);
    expect(traktExportName(sam)).toBe("trakt-export-sandbox-sam.zip");
    const best = rows(files, "lists-list-9001-best-of-2024.json");
    expect(best.map((item) => item.type)).toEqual(["movie", "movie", "show", "movie", "movie", "movie", "movie"]);
    expect(rows(files, "lists-lists.json").map((l) => l.ids.slug)).toEqual(["best-of-2024", "comfort-films"]);
  });

  it("numbers pages only when there are several, numerically, and keeps history newest first with episodes", () => {
    const small = traktExportFiles(sam, { pageSize: 30 });
    const history = pageNames(small, "watched-history");
    expect(history).toHaveLength(Math.ceil((sam.history.length + 2) / 30));
    expect(history).toContain("watched-history-10.json");
    expect(history).not.toContain("watched-history.json");
    expect(pageNames(small, "ratings-movies")[0]).toBe("ratings-movies-1.json");
    expect(small.has("lists-list-9002-comfort-films.json")).toBe(true); // 5 items + a ghost: one page
    const all = allRows(small, "watched-history") as { watched_at: string; type: string }[];
    expect(all).toHaveLength(visibleHistory.length + 2);
    expect(all.some((h) => h.type === "episode")).toBe(true);
    const dates = all.map((h) => h.watched_at);
    expect(dates).toEqual([...dates].sort().reverse());
  });

  it("names the mixed case base.json, base-2.json… and never -1", () => {
    const mixed = traktExportFiles(sam, { pageSize: 100, mixedPages: true });
    expect(pageNames(mixed, "watched-history")).toEqual(["watched-history.json", "watched-history-2.json", "watched-history-3.json", "watched-history-4.json"]);
    expect(pageNames(mixed, "lists-watchlist")).toEqual(["lists-watchlist.json"]);
  });

  it("never writes hidden items nor the hidden key", () => {
    const hiddenIds = sam.history.filter((h) => h.hidden).map((h) => h.id);
    expect(hiddenIds).toHaveLength(3);
    const served = new Set((allRows(files, "watched-history") as { id: number }[]).map((h) => h.id));
    for (const id of hiddenIds) expect(served.has(id)).toBe(false);
    // Hidden rows count in paging: page 1 is short although page 2 follows.
    expect(rows(files, "watched-history-1.json").length).toBeLessThan(250);
    for (const [name, bytes] of files) expect(decoder.decode(bytes), name).not.toContain('"hidden"');
  });

  it("keeps the secrets in user-settings.json only, and writes UTF-8 without a BOM", () => {
    const settings = JSON.parse(text(files, "user-settings.json"));
    expect(settings.account).toMatchObject({ timezone: "Europe/Berlin", email: TRAKT_EXPORT_SECRETS.email, token: TRAKT_EXPORT_SECRETS.token });
    expect(settings.user.birthday).toBe(TRAKT_EXPORT_SECRETS.birthday);
    for (const [name, bytes] of files) {
      expect(bytes[0], name).not.toBe(0xef);
      if (name === "user-settings.json") continue;
      for (const secret of Object.values(TRAKT_EXPORT_SECRETS)) expect(decoder.decode(bytes), name).not.toContain(secret);
    }
    expect(text(files, "lists-list-9001-best-of-2024.json")).toContain("Shōgun");
  });

  it("adds the quirk rows by default and none with quirks: false", () => {
    const history = allRows(files, "watched-history") as { movie?: { title: string | null } | null; watched_at: string; extra?: unknown }[];
    expect(history.filter((h) => h.movie === null)).toHaveLength(1);
    expect(history.filter((h) => h.movie && h.movie.title === null)).toHaveLength(1);
    expect(history.filter((h) => h.extra !== undefined)).toEqual([expect.objectContaining({ extra: { x: 1 } })]);
    const casablanca = history.filter((h) => h.movie?.title === "Casablanca").map((h) => h.watched_at);
    expect(casablanca.sort()).toEqual(["1900-01-01T00:00:00.000Z", "1970-01-01T00:00:00.000Z"]);
    expect(history.at(-1)?.watched_at).toBe("1900-01-01T00:00:00.000Z");
    for (const name of ["ratings-movies.json", "lists-watchlist.json", "lists-list-9001-best-of-2024.json"]) {
      expect(rows(files, name).filter((r) => r.movie === null), name).toHaveLength(1);
    }
    const comments = rows(files, "comments-movies.json");
    const reply = comments.find((c) => c.comment.parent_id !== 0);
    expect(reply.comment).toMatchObject({ review: true, comment: "A reply, not a review" });
    expect(comments.filter((c) => c.movie.ids.trakt === reply.movie.ids.trakt)).toHaveLength(1);
    expect(sam.ratings.some((r) => r.movie.ids.trakt === reply.movie.ids.trakt)).toBe(true);
    const newest = sam.reviews[0]?.comment;
    const copies = comments.filter((c) => c.comment.comment === newest?.comment);
    expect(copies.map((c) => c.comment.created_at)).toEqual([newest?.created_at, "2023-04-01T08:59:45.000Z"]);
    expect(new Set(copies.map((c) => c.comment.id)).size).toBe(2);
    expect(comments.filter((c) => c.comment.review === false).length).toBe(2); // the sample's shout and ours

    const plain = traktExportFiles(sam, { quirks: false });
    for (const [name, bytes] of plain) {
      const body = decoder.decode(bytes);
      expect(body, name).not.toContain('"movie":null');
      expect(body, name).not.toContain('"title":null');
      expect(body, name).not.toContain("1900-01-01");
      expect(body, name).not.toContain('"extra"');
    }
    expect(rows(plain, "comments-movies.json")).toHaveLength(sam.reviews.length + 1);
    expect(allRows(plain, "watched-history")).toHaveLength(visibleHistory.length);
  });

  it("writes pretty JSON on request and compact by default", () => {
    const pretty = traktExportFiles(sam, { pretty: true });
    expect(text(pretty, "user-profile.json")).toContain('{\n  "username": "sandbox-sam"');
    expect(text(files, "watched-history-1.json")).not.toContain("\n");
    expect(rows(pretty, "watched-history-2.json")).toEqual(rows(files, "watched-history-2.json"));
  });

  it("writes _errors.json only when given errors", () => {
    expect(files.has("_errors.json")).toBe(false);
    const errors = [{ endpoint: "users/sandbox-sam/collection/shows?extended=metadata,gdpr", error: "HTTP 404", fetchedPages: 0, totalPages: 0 }];
    expect(rows(traktExportFiles(sam, { errors }), "_errors.json")).toEqual(errors);
    expect(traktExportFiles(sam, { errors, layout: "nested" }).has("_errors.json")).toBe(false);
  });

  it("drops the oldest history pages, numbering as if they never existed", () => {
    const full = traktExportFiles(sam, { pageSize: 100 });
    const cut = traktExportFiles(sam, { pageSize: 100, dropOldestHistoryPages: 2 });
    expect(pageNames(cut, "watched-history")).toEqual(["watched-history-1.json", "watched-history-2.json"]);
    expect(text(cut, "watched-history-2.json")).toBe(text(full, "watched-history-2.json"));
    expect(pageNames(traktExportFiles(sam, { pageSize: 100, dropOldestHistoryPages: 3 }), "watched-history")).toEqual(["watched-history.json"]);
  });

  it("re-zipped exports sit under a top folder with macOS litter", () => {
    const zipped = traktExportFiles(sam, { topFolder: "trakt-export-sandbox-sam", litter: true });
    expect(zipped.has("trakt-export-sandbox-sam/watched-history-1.json")).toBe(true);
    expect(zipped.has("__MACOSX/trakt-export-sandbox-sam/._watched-history.json")).toBe(true);
    expect(zipped.has("trakt-export-sandbox-sam/.DS_Store")).toBe(true);
    expect([...zipped.keys()].filter((name) => !name.startsWith("trakt-export-sandbox-sam/"))).toEqual(["__MACOSX/trakt-export-sandbox-sam/._watched-history.json"]);
  });
});

describe("traktExportFiles, nested layout", () => {
  it("puts history pages, always numbered, and the other files in folders under the username", () => {
    const files = traktExportFiles(sam, { layout: "nested", pageSize: 200 });
    expect([...files.keys()]).toEqual([
      "sandbox-sam/watched/history-1.json",
      "sandbox-sam/watched/history-2.json",
      "sandbox-sam/watched/watched-movies.json",
      "sandbox-sam/ratings/ratings-movies.json",
      "sandbox-sam/lists/watchlist.json",
      "sandbox-sam/lists/lists.json",
      "sandbox-sam/lists/list-9001-best-of-2024.json",
      "sandbox-sam/lists/list-9002-comfort-films.json",
    ]);
    const history = [...rows(files, "sandbox-sam/watched/history-1.json"), ...rows(files, "sandbox-sam/watched/history-2.json")];
    expect(history.every((h) => h.type === "movie")).toBe(true);
    expect(history).toHaveLength(visibleHistory.filter((h) => h.type === "movie").length + 2);
    const onePage = traktExportFiles(sam, { layout: "nested", pageSize: 1000 });
    expect([...onePage.keys()].filter((name) => name.includes("history"))).toEqual(["sandbox-sam/watched/history-1.json"]);
  });
});

describe("traktExportZip and writeTraktExport", () => {
  let dir = "";
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "trakt-export-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("writes a ZIP whose entries are the files map, byte for byte", async () => {
    const target = join(dir, "out", traktExportName(sam));
    await writeTraktExport(sam, target, { pageSize: 100, litter: true, topFolder: "x" });
    const unzipped = Object.entries(unzipSync(new Uint8Array(await readFile(target))));
    const files = traktExportFiles(sam, { pageSize: 100, litter: true, topFolder: "x" });
    expect(unzipped.map(([name]) => name)).toEqual([...files.keys()]);
    for (const [name, bytes] of unzipped) expect(Buffer.from(bytes).equals(files.get(name) ?? new Uint8Array()), name).toBe(true);
    expect(Object.keys(unzipSync(traktExportZip(sam)))).toHaveLength(26);
  });

  it("writes a folder tree with zip: false", async () => {
    const target = join(dir, "tree");
    await writeTraktExport(sam, target, { zip: false, layout: "nested" });
    const ratings = await readFile(join(target, "sandbox-sam", "ratings", "ratings-movies.json"), "utf8");
    expect(ratings).toBe(text(traktExportFiles(sam, { layout: "nested" }), "sandbox-sam/ratings/ratings-movies.json"));
  });
});
