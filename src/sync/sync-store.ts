import { StoreError } from "../errors.js";
import type { FetchKind, FetchProgress } from "./progress.js";
import { METADATA_TTL_MS, readAccount, readSyncState, setAccount, setMeta, writeSyncState, type Store } from "../store/index.js";
import { getLastActivities, getUserSettings, type LastActivities, type TraktClient } from "../trakt/index.js";
import { activityStamp } from "./activities.js";
import { syncCollection, type CollectionKind, type CollectionSyncResult } from "./collections.js";
import { syncDirectors } from "./directors.js";
import { syncEnrichment } from "./enrich.js";
import { syncHistory, type HistorySyncResult } from "./history.js";
import { settleAll } from "./settle.js";

export interface SyncOptions {
  client: TraktClient;
  store: Store;
  /**
   * A public profile's username or slug, read with the client id only. Undefined = the
   * logged-in user. A public profile has no `/sync/last_activities`, so its ratings,
   * watchlist, reviews and list index are fetched whole every time (a handful of
   * pages), lists' items only when a list's own `updated_at` moved, and the history by
   * the same head scan as one's own (one page when nothing is new).
   */
  user?: string;
  /** What to sync; default everything. Directors are fetched only when `directors` is in. */
  kinds?: ReadonlySet<FetchKind>;
  /**
   * Read every kind whole and mirror it exactly, whatever the stamps say (CONTRACT.md "A
   * plain export mirrors Trakt"): the whole history (the cure for the gap noted in
   * history.ts), ratings without the head scan, the watchlist, reviews, and every list's
   * items. Default false: trust `/sync/last_activities` (incremental exports, backups).
   */
  whole?: boolean;
  /** How long cached directors stay fresh. Default METADATA_TTL_MS (30 days). */
  metadataTtlMs?: number;
  /** `/sync/last_activities` already fetched by the caller this run (a backup), so it is not asked for twice. */
  activities?: LastActivities;
  /** Stops between pages; what was committed stays. */
  signal?: AbortSignal;
  onProgress?: (progress: FetchProgress) => void;
}

export interface SyncResult {
  /** The account the store mirrors. */
  username: string;
  /** From `/users/settings`; null for a public profile. */
  timeZone: string | null;
  history: HistorySyncResult | undefined;
  /** Per kind synced: whether it was fetched, and how many items the store holds. */
  collections: Partial<Record<CollectionKind, CollectionSyncResult>>;
  /** Id-less films whose directors were asked of Trakt. */
  directorsFetched: number;
  /** Id-less films looked up for ids, year and original title (src/sync/enrich.ts). */
  filmsEnriched: number;
  /** HTTP requests this sync sent (client.stats difference). */
  requests: number;
  /** The `/sync/last_activities` this sync worked from (undefined for a public profile). */
  activities: LastActivities | undefined;
}

const ALL_KINDS: ReadonlySet<FetchKind> = new Set(["history", "ratings", "watchlist", "lists", "reviews", "directors"]);
const COLLECTIONS: readonly CollectionKind[] = ["ratings", "watchlist", "reviews", "lists"];

/**
 * Brings the store up to date with Trakt, fetching only what changed: first
 * `/sync/last_activities`, then each kind whose stamp moved (history by a head scan,
 * the others whole), then directors missing from the metadata cache. Every kind
 * commits its data with its new stamp in one transaction, so a kill at any moment
 * loses nothing stored and the next run fetches only what is still missing.
 */
export async function syncStore(options: SyncOptions): Promise<SyncResult> {
  const { client, store, user } = options;
  const kinds = options.kinds ?? ALL_KINDS;
  const requestsBefore = client.stats.requests;
  const progress = finishingProgress(options.onProgress);
  const context = { client, store, user, whole: options.whole === true, signal: options.signal, onProgress: progress.report };

  const activities = user === undefined ? (options.activities ?? (await getLastActivities(client))) : undefined;
  const account = user === undefined ? await syncOwnAccount(store, client, activities) : publicAccount(store, user);

  let history: HistorySyncResult | undefined;
  const collections: SyncResult["collections"] = {};
  const jobs: Promise<unknown>[] = [];
  if (kinds.has("history")) {
    jobs.push(
      syncHistory({ ...context, stamp: activityStamp("history", activities) }).then((result) => {
        history = result;
        progress.finish("history");
      }),
    );
  }
  for (const kind of COLLECTIONS) {
    if (!kinds.has(kind)) continue;
    jobs.push(
      syncCollection(context, kind, activityStamp(kind, activities)).then((result) => {
        collections[kind] = result;
        progress.finish(kind);
      }),
    );
  }
  await settleAll(jobs);

  const ttlMs = options.metadataTtlMs ?? METADATA_TTL_MS;
  const [directorsFetched, filmsEnriched] = kinds.has("directors")
    ? await settleAll([syncDirectors({ ...context, ttlMs }), syncEnrichment({ ...context, ttlMs })])
    : [0, 0];

  store.transaction(() => {
    if (activities !== undefined) setMeta(store, "last_activities", JSON.stringify(activities));
    setMeta(store, "last_sync_at", store.nowIso());
  });
  return { ...account, history, collections, directorsFetched, filmsEnriched, requests: client.stats.requests - requestsBefore, activities };
}

/**
 * Progress that ends at 100%: Trakt's item counts include items it hides after paging
 * (TRAKT-API.md, "Pagination") and a head scan reads only the newest pages, so once a
 * kind is done its last count is reported as the total.
 */
function finishingProgress(onProgress: ((progress: FetchProgress) => void) | undefined) {
  const last = new Map<FetchKind, number>();
  return {
    report(progress: FetchProgress): void {
      last.set(progress.kind, progress.done);
      onProgress?.(progress);
    },
    finish(kind: FetchKind): void {
      const done = last.get(kind);
      if (done !== undefined) onProgress?.({ kind, done, total: done });
    },
  };
}

/** `/users/settings` only when its stamp moved or the store has no account yet. */
async function syncOwnAccount(store: Store, client: TraktClient, activities: LastActivities | undefined): Promise<{ username: string; timeZone: string | null }> {
  const stored = readAccount(store);
  const stamp = activityStamp("settings", activities);
  if (stored && !stored.publicProfile && stamp !== null && readSyncState(store, "settings")?.stamp === stamp) {
    return { username: stored.username, timeZone: stored.timeZone };
  }
  const settings = await getUserSettings(client);
  const username = settings.user.username;
  checkSameAccount(store, stored?.username, username);
  const timeZone = settings.account?.timezone ?? null;
  store.transaction(() => {
    setAccount(store, { username, timeZone, publicProfile: false });
    writeSyncState(store, "settings", { stamp, remoteCount: null, storedCount: null, floor: null });
  });
  return { username, timeZone };
}

function publicAccount(store: Store, user: string): { username: string; timeZone: string | null } {
  const stored = readAccount(store);
  checkSameAccount(store, stored?.username, user);
  if (stored) return { username: stored.username, timeZone: stored.timeZone };
  store.transaction(() => setAccount(store, { username: user, timeZone: null, publicProfile: true }));
  return { username: user, timeZone: null };
}

/** A store mirrors one account: refuses to fill it with another's data. */
export function checkSameAccount(store: Store, stored: string | undefined, wanted: string): void {
  if (stored !== undefined && stored.toLowerCase() !== wanted.toLowerCase()) {
    throw new StoreError(`The store ${store.path} mirrors ${stored}'s Trakt library, not ${wanted}'s; use another --home for ${wanted}.`);
  }
}
