/**
 * Edits of a running sandbox's library as Trakt's own write endpoints would make them:
 * the data changes and the matching `/sync/last_activities` stamps move. Tests, the
 * benchmark and anything that needs "the user watched something since" use these.
 */
import type { SandboxServer } from "./types.js";
import type { Movie, MovieHistoryItem, SandboxLibrary, SandboxUser } from "./library-types.js";

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

