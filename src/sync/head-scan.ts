/**
 * The newest-first scan shared by history and ratings, whose Trakt endpoints serve the
 * latest entries first: read pages from the top, one at a time, store what is new or
 * changed, and stop as soon as the store agrees with Trakt again. "Agrees" is a count:
 * Trakt's X-Pagination-Item-Count minus the entries stored must equal what it was at the
 * last complete sync (the difference is items Trakt counts but never serves, "hidden").
 * Stored entries dated inside the pages read but not served there were removed on
 * Trakt and are deleted. A count that does not square (an entry added with an old date,
 * one removed further back) or pages out of date order keep the scan going, widening
 * to concurrent pages after two, down to the last page if need be; then the store
 * becomes exactly what Trakt served.
 *
 * Known gap: an entry added with an old date and another removed before the pages
 * read, both between two syncs, cancel out in the count (a full sync cures it).
 */
import type { Page, Pages } from "../trakt/index.js";
import type { Store } from "../store/index.js";

export interface HeadScanSpec<T> {
  store: Store;
  /** The endpoint's pages, newest first, `lookahead` pages ahead. */
  pages(lookahead: () => number): Pages<T>;
  /** The entry's key (history id, film's Trakt id). */
  keyOf(item: T): number;
  /** Its time in the endpoint's order (watched_at, rated_at): ISO-8601, compared as text. */
  timeOf(item: T): string;
  /** Whether the store holds this entry exactly as served. */
  isStored(item: T): boolean;
  /** Stores the page's entries (new or changed); returns how many were new or changed. */
  put(items: readonly T[]): number;
  /** Keys of stored entries later than `time`. */
  keysNewerThan(time: string): number[];
  /** Removes every stored entry but those of `keep` (after a whole read); returns how many went. */
  removeAllExcept(keep: ReadonlySet<number>): number;
  remove(keys: readonly number[]): number;
  count(): number;
  signal: AbortSignal | undefined;
  onPage?: (page: Page<T>, seen: number) => void;
}

export interface HeadScanResult {
  added: number;
  removed: number;
  pages: number;
  /** Trakt's item count (page 1's header; entries seen when it sent none). */
  remoteCount: number;
}

/** Pages read one at a time (so a stop wastes no request) before the scan widens. */
const SEQUENTIAL_PAGES = 2;
/** Pages fetched ahead once widened; the client's own concurrency still bounds requests in flight. */
const WIDE_LOOKAHEAD = 4;

/**
 * Runs the scan. `hiddenOffset` is Trakt's count minus the stored count at the last
 * complete sync; undefined means unknown (after a resumed first fetch): stop at the
 * first page holding a stored entry. Every page commits on its own, so an interrupted
 * scan keeps what it stored. The caller records the new counts.
 */
export async function scanHead<T>(spec: HeadScanSpec<T>, hiddenOffset: number | undefined): Promise<HeadScanResult> {
  const { store } = spec;
  const seen = new Set<number>();
  let added = 0;
  let removed = 0;
  let pages = 0;
  let remoteCount: number | undefined;
  let oldest: string | undefined;
  let ordered = true;
  let readAll = false;
  for await (const page of spec.pages(() => (pages < SEQUENTIAL_PAGES ? 1 : WIDE_LOOKAHEAD))) {
    spec.signal?.throwIfAborted();
    pages++;
    remoteCount ??= page.itemCount;
    const frontier = page.items.some((item) => spec.isStored(item));
    for (const item of page.items) {
      const time = spec.timeOf(item);
      if (oldest !== undefined && time > oldest) ordered = false;
      if (oldest === undefined || time < oldest) oldest = time;
      seen.add(spec.keyOf(item));
    }
    store.transaction(() => {
      added += spec.put(page.items);
      if (oldest !== undefined) removed += spec.remove(spec.keysNewerThan(oldest).filter((key) => !seen.has(key)));
    });
    spec.onPage?.(page, seen.size);
    if (page.page >= page.pageCount) {
      readAll = true;
      break;
    }
    if (frontier && ordered && (hiddenOffset === undefined || remoteCount === undefined || remoteCount === hiddenOffset + spec.count())) break;
  }
  if (readAll) store.transaction(() => (removed += spec.removeAllExcept(seen)));
  return { added, removed, pages, remoteCount: remoteCount ?? seen.size };
}
