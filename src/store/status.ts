import { statSync } from "node:fs";
import { lastExport, type ExportRecord } from "./export-records.js";
import { getMeta, readAccount, readSyncState, type AccountInfo, type SyncKind, type SyncState } from "./mirror.js";
import { SCHEMA_VERSION } from "./migrations.js";
import type { Store } from "./store.js";

export interface StoreStatus {
  path: string;
  schemaVersion: number;
  /** The store's file and its WAL, in bytes. */
  sizeBytes: number;
  /** Undefined before the first sync. */
  account: AccountInfo | undefined;
  counts: { films: number; plays: number; ratings: number; reviews: number; watchlist: number; lists: number; listItems: number; exports: number };
  /** When the last complete sync finished (ISO-8601), if any. */
  lastSyncAt: string | undefined;
  /** When a file (Trakt's data export or a backup) was last loaded into the store, and its path; undefined if never. */
  lastLoad?: { at: string; from: string };
  /** Per kind: how new its stored data is. */
  kinds: Partial<Record<SyncKind, SyncState>>;
  lastExport: ExportRecord | undefined;
}

const KINDS: readonly SyncKind[] = ["history", "ratings", "watchlist", "reviews", "lists", "settings"];
const TABLES = { films: "films", plays: "plays", ratings: "ratings", reviews: "reviews", watchlist: "watchlist", lists: "lists", listItems: "list_items", exports: "exports" } as const;

/** A short report of the store for `status` (and its `--json`). */
export function storeStatus(store: Store): StoreStatus {
  const counts = Object.fromEntries(
    Object.entries(TABLES).map(([key, table]) => [key, (store.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n]),
  ) as StoreStatus["counts"];
  const kinds: StoreStatus["kinds"] = {};
  for (const kind of KINDS) {
    const state = readSyncState(store, kind);
    if (state) kinds[kind] = state;
  }
  return {
    path: store.path,
    schemaVersion: SCHEMA_VERSION,
    sizeBytes: fileSize(store.path) + fileSize(`${store.path}-wal`),
    account: readAccount(store),
    counts,
    lastSyncAt: getMeta(store, "last_sync_at"),
    ...lastLoad(store),
    kinds,
    lastExport: lastExport(store),
  };
}

function lastLoad(store: Store): Pick<StoreStatus, "lastLoad"> {
  const at = getMeta(store, "last_load_at");
  const from = getMeta(store, "last_load_from");
  return at !== undefined && from !== undefined ? { lastLoad: { at, from } } : {};
}

function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}
