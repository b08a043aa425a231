import { filmOrWarn } from "./film-facts.js";
import type { Library } from "./library.js";
import type { Warn, WatchlistRow } from "./rows.js";

/** The watchlist in Trakt's rank order (ties by Trakt id, so the order is stable). */
export function buildWatchlist(library: Library, options: { warn?: Warn } = {}): WatchlistRow[] {
  const warn = options.warn ?? (() => undefined);
  const rows: WatchlistRow[] = [];
  for (const entry of library.watchlist) {
    const film = filmOrWarn(library, entry.traktId, `Watchlist entry (rank ${entry.rank})`, warn);
    if (film !== undefined) rows.push({ film, rank: entry.rank });
  }
  return rows.sort((a, b) => a.rank - b.rank || a.film.traktId - b.film.traktId);
}
