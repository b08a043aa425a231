import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { StoreError } from "../../src/errors.js";
import {
  SCHEMA_VERSION,
  addPlays,
  cachedDirectors,
  filmsNeedingPeople,
  loadLibrary,
  migrate,
  openStore,
  putPeople,
  replaceLists,
  replaceRatings,
  replaceReviews,
  replaceWatchlist,
  type Store,
} from "../../src/store/index.js";
import type { HistoryItem, TraktMovie } from "../../src/trakt/index.js";

const dirs: string[] = [];
const stores: Store[] = [];
afterEach(() => {
  for (const store of stores.splice(0)) store.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempPath(): string {
  const dir = mkdtempSync(join(tmpdir(), "tl-store-"));
  dirs.push(dir);
  return join(dir, "nested", "store.sqlite");
}

function open(path: string, now = () => Date.parse("2026-11-01T00:00:00Z")): Store {
  const store = openStore(path, { now });
  stores.push(store);
  return store;
}

const movie = (trakt: number, ids: Partial<TraktMovie["ids"]> = {}): TraktMovie => ({
  title: `Film ${trakt}`,
  year: 2000,
  ids: { trakt, slug: `film-${trakt}`, imdb: `tt${trakt}`, tmdb: trakt, ...ids },
});
const play = (id: number, trakt: number, watchedAt: string): HistoryItem => ({ id, watched_at: watchedAt, action: "watch", type: "movie", movie: movie(trakt) });

describe("openStore and migrations", () => {
  it("creates a WAL store at the latest schema version, with foreign keys on", () => {
    const store = open(tempPath());
    expect(store.db.pragma("user_version", { simple: true })).toBe(SCHEMA_VERSION);
    expect(store.db.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(store.db.pragma("foreign_keys", { simple: true })).toBe(1);
    expect(() => store.db.prepare("INSERT INTO plays (history_id, trakt_id, watched_at, action) VALUES (1, 999, 'x', 'watch')").run()).toThrow(/FOREIGN KEY/);
  });

  it("upgrades a version 1 store to the latest, keeping its data", () => {
    const path = tempPath();
    const v1 = open(path);
    v1.close();
    // Rebuild the file as version 1 made it.
    rmSync(path);
    const db = new Database(path);
    migrate(db, 1);
    expect(db.pragma("user_version", { simple: true })).toBe(1);
    db.prepare("INSERT INTO films (trakt_id, title, year, imdb, tmdb, slug) VALUES (8, 'Grandpa''s Reels', 1994, NULL, NULL, 'g')").run();
    db.prepare("INSERT INTO plays (history_id, trakt_id, watched_at, action) VALUES (77, 8, '2019-07-14T17:00:00.000Z', 'watch')").run();
    expect(() => db.prepare("SELECT * FROM film_metadata").all()).toThrow(/no such table/);
    db.close();

    const store = open(path);
    expect(store.db.pragma("user_version", { simple: true })).toBe(SCHEMA_VERSION);
    const plays = [...loadLibrary(store).plays].map(({ historyId, traktId, watchedAt, watchedMs }) => ({ historyId, traktId, watchedAt, watchedMs }));
    expect(plays).toEqual([{ historyId: 77, traktId: 8, watchedAt: "2019-07-14T17:00:00.000Z", watchedMs: Date.parse("2019-07-14T17:00:00.000Z") }]);
    putPeople(store, 8, ["Harold Lindqvist"]);
    expect(cachedDirectors(store).get(8)).toEqual(["Harold Lindqvist"]);
    const indexes = store.db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name = 'plays_by_film'").all();
    expect(indexes).toHaveLength(1);
  });

  it("converts the times a version 3 store kept as Trakt sent them into one canonical form", () => {
    const path = tempPath();
    open(path).close();
    rmSync(path);
    const db = new Database(path);
    migrate(db, 3);
    db.prepare("INSERT INTO films (trakt_id, title, year, imdb, tmdb, slug) VALUES (8, 'Reels', 1994, NULL, NULL, 'g')").run();
    const plays: [number, string][] = [
      [1, "2019-07-14T17:00:00Z"],
      [2, "2019-07-14T19:30:00+02:00"],
      [3, "2019-07-14T17:00:00.000Z"],
      [4, "1970-01-01T00:00:00Z"],
      [5, "not a time"],
    ];
    for (const [id, at] of plays) db.prepare("INSERT INTO plays (history_id, trakt_id, watched_at, action) VALUES (?, 8, ?, 'watch')").run(id, at);
    db.prepare("INSERT INTO ratings (trakt_id, rating, rated_at) VALUES (8, 7, '2020-01-05T21:00:00+00:00')").run();
    db.close();

    const store = open(path);
    const stored = store.db.prepare("SELECT history_id, watched_at FROM plays ORDER BY history_id").all();
    expect(stored).toEqual([
      { history_id: 1, watched_at: "2019-07-14T17:00:00.000Z" },
      { history_id: 2, watched_at: "2019-07-14T17:30:00.000Z" },
      { history_id: 3, watched_at: "2019-07-14T17:00:00.000Z" },
      { history_id: 4, watched_at: "1970-01-01T00:00:00.000Z" },
      { history_id: 5, watched_at: "not a time" },
    ]);
    expect(store.db.prepare("SELECT rated_at FROM ratings").get()).toEqual({ rated_at: "2020-01-05T21:00:00.000Z" });
  });

  it("refuses a store made by a newer version of the tool", () => {
    const path = tempPath();
    open(path).close();
    const db = new Database(path);
    db.pragma("user_version = 99");
    db.close();
    expect(() => open(path)).toThrow(StoreError);
  });
});

describe("writes", () => {
  // Its speed is the bench's to measure; a test on a busy machine cannot.
  it("stores 100K plays in one transaction", () => {
    const store = open(tempPath());
    const items: HistoryItem[] = [];
    for (let i = 0; i < 100_000; i++) items.push(play(1_000_000 + i, 1 + (i % 25_000), new Date(Date.UTC(2015, 0, 1) + i * 3_600_000).toISOString()));
    store.transaction(() => addPlays(store, items));
    expect([...loadLibrary(store).plays]).toHaveLength(100_000);
  });

  it("rolls a failed transaction back whole", () => {
    const store = open(tempPath());
    expect(() =>
      store.transaction(() => {
        addPlays(store, [play(1, 1, "2024-01-01T00:00:00.000Z")]);
        throw new Error("crash");
      }),
    ).toThrow("crash");
    expect([...loadLibrary(store).plays]).toEqual([]);
    expect(loadLibrary(store).films.size).toBe(0);
  });

  it("replaces kinds wholesale and loads them back as the mapping's Library", () => {
    const store = open(tempPath());
    store.transaction(() => {
      addPlays(store, [play(1, 1, "2024-01-01T00:00:00.000Z"), { ...play(2, 2, "2024-01-02T00:00:00.000Z"), action: "unknown-action" }]);
      replaceRatings(store, [{ rated_at: "2024-01-01T00:00:00.000Z", rating: 8, type: "movie", movie: movie(1) }]);
      replaceRatings(store, [{ rated_at: "2024-02-01T00:00:00.000Z", rating: 6, type: "movie", movie: movie(3, { imdb: "", tmdb: null }) }]);
      replaceWatchlist(store, [{ rank: 1, id: 5, listed_at: "2024-01-01T00:00:00.000Z", notes: "n", type: "movie", movie: movie(4) }]);
      replaceReviews(store, [
        { type: "movie", movie: movie(1), comment: { id: 10, comment: "Good", spoiler: true, review: true, created_at: "a", updated_at: "b", user_rating: null } },
      ]);
      replaceLists(store, [
        {
          list: { name: "B", description: null, updated_at: "u", ids: { trakt: 2, slug: "b" } },
          items: [{ rank: 1, id: 1, listed_at: "x", notes: null, type: "movie", movie: movie(1) }],
        },
        { list: { name: "A", description: "d", updated_at: "u", ids: { trakt: 1, slug: "a" } }, items: [] },
      ]);
    });
    putPeople(store, 3, ["Someone"]);
    const library = loadLibrary(store);
    expect([...library.plays].map((p) => p.historyId)).toEqual([1]);
    expect(library.ratings).toEqual([{ traktId: 3, rating: 6, ratedAt: "2024-02-01T00:00:00.000Z" }]);
    expect(library.films.get(3)).toMatchObject({ imdb: null, tmdb: null, directors: ["Someone"] });
    expect(library.films.get(1)?.directors).toBeUndefined();
    expect(library.watchlist).toEqual([{ traktId: 4, rank: 1, listedAt: "2024-01-01T00:00:00.000Z", notes: "n" }]);
    expect(library.reviews).toEqual([{ traktId: 1, commentId: 10, text: "Good", spoiler: true, createdAt: "a", updatedAt: "b" }]);
    expect(library.lists.map((l) => [l.slug, l.items.length])).toEqual([["a", 0], ["b", 1]]);

    // A list missing from the next snapshot goes, with its items; `items: undefined` keeps a list's items.
    store.transaction(() => replaceLists(store, [{ list: { name: "B2", description: null, updated_at: "u", ids: { trakt: 2, slug: "b" } }, items: undefined }]));
    expect(loadLibrary(store).lists).toEqual([{ traktId: 2, slug: "b", name: "B2", description: null, items: [{ traktId: 1, rank: 1, listedAt: "x", notes: null }] }]);
  });

  it("asks for directors again only once the cached ones are older than the time-to-live", () => {
    let now = Date.parse("2026-11-01T00:00:00Z");
    const store = open(tempPath(), () => now);
    store.transaction(() => addPlays(store, [{ ...play(1, 8, "2024-01-01T00:00:00.000Z"), movie: movie(8, { imdb: null, tmdb: null }) }]));
    expect(filmsNeedingPeople(store, 1000)).toEqual([8]);
    putPeople(store, 8, ["A"]);
    expect(filmsNeedingPeople(store, 1000)).toEqual([]);
    now += 1001;
    expect(filmsNeedingPeople(store, 1000)).toEqual([8]);
  });
});
