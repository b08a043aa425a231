/**
 * What loading a file into the store does the same for every file source: the account
 * check, the account row, and forgetting the sync stamps of what was replaced, so the
 * next online sync reads those kinds whole instead of trusting stamps the file never had.
 */
import { z } from "zod";
import { StoreError, UsageError } from "../errors.js";
import { getMeta, readAccount, setAccount, setMeta, writeSyncState, type Store, type SyncKind } from "../store/index.js";
import { EPISODE_PLAYS, SHOW_RATINGS_ITEMS, writeBackupState } from "../store/backup-items.js";
import { SKIPPED_KINDS, type SkippedCounts } from "./film-items.js";
import type { FetchProgress } from "./progress.js";
import { checkSameAccount } from "./sync-store.js";

export interface LoadFileOptions {
  store: Store;
  /** Also load episode plays and show ratings, for `shows.csv`. */
  includeShows?: boolean;
  onProgress?: (progress: FetchProgress) => void;
}

export interface FileLoadResult {
  /** What the file is. */
  source: "backup" | "trakt-export";
  /** Trakt's export: its layout. */
  layout?: "flat" | "nested";
  username: string | undefined;
  /** The account's zone as the file records it; null when it does not. */
  timeZone: string | null;
  /** Film rows without a usable film, per kind. */
  skipped: SkippedCounts;
  /** What the file lacks or holds oddly (an incomplete export), one line each. */
  warnings: string[];
}

/**
 * Refuses a file of another account than the store's before anything is written. A file
 * that does not say whose it is may fill only an empty store.
 */
export function checkFileAccount(store: Store, username: string | undefined, path: string): void {
  const stored = readAccount(store);
  if (username === undefined) {
    if (stored !== undefined) throw new UsageError(`${path} does not say whose Trakt account it is (no user-settings.json or user-profile.json), so it cannot be added to ${stored.username}'s store; export it without --incremental.`);
    return;
  }
  try {
    checkSameAccount(store, stored?.username, username);
  } catch (error) {
    // A file of someone else's account is bad input to this command, not a failure of the store.
    throw error instanceof StoreError ? new UsageError(error.message) : error;
  }
}

/** The account row: the file's zone, else the one the store already had. */
export function putFileAccount(store: Store, username: string | undefined, timeZone: string | null): void {
  const stored = readAccount(store);
  setAccount(store, { username: username ?? stored?.username ?? "unknown", timeZone: timeZone ?? stored?.timeZone ?? null, publicProfile: false });
}

/** Kinds whose data a file replaced: their stamps no longer describe the store. */
export function forgetStamps(store: Store, kinds: readonly SyncKind[], shows: boolean): void {
  for (const kind of kinds) writeSyncState(store, kind, { stamp: null, remoteCount: null, storedCount: null, floor: null });
  if (shows) for (const kind of [EPISODE_PLAYS, SHOW_RATINGS_ITEMS]) writeBackupState(store, kind, { stamp: null, remoteCount: null, storedCount: null });
}

const LAST_LOAD = "last_file_load";
const lastLoadSchema = z.object({
  fingerprint: z.string(),
  shows: z.boolean(),
  result: z.object({
    source: z.enum(["backup", "trakt-export"]),
    layout: z.enum(["flat", "nested"]).optional(),
    username: z.string().optional(),
    timeZone: z.string().nullable(),
    skipped: z.partialRecord(z.enum(SKIPPED_KINDS), z.number()),
    warnings: z.array(z.string()),
  }),
});

/**
 * Loads a file into a store that keeps it, unless the file is the one the store loaded
 * last (same fingerprint, shows included if asked for): then the store already holds it,
 * or newer data from an online sync since, and that load's report is returned again.
 * So next month's `--incremental` run on an unchanged file costs no reload. A load
 * records when it happened and the file's path (`last_load_at`, `last_load_from`) for `status`.
 */
export async function loadUnlessLoaded(store: Store, fingerprint: string, path: string, includeShows: boolean, load: () => Promise<FileLoadResult>): Promise<FileLoadResult> {
  const text = getMeta(store, LAST_LOAD);
  const last = text === undefined ? undefined : lastLoadSchema.safeParse(JSON.parse(text));
  if (last?.success && last.data.fingerprint === fingerprint && (last.data.shows || !includeShows)) {
    const { username, layout, ...rest } = last.data.result;
    return { ...rest, username, ...(layout ? { layout } : {}) };
  }
  const result = await load();
  setMeta(store, LAST_LOAD, JSON.stringify({ fingerprint, shows: includeShows, result }));
  setMeta(store, "last_load_at", store.nowIso());
  setMeta(store, "last_load_from", path);
  return result;
}
