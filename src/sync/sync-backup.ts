/**
 * Brings the store up to date with everything a backup holds (the account as a whole), fetching only what the
 * store lacks or what moved: one `/sync/last_activities`, then each kind whose stamp
 * moved (episode plays by a head scan, like the film history; the rest whole), then the
 * export's own sync (film history, ratings, directors). Kinds the export mirrors too
 * (watchlist, lists, reviews) are written to its tables with their stamps as they come,
 * so the export's sync that follows does not fetch them again.
 */
import {
  readAccount,
  replaceLists,
  replaceReviews,
  replaceWatchlist,
  setAccount,
  writeSyncState,
  type ListSnapshot,
  type Store,
} from "../store/index.js";
import { activityStamp, stampOf } from "./activities.js";
import { checkSameAccount, syncStore, type SyncResult } from "./sync-store.js";
import { movieReviews } from "./film-items.js";
import { collect } from "./collections-shared.js";
import { scanHead } from "./head-scan.js";
import { settleAll } from "./settle.js";
import {
  allListItemsPages,
  episodeHistoryPages,
  fullListSchema,
  fullUserSettingsSchema,
  getLastActivities,
  listedItemSchema,
  ownPages,
  type EpisodeHistoryItem,
  type LastActivities,
  type Page,
  type TraktClient,
} from "../trakt/index.js";
import {
  countBackupItems,
  backupItemKeys,
  deleteKeyedItems,
  deleteKeyedItemsExcept,
  hasBackupItem,
  putKeyedItems,
  readBackupState,
  replaceBackupItems,
  writeBackupState,
  EPISODE_PLAYS,
} from "../store/backup-items.js";
import { PAGED_KINDS, SHOW_RATINGS, type PagedKind } from "./account-kinds.js";

export interface BackupProgress {
  kind: string;
  done: number;
  total: number | undefined;
}

export interface BackupSyncOptions {
  client: TraktClient;
  store: Store;
  signal?: AbortSignal;
  onProgress?: (progress: BackupProgress) => void;
}

export interface BackupSyncResult {
  username: string;
  /** Kinds fetched this run (the rest were up to date in the store). */
  fetched: string[];
  sync: SyncResult;
  /** HTTP requests this sync sent. */
  requests: number;
}


export async function syncBackup(options: BackupSyncOptions): Promise<BackupSyncResult> {
  const { client, store } = options;
  const requestsBefore = client.stats.requests;
  const activities = await getLastActivities(client);
  const fetched: string[] = [];
  const note = (kind: string, didFetch: boolean) => {
    if (didFetch) fetched.push(kind);
  };

  const username = await syncSettings(options, activities).then(({ username, fetched: f }) => (note("settings", f), username));
  const jobs: Promise<unknown>[] = [
    ...PAGED_KINDS.map((kind) => syncPagedKind(options, kind, activities).then((f) => note(kind.name, f))),
    syncLists(options, activities).then((f) => note("lists", f)),
    syncEpisodeHistory(options, activities).then((f) => note(EPISODE_PLAYS, f)),
  ];
  await settleAll(jobs);

  const sync = await syncStore({ client, store, activities, signal: options.signal, onProgress: options.onProgress });
  return { username, fetched: fetched.sort(), sync, requests: client.stats.requests - requestsBefore };
}

async function syncSettings(options: BackupSyncOptions, activities: LastActivities): Promise<{ username: string; fetched: boolean }> {
  const { client, store } = options;
  const stamp = activityStamp("settings", activities);
  const stored = readAccount(store);
  if (stamp !== null && stored && !stored.publicProfile && readBackupState(store, "settings")?.stamp === stamp) return { username: stored.username, fetched: false };
  const settings = await client.get("/users/settings", fullUserSettingsSchema, { auth: true });
  const username = settings.user.username;
  checkSameAccount(store, stored?.username, username);
  store.transaction(() => {
    replaceBackupItems(store, "settings", [settings]);
    writeBackupState(store, "settings", { stamp, remoteCount: null, storedCount: null });
    setAccount(store, { username, timeZone: settings.account?.timezone ?? null, publicProfile: false });
    writeSyncState(store, "settings", { stamp, remoteCount: null, storedCount: null, floor: null });
  });
  return { username, fetched: true };
}

function upToDate(store: Store, kind: string, stamp: string | null): boolean {
  return stamp !== null && readBackupState(store, kind)?.stamp === stamp;
}

async function syncPagedKind(options: BackupSyncOptions, kind: PagedKind, activities: LastActivities): Promise<boolean> {
  const { store } = options;
  const stamp = stampOf(kind.stamp(activities));
  if (upToDate(store, kind.name, stamp)) return false;
  const items = await collect(options, kind.name, ownPages(options.client, kind.path, kind.schema));
  store.transaction(() => {
    replaceBackupItems(store, kind.name, items);
    writeBackupState(store, kind.name, { stamp, remoteCount: null, storedCount: null });
    mirror(store, kind.name, items, activities);
  });
  return true;
}

