/**
 * Kinds Trakt cannot serve partially (watchlist, reviews, lists): fetched whole when
 * their stamp moved (always for a public profile, which has no stamps) and replaced
 * wholesale with the new stamp in one transaction, so removals and changes mirror and
 * a kill leaves the old data with the old stamp. Ratings have their own head scan
 * (ratings.ts).
 */
import {
  readSyncState,
  replaceLists,
  replaceReviews,
  replaceWatchlist,
  writeSyncState,
  type ListsTable,
  type ListSnapshot,
  type Store,
  type SyncKind,
} from "../store/index.js";
import { listItemsPages, movieReviewsPages, movieWatchlistPages, userListsPages } from "../trakt/index.js";
import { collect, countOf, type CollectionContext, type CollectionKind, type CollectionSyncResult } from "./collections-shared.js";
import { withoutRepeatedReviews } from "./film-items.js";
import { syncRatings } from "./ratings.js";
import { settleAll } from "./settle.js";

export type { CollectionContext, CollectionKind, CollectionSyncResult } from "./collections-shared.js";

/** Syncs one kind when `stamp` (null = unknown) differs from the stored one. */
export async function syncCollection(ctx: CollectionContext, kind: CollectionKind, stamp: string | null): Promise<CollectionSyncResult> {
  if (kind === "ratings") return syncRatings(ctx, stamp);
  const state = readSyncState(ctx.store, kind);
  if (!ctx.whole && stamp !== null && state?.stamp === stamp) return { fetched: false, count: countOf(ctx.store, kind) };
  switch (kind) {
    case "watchlist": {
      const items = await collect(ctx, "watchlist", movieWatchlistPages(ctx.client, ctx.user));
      commit(ctx.store, kind, stamp, () => replaceWatchlist(ctx.store, items));
      return { fetched: true, count: items.length };
    }
    case "reviews": {
      const items = await collect(ctx, "reviews", movieReviewsPages(ctx.client, ctx.user));
      commit(ctx.store, kind, stamp, () => replaceReviews(ctx.store, withoutRepeatedReviews(items)));
      return { fetched: true, count: items.length };
    }
    case "lists": {
      const snapshots = await fetchLists(ctx);
      commit(ctx.store, kind, stamp, () => replaceLists(ctx.store, snapshots));
      return { fetched: true, count: snapshots.length };
    }
  }
}

/** The lists, and the items of each list whose own `updated_at` moved (or is unknown). */
async function fetchLists(ctx: CollectionContext): Promise<ListSnapshot[]> {
  const lists = await collect(ctx, "lists", userListsPages(ctx.client, ctx.user));
  const storedAt = new Map(ctx.store.all<Pick<ListsTable, "trakt_id" | "updated_at">>("SELECT trakt_id, updated_at FROM lists").map((row) => [row.trakt_id, row.updated_at]));
  let done = 0;
  return settleAll(
    lists.map(async (list): Promise<ListSnapshot> => {
      const unchanged = !ctx.whole && list.updated_at != null && storedAt.get(list.ids.trakt) === list.updated_at;
      const items = unchanged ? undefined : await collect(ctx, undefined, listItemsPages(ctx.client, ctx.user, list.ids.trakt));
      ctx.onProgress?.({ kind: "lists", done: ++done, total: lists.length });
      return { list, items };
    }),
  );
}

function commit(store: Store, kind: SyncKind, stamp: string | null, replace: () => void): void {
  store.transaction(() => {
    replace();
    writeSyncState(store, kind, { stamp, remoteCount: null, storedCount: null, floor: null });
  });
}

