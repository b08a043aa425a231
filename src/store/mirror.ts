/**
 * Writes that mirror Trakt into the store. They expect to run inside the caller's
 * transaction (Store.transaction), together with the sync state that says how new the
 * data is, so a kill at any moment leaves data and state agreeing.
 */
import type { HistoryItem, ListedItem, PersonalList, RatingItem, ReviewItem, TraktMovie } from "../trakt/index.js";
import type { AccountTable, ListsTable, MetaTable, SyncStateTable } from "./schema.js";
import type { Store } from "./store.js";

/**
 * Inserts films or refreshes their titles and ids (Trakt fixes them now and then).
 * `seen`: films already written by this caller (a load of many pages), skipped.
 */
export function upsertFilms(store: Store, movies: Iterable<TraktMovie>, seen: Set<number> = new Set()): void {
  const statement = store.prepare(
    `INSERT INTO films (trakt_id, title, year, imdb, tmdb, slug) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (trakt_id) DO UPDATE SET title = excluded.title, year = excluded.year, imdb = excluded.imdb, tmdb = excluded.tmdb, slug = excluded.slug
     WHERE (title, year, imdb, tmdb, slug) IS NOT (excluded.title, excluded.year, excluded.imdb, excluded.tmdb, excluded.slug)`,
  );
  for (const movie of movies) {
    if (seen.has(movie.ids.trakt)) continue;
    seen.add(movie.ids.trakt);
    // The response schemas turn Trakt's "" and 0 for a missing id into null; the store, a
    // boundary of its own (callers may hand it any TraktMovie), makes sure of it.
    statement.run(movie.ids.trakt, movie.title, movie.year || null, movie.ids.imdb || null, movie.ids.tmdb || null, movie.ids.slug);
  }
}

/** Adds history items not stored yet; returns how many were new. Plays are immutable by history id. `seenFilms`: as upsertFilms's `seen`. */
export function addPlays(store: Store, items: readonly HistoryItem[], seenFilms?: Set<number>): number {
  upsertFilms(store, items.map((item) => item.movie), seenFilms);
  const statement = store.prepare("INSERT OR IGNORE INTO plays (history_id, trakt_id, watched_at, action) VALUES (?, ?, ?, ?)");
  let added = 0;
  for (const item of items) added += statement.run(item.id, item.movie.ids.trakt, item.watched_at, item.action).changes;
  return added;
}

/** Mirrors a whole history read: removes every stored play not in `keep`; returns how many. */
export function deletePlaysExcept(store: Store, keep: ReadonlySet<number>): number {
  return deleteAllExcept(store, "SELECT history_id AS key FROM plays", "DELETE FROM plays WHERE history_id = ?", keep);
}

export function deletePlays(store: Store, historyIds: Iterable<number>): number {
  return deleteEach(store, "DELETE FROM plays WHERE history_id = ?", historyIds);
}

/** Mirrors a whole read: runs the one-key `deleteSql` for each key `keysSql` lists (as `key`) that `keep` lacks; returns how many rows went. */
function deleteAllExcept(store: Store, keysSql: string, deleteSql: string, keep: ReadonlySet<number>): number {
  const stale = store.all<{ key: number }>(keysSql).flatMap(({ key }) => (keep.has(key) ? [] : [key]));
  return deleteEach(store, deleteSql, stale);
}

/** Runs a one-key DELETE for each key; returns how many rows went. */
function deleteEach(store: Store, sql: string, keys: Iterable<number>): number {
  const statement = store.prepare(sql);
  let removed = 0;
  for (const key of keys) removed += statement.run(key).changes;
  return removed;
}

export function replaceRatings(store: Store, items: readonly RatingItem[]): void {
  store.prepare("DELETE FROM ratings").run();
  putRatings(store, items);
}

/** Adds or changes ratings; returns how many were new or changed. Should Trakt send two of one film, the later counts. */
export function putRatings(store: Store, items: readonly RatingItem[]): number {
  upsertFilms(store, items.map((item) => item.movie));
  const statement = store.prepare(
    `INSERT INTO ratings (trakt_id, rating, rated_at) VALUES (?, ?, ?)
     ON CONFLICT (trakt_id) DO UPDATE SET rating = excluded.rating, rated_at = excluded.rated_at
     WHERE excluded.rated_at >= ratings.rated_at AND (ratings.rating, ratings.rated_at) IS NOT (excluded.rating, excluded.rated_at)`,
  );
  let changed = 0;
  for (const item of items) changed += statement.run(item.movie.ids.trakt, item.rating, item.rated_at).changes;
  return changed;
}

export function deleteRatings(store: Store, traktIds: Iterable<number>): number {
  return deleteEach(store, "DELETE FROM ratings WHERE trakt_id = ?", traktIds);
}

/** Deletes every rating but those of the films in `keep` (after a whole read). */
export function deleteRatingsExcept(store: Store, keep: ReadonlySet<number>): number {
  return deleteAllExcept(store, "SELECT trakt_id AS key FROM ratings", "DELETE FROM ratings WHERE trakt_id = ?", keep);
}