/** The export's tables get what they mirror of a kind, with the export's own stamp for it. */
function mirror(store: Store, kind: string, items: readonly unknown[], activities: LastActivities): void {
  const state = (syncKind: "watchlist" | "reviews") => writeSyncState(store, syncKind, { stamp: activityStamp(syncKind, activities), remoteCount: null, storedCount: null, floor: null });
  if (kind === "watchlist-movies") {
    replaceWatchlist(store, items.map((item) => listedItemSchema.parse(item)));
    state("watchlist");
  } else if (kind === "comments") {
    replaceReviews(store, movieReviews(items));
    state("reviews");
  }
}

async function syncLists(options: BackupSyncOptions, activities: LastActivities): Promise<boolean> {
  const { client, store } = options;
  const stamp = activityStamp("lists", activities);
  if (upToDate(store, "lists", stamp)) return false;
  const lists = await collect(options, "lists", ownPages(client, "/users/me/lists", fullListSchema));
  const entries = await settleAll(lists.map(async (list) => ({ list, items: await collect(options, undefined, allListItemsPages(client, list.ids.trakt)) })));
  const snapshots: ListSnapshot[] = entries.map(({ list, items }) => ({
    list,
    items: items.filter((item) => item.type === "movie" && item.movie !== undefined).map((item) => listedItemSchema.parse(item)),
  }));
  store.transaction(() => {
    replaceBackupItems(store, "lists", entries);
    writeBackupState(store, "lists", { stamp, remoteCount: null, storedCount: null });
    replaceLists(store, snapshots);
    writeSyncState(store, "lists", { stamp, remoteCount: null, storedCount: null, floor: null });
  });
  return true;
}

/**
 * Episode plays: all pages the first time (each committed as it comes), then a head
 * scan (src/sync/head-scan.ts) whenever `episodes.watched_at` moved.
 */
async function syncEpisodeHistory(options: BackupSyncOptions, activities: LastActivities): Promise<boolean> {
  const { client, store } = options;
  const kind = EPISODE_PLAYS;
  const stamp = stampOf([activities.episodes?.watched_at]);
  const state = readBackupState(store, kind);
  if (upToDate(store, kind, stamp) && state?.remoteCount != null) return false;
  const keyed = (items: readonly EpisodeHistoryItem[]) => items.map((item) => ({ key: item.id, time: item.watched_at, item }));
  const progress = (page: Page<EpisodeHistoryItem>, done: number) => options.onProgress?.({ kind, done, total: page.itemCount });

  if (!state || state.remoteCount === null || state.storedCount === null) {
    const seen = new Set<number>();
    let remoteCount: number | undefined;
    for await (const page of episodeHistoryPages(client)) {
      options.signal?.throwIfAborted();
      remoteCount ??= page.itemCount;
      for (const item of page.items) seen.add(item.id);
      store.transaction(() => putKeyedItems(store, kind, keyed(page.items)));
      progress(page, seen.size);
    }
    store.transaction(() => {
      deleteKeyedItemsExcept(store, kind, seen);
      writeBackupState(store, kind, { stamp, remoteCount: remoteCount ?? seen.size, storedCount: countBackupItems(store, kind) });
    });
    return true;
  }

  const result = await scanHead<EpisodeHistoryItem>(
    {
      store,
      pages: (lookahead) => episodeHistoryPages(client, { lookahead }),
      keyOf: (item) => item.id,
      timeOf: (item) => item.watched_at,
      isStored: (item) => hasBackupItem(store, kind, item.id),
      put: (items) => putKeyedItems(store, kind, keyed(items)),
      keysNewerThan: (time) => backupItemKeys(store, kind, time),
      removeAllExcept: (keep) => deleteKeyedItemsExcept(store, kind, keep),
      remove: (keys) => deleteKeyedItems(store, kind, keys),
      count: () => countBackupItems(store, kind),
      signal: options.signal,
      onPage: progress,
    },
    state.remoteCount - state.storedCount,
  );
  store.transaction(() => writeBackupState(store, kind, { stamp, remoteCount: result.remoteCount, storedCount: countBackupItems(store, kind) }));
  return true;
}

/**
 * Episode plays and show ratings, for an online `export --include-shows`: synced the way
 * a backup syncs them (only what moved). `activities`: those the export's sync fetched.
 */
export async function syncShows(options: { client: TraktClient; store: Store; activities?: LastActivities }): Promise<void> {
  const activities = options.activities ?? (await getLastActivities(options.client));
  await settleAll([syncEpisodeHistory(options, activities), syncPagedKind(options, SHOW_RATINGS, activities)]);
}
