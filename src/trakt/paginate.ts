/**
 * Pagination as an async generator over pages (octokit plugin-paginate-rest's shape).
 * Trakt can return a page shorter than `limit` while more pages follow (hidden items are
 * dropped after paging), so the only stop signal is `X-Pagination-Page-Count`; a response
 * without pagination headers is the only page (TRAKT-API.md "Pagination").
 */

/** Trakt's largest page; bigger limits are silently cut to it. */
export const PAGE_LIMIT = 250;

export interface PaginationHeaders {
  pageCount: number | undefined;
  itemCount: number | undefined;
}

export interface FetchedPage<T> extends PaginationHeaders {
  /** The page's items, made when the page is yielded, not when it arrives (client.ts keeps pages fetched ahead as bytes). */
  readItems(): T[];
}

/** One page as the generator yields it and `onPage` sees it. */
export interface Page<T> {
  /** 1-based. */
  page: number;
  /** Pages in all, as Trakt last said (1 when it did not say). */
  pageCount: number;
  /** Items in all, as Trakt said; undefined when it did not say. */
  itemCount: number | undefined;
  /** This page's items (possibly fewer than the limit, even mid-way). */
  items: T[];
}

export interface PaginateOptions<T> {
  /**
   * Pages fetched ahead of the one being consumed. The client passes its concurrency. A
   * function is asked before each page, so a caller can page one at a time while it may
   * stop early and widen once it knows it reads on (incremental history sync).
   */
  lookahead: number | (() => number);
  /** Progress, called in page order just before each page is yielded. */
  onPage?: (info: Page<T>) => void;
}

function headerNumber(headers: Headers, name: string): number | undefined {
  const value = headers.get(name);
  if (value === null || !/^\d+$/.test(value.trim())) return undefined;
  return Number(value);
}

export function parsePaginationHeaders(headers: Headers): PaginationHeaders {
  return {
    pageCount: headerNumber(headers, "x-pagination-page-count"),
    itemCount: headerNumber(headers, "x-pagination-item-count"),
  };
}

/**
 * Fetches page 1, then the remaining pages it announces, up to `lookahead` at a time
 * (the client's queue bounds real concurrency), and yields them in page order. Stopping
 * early (`break`, a throw) waits for the at most `lookahead` requests still running and
 * drops their results.
 */
export async function* paginate<T>(fetchPage: (page: number) => Promise<FetchedPage<T>>, options: PaginateOptions<T>): AsyncGenerator<Page<T>, void, undefined> {
  const first = await fetchPage(1);
  let pageCount = first.pageCount ?? 1;
  const pending = new Map<number, Promise<FetchedPage<T>>>();
  let nextToStart = 2;
  const toPage = (page: number, fetched: FetchedPage<T>): Page<T> => {
    // Items added while we page can grow the count; never shrink it under pages already promised.
    if (fetched.pageCount !== undefined && fetched.pageCount > pageCount) pageCount = fetched.pageCount;
    const info = { page, pageCount, itemCount: fetched.itemCount ?? first.itemCount, items: fetched.readItems() };
    options.onPage?.(info);
    return info;
  };
  try {
    yield toPage(1, first);
    for (let page = 2; page <= pageCount; page++) {
      const lookahead = typeof options.lookahead === "function" ? options.lookahead() : options.lookahead;
      while (nextToStart <= pageCount && pending.size < Math.max(1, lookahead)) {
        const request = fetchPage(nextToStart);
        // Failures surface when their page is awaited; this only stops "unhandled rejection" after an early stop.
        request.catch(() => undefined);
        pending.set(nextToStart++, request);
      }
      const request = pending.get(page) as Promise<FetchedPage<T>>;
      pending.delete(page);
      yield toPage(page, await request);
    }
  } finally {
    // Let the pages still in flight settle (results dropped), so no request outlives the loop:
    // a caller that stops or fails and then closes its store or exits leaves nothing running.
    await Promise.allSettled(pending.values());
    pending.clear();
  }
}

/** All items of all pages, in order. For callers that do not stream. */
export async function collectItems<T>(
  pages: AsyncIterable<Page<T>>,
  options: { signal?: AbortSignal; onPage?: (collected: number, page: Page<T>) => void } = {},
): Promise<T[]> {
  const items: T[] = [];
  for await (const page of pages) {
    options.signal?.throwIfAborted();
    items.push(...page.items);
    options.onPage?.(items.length, page);
  }
  return items;
}
