/**
 * History sync. Plays are immutable by history id and Trakt serves the history newest
 * first, so an update is a head scan (head-scan.ts): ten new plays cost one page.
 *
 * A first fetch pages through everything concurrently, committing page by page with a
 * `floor` (every play newer is stored); killed part-way, the next run fetches only
 * plays at or before the floor (`end_at`), then, if the stamp moved meanwhile, the new
 * ones on top. `whole` re-reads everything and mirrors it exactly (after finishing an
 * interrupted fetch, if any): a play added with an old date and another deleted between
 * two head scans leave the counts equal, and only a whole read sees both.
 *
 *   Trakt's history, newest first:
 *     [ new plays | plays already stored ........................ ]  + hidden
 *       └ head scan: pages from the top until Trakt's item count − plays stored
 *         equals the `hidden` offset of the last complete sync (items Trakt counts
 *         but never serves), i.e. until the store agrees with Trakt again.
 *
 *   A first fetch killed part-way:
 *     [ pages stored ............ ] floor [ not read yet ............ ]
 *       └ floor = the oldest watched_at stored; the next run reads `end_at = floor`
 *         (the tail), then a head scan for whatever came on top meanwhile.
 */
import type { FetchProgress } from "./progress.js";
import { addPlays, countPlays, deletePlays, deletePlaysExcept, readSyncState, writeSyncState, type Store, type SyncState } from "../store/index.js";
import { movieHistoryPages, type HistoryItem, type TraktClient } from "../trakt/index.js";
import { scanHead } from "./head-scan.js";

export interface HistorySyncResult {
  /** unchanged: the stamp did not move, nothing fetched. */
  mode: "unchanged" | "full" | "resume" | "incremental";
  added: number;
  removed: number;
  pages: number;
}

export interface HistorySyncContext {
  client: TraktClient;
  store: Store;
  user: string | undefined;
  /** This run's `movies.watched_at` stamp; null = unknown, scan anyway. */
  stamp: string | null;
  /** Re-read the whole history and mirror it exactly (a plain export). */
  whole: boolean;
  signal: AbortSignal | undefined;
  onProgress: ((progress: FetchProgress) => void) | undefined;
}

export async function syncHistory(ctx: HistorySyncContext): Promise<HistorySyncResult> {
  const state = readSyncState(ctx.store, "history");
  if (!ctx.whole && state && state.floor === null && ctx.stamp !== null && state.stamp === ctx.stamp && state.remoteCount !== null) {
    return { mode: "unchanged", added: 0, removed: 0, pages: 0 };
  }
  // An interrupted fetch is finished first, even when a full re-read was asked for: what it stored is not fetched again.
  if (state?.floor) {
    const tail = await fetchAll(ctx, state.floor, state);
    if (tail.complete) return { mode: "resume", added: tail.added, removed: 0, pages: tail.pages };
    const head = await scanHistoryHead(ctx, undefined);
    return { mode: "resume", added: tail.added + head.added, removed: head.removed, pages: tail.pages + head.pages };
  }
  if (ctx.whole || !state || state.remoteCount === null || state.storedCount === null) {
    const { added, removed, pages } = await fetchAll(ctx, undefined, undefined);
    return { mode: "full", added, removed, pages };
  }
  const { added, removed, pages } = await scanHistoryHead(ctx, state.remoteCount - state.storedCount);
  return { mode: "incremental", added, removed, pages };
}

/**
 * Every page (or, resuming `partial`, those at or before `endAt`), concurrently,
 * committed one by one with the floor and the stamp and item count the fetch began
 * with. Without `endAt` the store ends as exactly what Trakt served. A resumed fetch is
 * `complete` when the stamp has not moved since the interrupted one began: nothing was
 * added on top meanwhile, so its item count still holds and no head scan is needed.
 */
async function fetchAll(
  ctx: HistorySyncContext,
  endAt: string | undefined,
  partial: SyncState | undefined,
): Promise<{ added: number; removed: number; pages: number; complete: boolean }> {
  const { store } = ctx;
  const seen = new Set<number>();
  let added = 0;
  let pages = 0;
  let done = 0;
  let remoteCount = partial?.remoteCount ?? undefined;
  let floor = endAt;
  const startStamp = partial === undefined ? ctx.stamp : partial.stamp;
  for await (const page of movieHistoryPages(ctx.client, ctx.user, { endAt })) {
    ctx.signal?.throwIfAborted();
    pages++;
    // The first fetch's page 1 counts the whole history; a resumed one's counts only the tail.
    if (endAt === undefined) remoteCount ??= page.itemCount;
    const oldest = oldestOf(page.items);
    store.transaction(() => {
      added += addPlays(store, page.items);
      if (oldest !== undefined && (floor === undefined || oldest < floor)) floor = oldest;
      writeSyncState(store, "history", { stamp: startStamp, remoteCount: remoteCount ?? null, storedCount: null, floor: floor ?? null });
    });
    for (const item of page.items) seen.add(item.id);
    done += page.items.length;
    ctx.onProgress?.({ kind: "history", done, total: page.itemCount });
  }
  let removed = 0;
  const complete = endAt === undefined || (startStamp !== null && startStamp === ctx.stamp && remoteCount !== undefined);
  store.transaction(() => {
    // A whole history read: what Trakt did not serve is gone (matters for `whole` over a filled store).
    if (endAt === undefined) removed = deletePlaysExcept(store, seen);
    if (complete) writeSyncState(store, "history", { stamp: ctx.stamp, remoteCount: remoteCount ?? seen.size, storedCount: countPlays(store), floor: null });
    // Otherwise the head scan that follows takes the counts.
    else writeSyncState(store, "history", { stamp: null, remoteCount: null, storedCount: null, floor: null });
  });
  return { added, removed, pages, complete };
}

/** The history's head scan (head-scan.ts), then its counts recorded with this run's stamp. */
async function scanHistoryHead(ctx: HistorySyncContext, hiddenOffset: number | undefined): Promise<{ added: number; removed: number; pages: number }> {
  const { store } = ctx;
  const exists = store.prepare("SELECT 1 FROM plays WHERE history_id = ?");
  const newerThan = store.prepare("SELECT history_id FROM plays WHERE watched_at > ?");
  const result = await scanHead<HistoryItem>(
    {
      store,
      pages: (lookahead) => movieHistoryPages(ctx.client, ctx.user, { lookahead }),
      keyOf: (item) => item.id,
      timeOf: (item) => item.watched_at,
      isStored: (item) => exists.get(item.id) !== undefined,
      put: (items) => addPlays(store, items),
      keysNewerThan: (time) => (newerThan.all(time) as { history_id: number }[]).map((row) => row.history_id),
      removeAllExcept: (keep) => deletePlaysExcept(store, keep),
      remove: (keys) => deletePlays(store, keys),
      count: () => countPlays(store),
      signal: ctx.signal,
      onPage: (page, seen) => ctx.onProgress?.({ kind: "history", done: seen, total: page.itemCount }),
    },
    hiddenOffset,
  );
  store.transaction(() => writeSyncState(store, "history", { stamp: ctx.stamp, remoteCount: result.remoteCount, storedCount: countPlays(store), floor: null }));
  return result;
}

function oldestOf(items: readonly HistoryItem[]): string | undefined {
  let oldest: string | undefined;
  for (const item of items) if (oldest === undefined || item.watched_at < oldest) oldest = item.watched_at;
  return oldest;
}