export function replaceWatchlist(store: Store, items: readonly ListedItem[]): void {
  upsertFilms(store, items.map((item) => item.movie));
  store.prepare("DELETE FROM watchlist").run();
  const statement = store.prepare("INSERT OR REPLACE INTO watchlist (trakt_id, rank, listed_at, notes) VALUES (?, ?, ?, ?)");
  for (const item of items) statement.run(item.movie.ids.trakt, item.rank, item.listed_at, item.notes);
}

export function replaceReviews(store: Store, items: readonly ReviewItem[]): void {
  // The endpoint serves reviews only; a plain comment slipping in is not one.
  const reviews = items.filter((item) => item.comment.review);
  upsertFilms(store, reviews.map((item) => item.movie));
  store.prepare("DELETE FROM reviews").run();
  const statement = store.prepare("INSERT OR REPLACE INTO reviews (comment_id, trakt_id, text, spoiler, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)");
  for (const { comment, movie } of reviews) {
    statement.run(comment.id, movie.ids.trakt, comment.comment, comment.spoiler ? 1 : 0, comment.created_at, comment.updated_at);
  }
}

export interface ListSnapshot {
  list: PersonalList;
  /** The list's film items; undefined keeps the stored ones (the list's `updated_at` did not move). */
  items: readonly ListedItem[] | undefined;
}

/** Makes the stored lists exactly `lists`: lists not in it are removed with their items. */
export function replaceLists(store: Store, lists: readonly ListSnapshot[]): void {
  const keep = new Set(lists.map(({ list }) => list.ids.trakt));
  for (const { trakt_id } of store.all<Pick<ListsTable, "trakt_id">>("SELECT trakt_id FROM lists")) {
    if (!keep.has(trakt_id)) store.run("DELETE FROM lists WHERE trakt_id = ?", trakt_id);
  }
  const upsert = store.prepare(
    `INSERT INTO lists (trakt_id, slug, name, description, updated_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (trakt_id) DO UPDATE SET slug = excluded.slug, name = excluded.name, description = excluded.description, updated_at = excluded.updated_at`,
  );
  const insertItem = store.prepare("INSERT INTO list_items (list_id, trakt_id, rank, listed_at, notes) VALUES (?, ?, ?, ?, ?)");
  for (const { list, items } of lists) {
    upsert.run(list.ids.trakt, list.ids.slug, list.name, list.description, list.updated_at ?? null);
    if (items === undefined) continue;
    upsertFilms(store, items.map((item) => item.movie));
    store.run("DELETE FROM list_items WHERE list_id = ?", list.ids.trakt);
    for (const item of items) insertItem.run(list.ids.trakt, item.movie.ids.trakt, item.rank, item.listed_at, item.notes);
  }
}

export interface AccountInfo {
  username: string;
  timeZone: string | null;
  publicProfile: boolean;
}

export function setAccount(store: Store, account: AccountInfo): void {
  store.prepare(
    `INSERT INTO account (id, username, time_zone, public_profile, updated_at) VALUES (1, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET username = excluded.username, time_zone = excluded.time_zone, public_profile = excluded.public_profile, updated_at = excluded.updated_at`,
  ).run(account.username, account.timeZone, account.publicProfile ? 1 : 0, store.nowIso());
}

export function readAccount(store: Store): AccountInfo | undefined {
  const row = store.first<AccountTable>("SELECT * FROM account WHERE id = 1");
  return row && { username: row.username, timeZone: row.time_zone, publicProfile: row.public_profile === 1 };
}

export type SyncKind = "history" | "ratings" | "watchlist" | "reviews" | "lists" | "settings";

export interface SyncState {
  /** The `/sync/last_activities` stamp the stored data is at least as new as; null = unknown (always fetch). */
  stamp: string | null;
  /** History: Trakt's X-Pagination-Item-Count when last complete. */
  remoteCount: number | null;
  /** History: stored plays then. */
  storedCount: number | null;
  /** History: set while a first fetch is part-way; every play newer than it is stored. */
  floor: string | null;
  syncedAt: string;
}

export function readSyncState(store: Store, kind: SyncKind): SyncState | undefined {
  const row = store.first<SyncStateTable>("SELECT * FROM sync_state WHERE kind = ?", kind);
  return row && { stamp: row.stamp, remoteCount: row.remote_count, storedCount: row.stored_count, floor: row.floor, syncedAt: row.synced_at };
}

export function writeSyncState(store: Store, kind: SyncKind, state: Omit<SyncState, "syncedAt">): void {
  store.prepare(
    `INSERT INTO sync_state (kind, stamp, remote_count, stored_count, floor, synced_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (kind) DO UPDATE SET stamp = excluded.stamp, remote_count = excluded.remote_count, stored_count = excluded.stored_count, floor = excluded.floor, synced_at = excluded.synced_at`,
  ).run(kind, state.stamp, state.remoteCount, state.storedCount, state.floor, store.nowIso());
}

export function setMeta(store: Store, key: string, value: string): void {
  store.prepare("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(key, value);
}

export function getMeta(store: Store, key: string): string | undefined {
  return store.first<Pick<MetaTable, "value">>("SELECT value FROM meta WHERE key = ?", key)?.value;
}

export function countPlays(store: Store): number {
  return (store.prepare("SELECT count(*) AS n FROM plays").get() as { n: number }).n;
}
