/**
 * Ratings: Trakt serves them newest first (by `rated_at`; a changed rating gets a new
 * one), so once the store has them all, an update is a head scan like the history's:
 * one changed rating costs one page instead of forty for 10K ratings. Removals are
 * caught by the count, as there. Pages out of date order make the scan read on to the
 * end and mirror wholesale, so a server that sorts otherwise costs requests, never data.
 */
import { countOf, type CollectionContext, type CollectionSyncResult } from "./collections-shared.js";
import { deleteRatings, deleteRatingsExcept, putRatings, readSyncState, replaceRatings, writeSyncState } from "../store/index.js";
import { movieRatingsPages, type RatingItem } from "../trakt/index.js";
import { scanHead } from "./head-scan.js";

export async function syncRatings(ctx: CollectionContext, stamp: string | null): Promise<CollectionSyncResult> {
  const { store } = ctx;
  const state = readSyncState(store, "ratings");
  if (!ctx.whole && stamp !== null && state?.stamp === stamp && state.remoteCount !== null) return { fetched: false, count: countOf(store, "ratings") };

  if (ctx.whole || !state || state.remoteCount === null || state.storedCount === null) {
    const items: RatingItem[] = [];
    let remoteCount: number | undefined;
    for await (const page of movieRatingsPages(ctx.client, ctx.user)) {
      ctx.signal?.throwIfAborted();
      remoteCount ??= page.itemCount;
      items.push(...page.items);
      ctx.onProgress?.({ kind: "ratings", done: items.length, total: page.itemCount });
    }
    store.transaction(() => {
      replaceRatings(store, items);
      writeSyncState(store, "ratings", { stamp, remoteCount: remoteCount ?? items.length, storedCount: countOf(store, "ratings"), floor: null });
    });
    return { fetched: true, count: countOf(store, "ratings") };
  }

  const stored = store.prepare("SELECT 1 FROM ratings WHERE trakt_id = ? AND rating = ? AND rated_at = ?");
  const newerThan = store.prepare("SELECT trakt_id FROM ratings WHERE rated_at > ?");
  const result = await scanHead<RatingItem>(
    {
      store,
      pages: (lookahead) => movieRatingsPages(ctx.client, ctx.user, { lookahead }),
      keyOf: (item) => item.movie.ids.trakt,
      timeOf: (item) => item.rated_at,
      isStored: (item) => stored.get(item.movie.ids.trakt, item.rating, item.rated_at) !== undefined,
      put: (items) => putRatings(store, items),
      keysNewerThan: (time) => (newerThan.all(time) as { trakt_id: number }[]).map((row) => row.trakt_id),
      removeAllExcept: (keep) => deleteRatingsExcept(store, keep),
      remove: (keys) => deleteRatings(store, keys),
      count: () => countOf(store, "ratings"),
      signal: ctx.signal,
      onPage: (page, seen) => ctx.onProgress?.({ kind: "ratings", done: seen, total: page.itemCount }),
    },
    state.remoteCount - state.storedCount,
  );
  store.transaction(() => writeSyncState(store, "ratings", { stamp, remoteCount: result.remoteCount, storedCount: countOf(store, "ratings"), floor: null }));
  return { fetched: true, count: countOf(store, "ratings") };
}
