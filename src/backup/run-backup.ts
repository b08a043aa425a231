import type { Store } from "../store/index.js";
import type { TraktClient } from "../trakt/index.js";
import { syncBackup, type BackupProgress } from "../sync/index.js";
import { writeBackup, type BackupManifest } from "./write-backup.js";

export interface BackupOptions {
  client: TraktClient;
  /** The export's local store: synced first (only what moved), the backup is written from it. */
  store: Store;
  /** A folder, or with `zip` a `.zip` file. */
  out: string;
  zip: boolean;
  /** The tool's version, for the manifest. */
  version: string;
  /** Default `Date.now`. */
  now?: () => number;
  signal?: AbortSignal;
  onProgress?: (progress: BackupProgress) => void;
}

export interface BackupSummary {
  user: string;
  out: string;
  zip: boolean;
  /** Kinds fetched from Trakt this run; the others were up to date in the store. */
  fetched: string[];
  /** HTTP requests this backup sent to Trakt. */
  requests: number;
  manifest: BackupManifest;
}

/**
 * A backup: bring the store up to date with the whole account (only what it lacks or
 * what moved), then write every kind from the store as one set, in place of the
 * previous backup only once complete.
 */
export async function runBackup(options: BackupOptions): Promise<BackupSummary> {
  const sync = await syncBackup({ client: options.client, store: options.store, signal: options.signal, onProgress: options.onProgress });
  const manifest = await writeBackup({ store: options.store, out: options.out, zip: options.zip, version: options.version, username: sync.username, now: options.now ?? Date.now });
  return { user: sync.username, out: options.out, zip: options.zip, fetched: sync.fetched, requests: sync.requests, manifest };
}
