/**
 * The store's side of a backup: items kept as Trakt's JSON per kind (`backup_items`,
 * migration 3) with their sync state, and the export's own tables read back in the
 * API's shapes.
 */
import type { FilmsTable } from "./schema.js";
import type { Store } from "./store.js";

export interface BackupState {
  stamp: string | null;
  /** Episode history: Trakt's item count and the stored count at the last complete sync. */
  remoteCount: number | null;
  storedCount: number | null;
}

/** The `backup_items` kinds an export with shows reads: episode plays (keyed by history id) and show ratings. */
export const EPISODE_PLAYS = "history-episodes";
export const SHOW_RATINGS_ITEMS = "ratings-shows";

const stateKind = (kind: string) => `backup:${kind}`;

export function readBackupState(store: Store, kind: string): BackupState | undefined {
  const row = store.prepare("SELECT stamp, remote_count, stored_count FROM sync_state WHERE kind = ?").get(stateKind(kind)) as
    | { stamp: string | null; remote_count: number | null; stored_count: number | null }
    | undefined;
  return row && { stamp: row.stamp, remoteCount: row.remote_count, storedCount: row.stored_count };
}

export function writeBackupState(store: Store, kind: string, state: BackupState): void {
  store.prepare(
    `INSERT INTO sync_state (kind, stamp, remote_count, stored_count, floor, synced_at) VALUES (?, ?, ?, ?, NULL, ?)
     ON CONFLICT (kind) DO UPDATE SET stamp = excluded.stamp, remote_count = excluded.remote_count, stored_count = excluded.stored_count, synced_at = excluded.synced_at`,
  ).run(stateKind(kind), state.stamp, state.remoteCount, state.storedCount, store.nowIso());
}

/** Makes the kind's items exactly `items`, in this order. Call inside a transaction. */
export function replaceBackupItems(store: Store, kind: string, items: readonly unknown[]): void {
  store.prepare("DELETE FROM backup_items WHERE kind = ?").run(kind);
  const insert = store.prepare("INSERT INTO backup_items (kind, key, time, data) VALUES (?, ?, NULL, ?)");
  items.forEach((item, index) => insert.run(kind, index, JSON.stringify(item)));
}

/** Adds or replaces keyed items (episode plays by history id); returns how many were new. */
export function putKeyedItems(store: Store, kind: string, items: readonly { key: number; time: string; item: unknown }[]): number {
  const insert = store.prepare("INSERT OR IGNORE INTO backup_items (kind, key, time, data) VALUES (?, ?, ?, ?)");
  let added = 0;
  for (const { key, time, item } of items) added += insert.run(kind, key, time, JSON.stringify(item)).changes;
  return added;
}

export function deleteKeyedItems(store: Store, kind: string, keys: readonly number[]): number {
  const remove = store.prepare("DELETE FROM backup_items WHERE kind = ? AND key = ?");
  let removed = 0;
  for (const key of keys) removed += remove.run(kind, key).changes;
  return removed;
}

/** Mirrors a whole read of a keyed kind: removes every stored item whose key is not in `keep`. */
export function deleteKeyedItemsExcept(store: Store, kind: string, keep: ReadonlySet<number>): number {
  return deleteKeyedItems(store, kind, backupItemKeys(store, kind).filter((key) => !keep.has(key)));
}

export function backupItemKeys(store: Store, kind: string, newerThan?: string): number[] {
  const rows = (
    newerThan === undefined
      ? store.prepare("SELECT key FROM backup_items WHERE kind = ?").all(kind)
      : store.prepare("SELECT key FROM backup_items WHERE kind = ? AND time > ?").all(kind, newerThan)
  ) as { key: number }[];
  return rows.map((row) => row.key);
}

export function countBackupItems(store: Store, kind: string): number {
  return (store.prepare("SELECT count(*) AS n FROM backup_items WHERE kind = ?").get(kind) as { n: number }).n;
}

export function hasBackupItem(store: Store, kind: string, key: number): boolean {
  return store.prepare("SELECT 1 FROM backup_items WHERE kind = ? AND key = ?").get(kind, key) !== undefined;
}

/**
 * The kind's items as stored JSON text, in Trakt's order (keyed kinds newest first),
 * one row at a time so a 100K-item kind never sits in memory whole.
 */
export function* backupItemTexts(store: Store, kind: string, keyed: boolean): Generator<string> {
  const sql = keyed
    ? "SELECT data FROM backup_items WHERE kind = ? ORDER BY time DESC, key DESC"
    : "SELECT data FROM backup_items WHERE kind = ? ORDER BY key";
  for (const row of store.iterate<{ data: string }>(sql, kind)) yield row.data;
}

function movieJson(row: FilmsTable): string {
  return JSON.stringify({ title: row.title, year: row.year, ids: { trakt: row.trakt_id, slug: row.slug, imdb: row.imdb, tmdb: row.tmdb } });
}

/** `/sync/history/movies` as stored: every item, newest first. */
export function* movieHistoryTexts(store: Store): Generator<string> {
  const rows = store.iterate<FilmsTable & { history_id: number; watched_at: string; action: string }>(
    `SELECT p.history_id, p.watched_at, p.action, f.trakt_id, f.title, f.year, f.imdb, f.tmdb, f.slug
     FROM plays p JOIN films f ON f.trakt_id = p.trakt_id ORDER BY p.watched_at DESC, p.history_id DESC`,
  );
  for (const row of rows) {
    yield `{"id":${row.history_id},"watched_at":${JSON.stringify(row.watched_at)},"action":${JSON.stringify(row.action)},"type":"movie","movie":${movieJson(row)}}`;
  }
}

/** `/sync/ratings/movies` as stored, newest first. */
export function* movieRatingTexts(store: Store): Generator<string> {
  const rows = store.iterate<FilmsTable & { rating: number; rated_at: string }>(
    `SELECT r.rating, r.rated_at, f.trakt_id, f.title, f.year, f.imdb, f.tmdb, f.slug
     FROM ratings r JOIN films f ON f.trakt_id = r.trakt_id ORDER BY r.rated_at DESC, r.trakt_id`,
  );
  for (const row of rows) {
    yield `{"rated_at":${JSON.stringify(row.rated_at)},"rating":${row.rating},"type":"movie","movie":${movieJson(row)}}`;
  }
}
