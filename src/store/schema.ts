/**
 * The store's rows, one type per table (column names as in SQL; migrations.ts creates
 * them): what `Store.all`/`first`/`iterate` callers name their rows as. Timestamps are
 * ISO-8601 text in one canonical form (they sort as text); booleans are 0/1.
 */

export interface FilmsTable {
  trakt_id: number;
  title: string;
  year: number | null;
  imdb: string | null;
  tmdb: number | null;
  slug: string | null;
}

/** Every item of `/sync/history/movies`, by Trakt history id (immutable once made). */
export interface PlaysTable {
  history_id: number;
  trakt_id: number;
  watched_at: string;
  action: string;
}

export interface RatingsTable {
  trakt_id: number;
  rating: number;
  rated_at: string;
}

export interface ReviewsTable {
  comment_id: number;
  trakt_id: number;
  text: string;
  spoiler: number;
  created_at: string;
  updated_at: string;
}

export interface WatchlistTable {
  trakt_id: number;
  rank: number;
  listed_at: string;
  notes: string | null;
}

export interface ListsTable {
  trakt_id: number;
  slug: string;
  name: string;
  description: string | null;
  /** The list's own `updated_at`: its items are fetched again only when it moves. */
  updated_at: string | null;
}

export interface ListItemsTable {
  list_id: number;
  trakt_id: number;
  rank: number;
  listed_at: string;
  notes: string | null;
}

/** One row (id 1): whose library this store mirrors. */
export interface AccountTable {
  id: number;
  username: string;
  /** IANA zone from `/users/settings`; null for a public profile (Trakt does not show it). */
  time_zone: string | null;
  /** True when synced as a public profile (`--user`), without a login. */
  public_profile: number;
  updated_at: string;
}

/**
 * Per kind (history, ratings, watchlist, reviews, lists, settings): the
 * `/sync/last_activities` stamp its stored data is at least as new as. History adds
 * Trakt's item count then and the store's play count then (their difference is the
 * hidden items Trakt counts but never serves), and `floor` while a first fetch is
 * part-way: every play newer than it is stored.
 */
export interface SyncStateTable {
  kind: string;
  stamp: string | null;
  remote_count: number | null;
  stored_count: number | null;
  floor: string | null;
  synced_at: string;
}

/** Small named values: `last_activities` (JSON of the last complete sync), `last_sync_at`; `last_load_at`, `last_load_from` (the last file loaded by `export --from --incremental`). */
export interface MetaTable {
  key: string;
  value: string;
}

/** Migration 2. Data fetched per film for id-less films (`people` → `{directors}`), kept for a time-to-live. */
export interface FilmMetadataTable {
  trakt_id: number;
  kind: string;
  data: string;
  fetched_at: string;
}

/** Migration 3. Items `backup` keeps as the API's JSON (see src/sync/account-kinds.ts). */
export interface BackupItemsTable {
  kind: string;
  key: number;
  /** The item's time in its endpoint's order (episode plays: watched_at); null for the rest. */
  time: string | null;
  data: string;
}

export interface ExportsTable {
  id: number;
  exported_at: string;
  kind: "full" | "incremental";
  /** JSON: ExportRecord's files and counts. */
  summary: string;
}

/** The first export that wrote each play. */
export interface ExportedPlaysTable {
  history_id: number;
  export_id: number;
}

/** The rating each film last had in an export (diary or ratings file). */
export interface ExportedRatingsTable {
  trakt_id: number;
  rating: number;
  export_id: number;
}

/** The version (updated_at) of each review last exported. */
export interface ExportedReviewsTable {
  comment_id: number;
  updated_at: string;
  export_id: number;
}

export interface ExportedWatchlistTable {
  trakt_id: number;
  export_id: number;
}

/** Each list's content fingerprint when last exported. */
export interface ExportedListsTable {
  list_id: number;
  fingerprint: string;
  export_id: number;
}
