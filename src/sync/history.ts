/**
 * History sync. Plays are immutable by history id, and Trakt serves the history newest
 * first, so new plays are at the top: read pages one at a time and stop as soon as the
 * store agrees with Trakt again. "Agrees" is a count: Trakt's X-Pagination-Item-Count
 * minus the plays stored must equal what it was after the last complete sync (the
 * difference is items Trakt counts but never serves, "hidden"). Plays stored with a
 * date inside the pages read but not served there were removed on Trakt and are
 * deleted. A count that does not square (a play added with an old date, one removed
 * further back) keeps the scan going, widening to concurrent pages after two, down to
 * the last page if need be; then the store becomes exactly what Trakt served.
 *
 * A first fetch pages through everything concurrently, committing page by page with a
 * `floor` (every play newer is stored); killed part-way, the next run fetches only
 * plays at or before the floor (`end_at`), then the new ones on top.
 *
 * Known gap: a play added with an old date plus another removed before the pages read,
 * both between two syncs, cancel out in the count; `full: true` re-reads everything.
 */
import type { FetchProgress } from "../export/fetch-library.js";
import { addPlays, countPlays, deletePlays, readSyncState, writeSyncState, type Store } from "../store/index.js";
import { movieHistoryPages, type HistoryItem, type TraktClient } from "../trakt/index.js";

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
  /** Re-read the whole history and mirror it exactly. */
  full: boolean;
  signal: AbortSignal | undefined;
  onProgress: ((progress: FetchProgress) => void) | undefined;
}

/** Pages read one at a time (so a stop wastes no request) before the scan widens. */
const SEQUENTIAL_PAGES = 2;
/** Pages fetched ahead once widened; the client's own concurrency still bounds requests in flight. */
const WIDE_LOOKAHEAD = 4;

export async function syncHistory(ctx: HistorySyncContext): Promise<HistorySyncResult> {
  const state = readSyncState(ctx.store, "history");
  if (!ctx.full && state && state.floor === null && ctx.stamp !== null && state.stamp === ctx.stamp && state.remoteCount !== null) {
    return { mode: "unchanged", added: 0, removed: 0, pages: 0 };
  }
  if (!ctx.full && state?.floor) {
    const tail = await fetchAll(ctx, state.floor);
    const head = await scanHead(ctx, undefined);
    return { mode: "resume", added: tail.added + head.added, removed: head.removed, pages: tail.pages + head.pages };
  }
  if (ctx.full || !state || state.remoteCount === null || state.storedCount === null) {
    return { mode: "full", ...(await fetchAll(ctx, undefined)) };
  }
  return { mode: "incremental", ...(await scanHead(ctx, state.remoteCount - state.storedCount)) };
}

/**
 * Every page (or those at or before `endAt`), concurrently, committed one by one with
 * the floor. Without `endAt` the store ends as exactly what Trakt served.
 */
async function fetchAll(ctx: HistorySyncContext, endAt: string | undefined): Promise<{ added: number; removed: number; pages: number }> {
  const { store } = ctx;
  const seen = new Set<number>();
  let added = 0;
  let pages = 0;
  let done = 0;
  let remoteCount: number | undefined;
  let floor = endAt;
  for await (const page of movieHistoryPages(ctx.client, ctx.user, { endAt })) {
    ctx.signal?.throwIfAborted();
    pages++;
    remoteCount ??= page.itemCount;
    const oldest = oldestOf(page.items);
    store.transaction(() => {
      added += addPlays(store, page.items);
      if (oldest !== undefined && (floor === undefined || oldest < floor)) floor = oldest;
      writeSyncState(store, "history", { stamp: null, remoteCount: null, storedCount: null, floor: floor ?? null });
    });
    for (const item of page.items) seen.add(item.id);
    done += page.items.length;
    ctx.onProgress?.({ kind: "history", done, total: page.itemCount });
  }
  let removed = 0;
  store.transaction(() => {
    if (endAt === undefined) {
      // A whole history read: what Trakt did not serve is gone (matters for `full` over a filled store).
      removed = deletePlays(store, storedIds(store).filter((id) => !seen.has(id)));
      writeSyncState(store, "history", { stamp: ctx.stamp, remoteCount: remoteCount ?? seen.size, storedCount: countPlays(store), floor: null });
    } else {
      // The tail is in; the head scan that follows sets the counts.
      writeSyncState(store, "history", { stamp: null, remoteCount: null, storedCount: null, floor: null });
    }
  });
  return { added, removed, pages };
}

/**
 * Reads from the top until the store agrees with Trakt (see the file comment).
 * `hiddenOffset` undefined (after a resumed first fetch) means "not known yet": stop at
 * the first page holding a stored play and take the offset from there.
 */
async function scanHead(ctx: HistorySyncContext, hiddenOffset: number | undefined): Promise<{ added: number; removed: number; pages: number }> {
  const { store, client } = ctx;
  const exists = store.prepare("SELECT 1 FROM plays WHERE history_id = ?");
  const newerThan = store.prepare("SELECT history_id FROM plays WHERE watched_at > ?");
  const seen = new Set<number>();
  let added = 0;
  let removed = 0;
  let pages = 0;
  let remoteCount: number | undefined;
  let oldest: string | undefined;
  let readAll = false;
  const lookahead = () => (pages < SEQUENTIAL_PAGES ? 1 : WIDE_LOOKAHEAD);
  for await (const page of movieHistoryPages(client, ctx.user, { lookahead })) {
    ctx.signal?.throwIfAborted();
    pages++;
    remoteCount ??= page.itemCount;
    const frontier = page.items.some((item) => exists.get(item.id) !== undefined);
    const pageOldest = oldestOf(page.items);
    if (pageOldest !== undefined && (oldest === undefined || pageOldest < oldest)) oldest = pageOldest;
    for (const item of page.items) seen.add(item.id);
    store.transaction(() => {
      added += addPlays(store, page.items);
      if (oldest !== undefined) {
        const gone = (newerThan.all(oldest) as { history_id: number }[]).map((row) => row.history_id).filter((id) => !seen.has(id));
        removed += deletePlays(store, gone);
      }
    });
    ctx.onProgress?.({ kind: "history", done: seen.size, total: page.itemCount });
    if (page.page >= page.pageCount) {
      readAll = true;
      break;
    }
    if (frontier && (hiddenOffset === undefined || remoteCount === undefined || remoteCount === hiddenOffset + countPlays(store))) break;
  }
  store.transaction(() => {
    if (readAll) removed += deletePlays(store, storedIds(store).filter((id) => !seen.has(id)));
    writeSyncState(store, "history", { stamp: ctx.stamp, remoteCount: remoteCount ?? seen.size, storedCount: countPlays(store), floor: null });
  });
  return { added, removed, pages };
}

function oldestOf(items: readonly HistoryItem[]): string | undefined {
  let oldest: string | undefined;
  for (const item of items) if (oldest === undefined || item.watched_at < oldest) oldest = item.watched_at;
  return oldest;
}

function storedIds(store: Store): number[] {
  return (store.prepare("SELECT history_id FROM plays").all() as { history_id: number }[]).map((row) => row.history_id);
}
