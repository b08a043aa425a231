import type BetterSqlite3 from "better-sqlite3";
import { StoreError } from "../errors.js";

export interface Migration {
  /** 1, 2, 3…: the `PRAGMA user_version` the store has once it ran. */
  version: number;
  up(db: BetterSqlite3.Database): void;
}

/**
 * Forward migrations in order. Never edit one that has shipped: add the next. Each runs
 * in one transaction with its `user_version` bump, so a crash leaves the old version
 * or the new one, never half of it.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    up: (db) =>
      db.exec(`
        CREATE TABLE films (
          trakt_id INTEGER PRIMARY KEY,
          title TEXT NOT NULL,
          year INTEGER,
          imdb TEXT,
          tmdb INTEGER,
          slug TEXT
        );
        CREATE TABLE plays (
          history_id INTEGER PRIMARY KEY,
          trakt_id INTEGER NOT NULL REFERENCES films (trakt_id),
          watched_at TEXT NOT NULL,
          action TEXT NOT NULL
        );
        CREATE INDEX plays_by_watched_at ON plays (watched_at);
        CREATE TABLE ratings (
          trakt_id INTEGER PRIMARY KEY REFERENCES films (trakt_id),
          rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 10),
          rated_at TEXT NOT NULL
        );
        CREATE TABLE reviews (
          comment_id INTEGER PRIMARY KEY,
          trakt_id INTEGER NOT NULL REFERENCES films (trakt_id),
          text TEXT NOT NULL,
          spoiler INTEGER NOT NULL,
          created_at TEXT NOT NULL,
          updated_at TEXT NOT NULL
        );
        CREATE TABLE watchlist (
          trakt_id INTEGER PRIMARY KEY REFERENCES films (trakt_id),
          rank INTEGER NOT NULL,
          listed_at TEXT NOT NULL,
          notes TEXT
        );
        CREATE TABLE lists (
          trakt_id INTEGER PRIMARY KEY,
          slug TEXT NOT NULL,
          name TEXT NOT NULL,
          description TEXT,
          updated_at TEXT
        );
        CREATE TABLE list_items (
          list_id INTEGER NOT NULL REFERENCES lists (trakt_id) ON DELETE CASCADE,
          trakt_id INTEGER NOT NULL REFERENCES films (trakt_id),
          rank INTEGER NOT NULL,
          listed_at TEXT NOT NULL,
          notes TEXT
        );
        CREATE INDEX list_items_by_list ON list_items (list_id, rank);
        CREATE TABLE account (
          id INTEGER PRIMARY KEY CHECK (id = 1),
          username TEXT NOT NULL,
          time_zone TEXT,
          public_profile INTEGER NOT NULL,
          updated_at TEXT NOT NULL
        );
        CREATE TABLE sync_state (
          kind TEXT PRIMARY KEY,
          stamp TEXT,
          remote_count INTEGER,
          stored_count INTEGER,
          floor TEXT,
          synced_at TEXT NOT NULL
        );
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE exports (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          exported_at TEXT NOT NULL,
          kind TEXT NOT NULL CHECK (kind IN ('full', 'incremental')),
          summary TEXT NOT NULL
        );
        CREATE TABLE exported_plays (history_id INTEGER PRIMARY KEY, export_id INTEGER NOT NULL REFERENCES exports (id));
        CREATE TABLE exported_ratings (trakt_id INTEGER PRIMARY KEY, rating INTEGER NOT NULL, export_id INTEGER NOT NULL REFERENCES exports (id));
        CREATE TABLE exported_reviews (comment_id INTEGER PRIMARY KEY, updated_at TEXT NOT NULL, export_id INTEGER NOT NULL REFERENCES exports (id));
        CREATE TABLE exported_watchlist (trakt_id INTEGER PRIMARY KEY, export_id INTEGER NOT NULL REFERENCES exports (id));
        CREATE TABLE exported_lists (list_id INTEGER PRIMARY KEY, fingerprint TEXT NOT NULL, export_id INTEGER NOT NULL REFERENCES exports (id));
      `),
  },
  {
    // Directors (and later details, aliases) of id-less films, so a later run asks Trakt only when stale.
    version: 2,
    up: (db) =>
      db.exec(`
        CREATE TABLE film_metadata (
          trakt_id INTEGER NOT NULL REFERENCES films (trakt_id),
          kind TEXT NOT NULL,
          data TEXT NOT NULL,
          fetched_at TEXT NOT NULL,
          PRIMARY KEY (trakt_id, kind)
        );
        CREATE INDEX plays_by_film ON plays (trakt_id);
      `),
  },
  {
    // `backup`: what the export does not mirror (shows, episodes, collection,
    // comments, whole lists, settings), kept as the API's JSON per item. `key` is the
    // history id for episode plays, else the item's place in Trakt's order.
    version: 3,
    up: (db) =>
      db.exec(`
        CREATE TABLE backup_items (
          kind TEXT NOT NULL,
          key INTEGER NOT NULL,
          time TEXT,
          data TEXT NOT NULL,
          PRIMARY KEY (kind, key)
        );
        CREATE INDEX backup_items_by_time ON backup_items (kind, time);
      `),
  },
  {
    // Times as instants: every time Trakt sent becomes one canonical text (UTC, milliseconds,
    // `Date.toISOString`'s form) so that comparing and sorting them as text compares instants.
    // The response schemas write that form from now on; this converts what earlier versions
    // stored as Trakt sent it (`…Z` without a fraction, `+00:00`). Text SQLite cannot read
    // as a time is left as it was.
    version: 4,
    up: (db) => {
      const columns: [string, string][] = [
        ["plays", "watched_at"],
        ["ratings", "rated_at"],
        ["reviews", "created_at"],
        ["reviews", "updated_at"],
        ["watchlist", "listed_at"],
        ["lists", "updated_at"],
        ["list_items", "listed_at"],
        ["exported_reviews", "updated_at"],
        ["backup_items", "time"],
      ];
      for (const [table, column] of columns) {
        db.exec(`UPDATE ${table} SET ${column} = COALESCE(strftime('%Y-%m-%dT%H:%M:%fZ', ${column}), ${column}) WHERE ${column} IS NOT NULL`);
      }
    },
  },
];

export const SCHEMA_VERSION = MIGRATIONS.length;

/**
 * Brings the database to `target` (default the latest) one migration at a time.
 * Refuses a store from a newer version of the tool rather than guess at its shape.
 */
export function migrate(db: BetterSqlite3.Database, target: number = SCHEMA_VERSION): void {
  const current = db.pragma("user_version", { simple: true }) as number;
  if (current > SCHEMA_VERSION) {
    throw new StoreError(`The store ${db.name} has schema version ${current}, newer than this version of trakt-letterboxd knows (${SCHEMA_VERSION}); update the tool or use another --home.`);
  }
  for (const migration of MIGRATIONS) {
    if (migration.version <= current || migration.version > target) continue;
    db.transaction(() => {
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
}
