import type { FetchProgress } from "./progress.js";
import type { Store } from "../store/index.js";
import { collectItems, type Page, type TraktClient } from "../trakt/index.js";

export interface CollectionContext {
  client: TraktClient;
  store: Store;
  user: string | undefined;
  /** Fetch whole even when the stamp did not move (a plain export). */
  whole: boolean;
  signal: AbortSignal | undefined;
  onProgress: ((progress: FetchProgress) => void) | undefined;
}

export type CollectionKind = "ratings" | "watchlist" | "reviews" | "lists";

export interface CollectionSyncResult {
  fetched: boolean;
  /** Items stored after the sync (lists: lists). */
  count: number;
}

const TABLE_OF = { ratings: "ratings", watchlist: "watchlist", reviews: "reviews", lists: "lists" } as const;

export function countOf(store: Store, kind: CollectionKind): number {
  return (store.prepare(`SELECT count(*) AS n FROM ${TABLE_OF[kind]}`).get() as { n: number }).n;
}

/** Every item of `pages`, reporting progress under `kind` (none when undefined); stops on the signal. */
export function collect<T, K extends string>(
  ctx: { signal?: AbortSignal | undefined; onProgress?: ((progress: { kind: K; done: number; total: number | undefined }) => void) | undefined },
  kind: K | undefined,
  pages: AsyncIterable<Page<T>>,
): Promise<T[]> {
  return collectItems(pages, {
    signal: ctx.signal,
    onPage: (done, page) => kind !== undefined && ctx.onProgress?.({ kind, done, total: page.itemCount }),
  });
}
