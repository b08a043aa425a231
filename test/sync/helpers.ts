/**
 * A real store in a temp folder and a client logged in to the real sandbox over HTTP,
 * plus edits of the sandbox library that move `last_activities` as Trakt would.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { MovieHistoryItem, SandboxLibrary, SandboxServer, SandboxUser, Movie } from "../../src/sandbox/index.js";
import { startSandbox, sampleLibrary } from "../../src/sandbox/index.js";
import { openStore, type Store } from "../../src/store/index.js";
import { AuthSession, MemoryTokenStore, type TraktClient } from "../../src/trakt/index.js";
import { testClient } from "../trakt/helpers/client.js";
import { fakeClock, type FakeClock } from "../trakt/helpers/fake-clock.js";

export interface World {
  sandbox: SandboxServer;
  /** Shared by the sandbox, the clients and the store; its sleep advances it. */
  clock: FakeClock;
  library: SandboxLibrary;
  /** A fresh client (request counts start at 0) for the logged-in owner. */
  client(): TraktClient;
  /** A client with no login, for public profiles. */
  anonymousClient(): TraktClient;
  storePath: string;
  open(): Store;
  /** Requests the sandbox saw since the last call. */
  takeRequests(): SandboxServer["requests"];
  close(): Promise<void>;
}

export async function world(library: SandboxLibrary = sampleLibrary()): Promise<World> {
  const clock = fakeClock(Date.parse("2026-11-01T00:00:00Z"));
  const sandbox = await startSandbox({ library, now: clock.now });
  const dir = mkdtempSync(join(tmpdir(), "tl-store-"));
  const storePath = join(dir, "store.sqlite");
  const token = sandbox.issueToken();
  const stores: Store[] = [];
  let taken = 0;
  const options = { clientId: sandbox.clientId, clientSecret: sandbox.clientSecret };
  return {
    sandbox,
    clock,
    library,
    storePath,
    client: () => testClient(sandbox.url, { ...options, session: new AuthSession({ store: new MemoryTokenStore(token) }) }, clock).client,
    anonymousClient: () => testClient(sandbox.url, options, clock).client,
    open: () => {
      const store = openStore(storePath, { now: clock.now });
      stores.push(store);
      return store;
    },
    takeRequests: () => {
      const fresh = sandbox.requests.slice(taken);
      taken = sandbox.requests.length;
      return fresh;
    },
    close: async () => {
      for (const store of stores) store.close();
      await sandbox.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

let stampCounter = 0;
/** A `last_activities` time later than every earlier one. */
export function nextStamp(): string {
  stampCounter++;
  return new Date(Date.parse("2026-11-01T00:00:00Z") + stampCounter * 60_000).toISOString();
}

export function sam(library: SandboxLibrary): SandboxUser {
  const user = library.users[0];
  if (!user) throw new Error("no sandbox user");
  return user;
}

export function movie(library: SandboxLibrary, traktId: number): Movie {
  const entry = library.catalog.find((e) => e.movie.ids.trakt === traktId);
  if (!entry) throw new Error(`no film ${traktId}`);
  const { title, year, ids } = entry.movie;
  return { title, year, ids };
}

const byNewest = (a: { watched_at: string; id: number }, b: { watched_at: string; id: number }) =>
  a.watched_at < b.watched_at ? 1 : a.watched_at > b.watched_at ? -1 : b.id - a.id;

let nextHistoryId = 9_000_000_000;
/** Adds plays (newest-first order kept) and moves `movies.watched_at`; returns their history ids. */
export function addPlays(sandbox: SandboxServer, plays: { traktId: number; watchedAt: string }[]): number[] {
  const ids: number[] = [];
  sandbox.mutate((library) => {
    const user = sam(library);
    for (const { traktId, watchedAt } of plays) {
      const item: MovieHistoryItem = { id: nextHistoryId++, watched_at: watchedAt, action: "watch", type: "movie", movie: movie(library, traktId) };
      ids.push(item.id);
      user.history.push(item);
    }
    user.history.sort(byNewest);
    user.last_activities.movies.watched_at = nextStamp();
  });
  return ids;
}

export function removePlay(sandbox: SandboxServer, historyId: number): void {
  sandbox.mutate((library) => {
    const user = sam(library);
    user.history = user.history.filter((item) => item.id !== historyId);
    user.last_activities.movies.watched_at = nextStamp();
  });
}

export function setRating(sandbox: SandboxServer, traktId: number, rating: number): void {
  sandbox.mutate((library) => {
    const user = sam(library);
    const stamp = nextStamp();
    user.ratings = [{ rated_at: stamp, rating, type: "movie" as const, movie: movie(library, traktId) }, ...user.ratings.filter((r) => r.movie.ids.trakt !== traktId)];
    user.last_activities.movies.rated_at = stamp;
  });
}

export function addToWatchlist(sandbox: SandboxServer, traktId: number): void {
  sandbox.mutate((library) => {
    const user = sam(library);
    const stamp = nextStamp();
    const rank = user.watchlist.length + 1;
    user.watchlist.push({ rank, id: 7_500_000 + traktId, listed_at: stamp, notes: null, type: "movie", movie: movie(library, traktId) });
    user.last_activities.movies.watchlisted_at = stamp;
    user.last_activities.watchlist.updated_at = stamp;
  });
}

export function removeFromWatchlist(sandbox: SandboxServer, traktId: number): void {
  sandbox.mutate((library) => {
    const user = sam(library);
    user.watchlist = user.watchlist.filter((w) => w.movie.ids.trakt !== traktId);
    user.last_activities.watchlist.updated_at = nextStamp();
  });
}

/** Paths of API requests (OAuth left out), with their page query when there is one. */
export function requestLines(requests: SandboxServer["requests"]): string[] {
  return requests.map((r) => `${r.path}${r.query.page ? `?page=${r.query.page}` : ""}${r.query.end_at ? `&end_at=${r.query.end_at}` : ""}`);
}
