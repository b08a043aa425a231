/**
 * What earlier exports wrote: the memory behind `export --incremental`
 * (CONTRACT.md "Incremental exports").
 */
import { z } from "zod";
import type { ExportedListsTable, ExportedPlaysTable, ExportedRatingsTable, ExportedReviewsTable, ExportedWatchlistTable, ExportsTable } from "./schema.js";
import type { Store } from "./store.js";

/** What every export so far wrote, as the incremental selection reads it. */
export interface ExportedState {
  /** History ids of plays some diary row stood for. */
  plays: ReadonlySet<number>;
  /** Trakt id → the rating (1–10) last written for the film. */
  ratings: ReadonlyMap<number, number>;
  /** Comment id → the `updatedAt` of the review's version last written. */
  reviews: ReadonlyMap<number, string>;
  /** Trakt ids of films written to a watchlist file. */
  watchlist: ReadonlySet<number>;
  /** List Trakt id → fingerprint of the content last written. */
  lists: ReadonlyMap<number, string>;
}

export interface ExportedFile {
  name: string;
  path: string;
  rows: number;
  bytes: number;
}

/** One export's account of itself, as recordExport stores it. */
export interface ExportWrite {
  kind: "full" | "incremental";
  files: readonly ExportedFile[];
  plays: readonly number[];
  ratings: readonly { traktId: number; rating: number }[];
  reviews: readonly { commentId: number; updatedAt: string }[];
  watchlist: readonly number[];
  lists: readonly { listId: number; fingerprint: string }[];
}

export interface ExportRecord {
  id: number;
  exportedAt: string;
  kind: "full" | "incremental";
  files: ExportedFile[];
  /** How many of each this export wrote. */
  counts: { plays: number; ratings: number; reviews: number; watchlist: number; lists: number };
}

const summarySchema = z.object({
  files: z.array(z.object({ name: z.string(), path: z.string(), rows: z.number(), bytes: z.number() })),
  counts: z.object({ plays: z.number(), ratings: z.number(), reviews: z.number(), watchlist: z.number(), lists: z.number() }),
});

export function readExportedState(store: Store): ExportedState {
  return {
    plays: new Set(store.all<Pick<ExportedPlaysTable, "history_id">>("SELECT history_id FROM exported_plays").map((row) => row.history_id)),
    ratings: new Map(store.all<Pick<ExportedRatingsTable, "trakt_id" | "rating">>("SELECT trakt_id, rating FROM exported_ratings").map((row) => [row.trakt_id, row.rating])),
    reviews: new Map(store.all<Pick<ExportedReviewsTable, "comment_id" | "updated_at">>("SELECT comment_id, updated_at FROM exported_reviews").map((row) => [row.comment_id, row.updated_at])),
    watchlist: new Set(store.all<Pick<ExportedWatchlistTable, "trakt_id">>("SELECT trakt_id FROM exported_watchlist").map((row) => row.trakt_id)),
    lists: new Map(store.all<Pick<ExportedListsTable, "list_id" | "fingerprint">>("SELECT list_id, fingerprint FROM exported_lists").map((row) => [row.list_id, row.fingerprint])),
  };
}

/**
 * Records one export in one transaction and returns its id. Call it only once every
 * file is fully written: a crash before leaves the export unrecorded, so the next
 * `--incremental` writes the same rows again rather than losing them.
 */
export function recordExportWrite(store: Store, write: ExportWrite): number {
  return store.transaction(() => {
    const counts = { plays: write.plays.length, ratings: write.ratings.length, reviews: write.reviews.length, watchlist: write.watchlist.length, lists: write.lists.length };
    const { lastInsertRowid } = store
      .prepare("INSERT INTO exports (exported_at, kind, summary) VALUES (?, ?, ?)")
      .run(store.nowIso(), write.kind, JSON.stringify({ files: write.files, counts }));
    const id = Number(lastInsertRowid);
    // A play keeps the first export that wrote it; the others keep the latest version written.
    const play = store.prepare("INSERT OR IGNORE INTO exported_plays (history_id, export_id) VALUES (?, ?)");
    for (const historyId of write.plays) play.run(historyId, id);
    const rating = store.prepare("INSERT OR REPLACE INTO exported_ratings (trakt_id, rating, export_id) VALUES (?, ?, ?)");
    for (const r of write.ratings) rating.run(r.traktId, r.rating, id);
    const review = store.prepare("INSERT OR REPLACE INTO exported_reviews (comment_id, updated_at, export_id) VALUES (?, ?, ?)");
    for (const r of write.reviews) review.run(r.commentId, r.updatedAt, id);
    const watch = store.prepare("INSERT OR REPLACE INTO exported_watchlist (trakt_id, export_id) VALUES (?, ?)");
    for (const traktId of write.watchlist) watch.run(traktId, id);
    const list = store.prepare("INSERT OR REPLACE INTO exported_lists (list_id, fingerprint, export_id) VALUES (?, ?, ?)");
    for (const l of write.lists) list.run(l.listId, l.fingerprint, id);
    return id;
  });
}

/** The latest export, or undefined when none was recorded. */
export function lastExport(store: Store): ExportRecord | undefined {
  return listExports(store, 1)[0];
}

/** The latest `limit` exports, newest first. */
export function listExports(store: Store, limit: number): ExportRecord[] {
  return store.all<ExportsTable>("SELECT * FROM exports ORDER BY id DESC LIMIT ?", limit).map(toRecord);
}

export function findExport(store: Store, id: number): ExportRecord | undefined {
  const row = store.first<ExportsTable>("SELECT * FROM exports WHERE id = ?", id);
  return row && toRecord(row);
}

function toRecord(row: ExportsTable): ExportRecord {
  const summary = summarySchema.parse(JSON.parse(row.summary));
  return { id: row.id, exportedAt: row.exported_at, kind: row.kind, files: summary.files, counts: summary.counts };
}
