import { afterEach, describe, expect, it } from "vitest";
import { aliasesForMatching } from "../../src/export/letterboxd-aliases.js";
import { compareWithLetterboxd, filmsForAliases } from "../../src/letterboxd/compare-letterboxd.js";
import { buildLetterboxdExport } from "../../src/letterboxd/index.js";
import type { LetterboxdAccount } from "../../src/letterboxd/letterboxd-account.js";
import { cachedAliases, loadLibrary, METADATA_TTL_MS } from "../../src/store/index.js";
import { syncAliases } from "../../src/sync/aliases.js";
import { syncStore } from "../../src/sync/index.js";
import { requestLines, world, type World } from "./helpers.js";

let w: World | undefined;
afterEach(async () => {
  await w?.close();
  w = undefined;
});

const aliasRequests = (lines: string[]) => lines.filter((line) => line.endsWith("/aliases"));

/** The sample library synced into a store. */
async function synced() {
  w = await world();
  const store = w.open();
  await syncStore({ client: w.client(), store });
  w.takeRequests();
  return { w, store };
}

describe("Trakt's aliases, cached in the store", () => {
  it("asks once per film, drops null titles and repeats, caches a 404 as none, and asks again only once stale", async () => {
    const { w, store } = await synced();
    w.sandbox.injectFault({ path: "/movies/9/aliases", fault: { kind: "status", status: 404 } });
    expect(await syncAliases({ client: w.client(), store, traktIds: [3, 4, 9, 10], ttlMs: METADATA_TTL_MS })).toBe(4);
    expect(aliasRequests(requestLines(w.takeRequests())).sort()).toEqual(["/movies/10/aliases", "/movies/3/aliases", "/movies/4/aliases", "/movies/9/aliases"]);
    expect(Object.fromEntries(cachedAliases(store))).toEqual({
      3: ["Spirited Away", "Le Voyage de Chihiro", "Chihiros Reise ins Zauberland"],
      4: ["Stalker"],
      9: [],
      10: [],
    });

    expect(await syncAliases({ client: w.client(), store, traktIds: [3, 4, 9, 10, 15], ttlMs: METADATA_TTL_MS })).toBe(1);
    expect(aliasRequests(requestLines(w.takeRequests()))).toEqual(["/movies/15/aliases"]);
    await w.clock.sleep(METADATA_TTL_MS + 1);
    expect(await syncAliases({ client: w.client(), store, traktIds: [3], ttlMs: METADATA_TTL_MS })).toBe(1);
    expect(aliasRequests(requestLines(w.takeRequests()))).toEqual(["/movies/3/aliases"]);
  });
});

describe("aliases for matching with a Letterboxd export", () => {
  const entry = (name: string, year: number, watchedDate: string) => ({ name, year, uri: null, date: "2026-11-29", watchedDate, rating: null, rewatch: false, tags: [], review: null });
  // Letterboxd knows two films under their English titles only.
  const letterboxd: LetterboxdAccount = {
    path: "lb.zip",
    diary: [entry("Spirited Away", 2001, "2016-01-10"), entry("Stalker", 1979, "2019-11-02")],
    reviews: [],
    ratings: [],
    watched: [],
    watchlist: [],
    lists: [],
  };

  it("fetches them only for the films the titles and years leave over, and places the renamed films with them", async () => {
    const { w, store } = await synced();
    const rows = buildLetterboxdExport(loadLibrary(store), { timeZone: "Europe/Berlin" });
    const wanted = filmsForAliases(rows, letterboxd);
    expect(wanted).toEqual(expect.arrayContaining([3, 4, 9]));
    expect(wanted.length).toBeLessThan(rows.diary.length / 10);

    // Offline first: the cache is empty, and a warning says so.
    const offline = await aliasesForMatching(rows, letterboxd, { store, client: undefined, offline: "no Trakt login" });
    expect(offline.warnings).toEqual([
      `Trakt's other titles (aliases) of ${wanted.length} films not found on Letterboxd by title and year were not fetched (no Trakt login): they may be there under another title.`,
    ]);
    expect(w.takeRequests()).toEqual([]);

    const online = await aliasesForMatching(rows, letterboxd, { store, client: w.client() });
    expect(online.warnings).toEqual([]);
    expect(aliasRequests(requestLines(w.takeRequests())).sort()).toEqual(wanted.map((id) => `/movies/${id}/aliases`).sort());
    expect(compareWithLetterboxd(rows, letterboxd).counts.found).toBe(0);
    const matched = compareWithLetterboxd(rows, letterboxd, { aliases: online.aliases });
    expect(matched.counts.found).toBe(2);
    // Letterboxd has Stalker's play and Spirited Away's first: only the second is missing.
    expect(matched.films.filter((f) => f.match === "found").map((f) => [f.film.title, f.letterboxd?.name, f.missingDates])).toEqual([
      ["Сталкер", "Stalker", []],
      ["千と千尋の神隠し", "Spirited Away", ["2022-04-03"]],
    ]);

    // Cached now: no request online, no warning offline.
    expect((await aliasesForMatching(rows, letterboxd, { store, client: w.client() })).warnings).toEqual([]);
    expect((await aliasesForMatching(rows, letterboxd, { store, client: undefined })).warnings).toEqual([]);
    expect(w.takeRequests()).toEqual([]);
  });

  it("asks at most so many films a run, the next run asking for the rest", async () => {
    const { w, store } = await synced();
    const rows = buildLetterboxdExport(loadLibrary(store), { timeZone: "Europe/Berlin" });
    const wanted = filmsForAliases(rows, letterboxd);
    const first = await aliasesForMatching(rows, letterboxd, { store, client: w.client(), maxRequests: 2 });
    expect(aliasRequests(requestLines(w.takeRequests()))).toHaveLength(2);
    expect(first.warnings).toEqual([
      `Trakt's other titles (aliases) of ${wanted.length - 2} films not found on Letterboxd by title and year were not fetched (at most 2 films a run: run again for the rest): they may be there under another title.`,
    ]);
    // The next run asks for those still worth it (what the first got may place some and leave fewer near them).
    const next = filmsForAliases(rows, letterboxd, { aliases: first.aliases }).filter((id) => !first.aliases.has(id));
    const second = await aliasesForMatching(rows, letterboxd, { store, client: w.client(), maxRequests: wanted.length });
    expect(second.warnings).toEqual([]);
    expect(aliasRequests(requestLines(w.takeRequests())).sort()).toEqual(next.map((id) => `/movies/${id}/aliases`).sort());
    expect(compareWithLetterboxd(rows, letterboxd, { aliases: second.aliases }).counts.found).toBe(2);
  });

  it("goes on without them, with a warning, when Trakt keeps failing", async () => {
    const { w, store } = await synced();
    const rows = buildLetterboxdExport(loadLibrary(store), { timeZone: "Europe/Berlin" });
    w.sandbox.injectFault({ path: /\/aliases$/, fault: { kind: "status", status: 503 }, times: Infinity });
    const result = await aliasesForMatching(rows, letterboxd, { store, client: w.client() });
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toMatch(/^Trakt's other titles \(aliases\) of \d+ films not found on Letterboxd by title and year were not fetched \(GET .*\/aliases → 503.*\): they may be there under another title\.$/);
    expect(result.aliases.size).toBe(0);
  });
});
