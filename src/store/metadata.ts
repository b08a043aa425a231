/**
 * The metadata cache: data fetched per film (the directors and enrichment of films with
 * neither an IMDb nor a TMDb id; the aliases of films Letterboxd's export names
 * otherwise), kept with its fetch time so a later run asks Trakt again only once it is
 * older than the time-to-live.
 */
import { z } from "zod";
import type { FilmMetadataTable } from "./schema.js";
import type { Store } from "./store.js";

/** Default time-to-live of cached film metadata: 30 days. */
export const METADATA_TTL_MS = 30 * 24 * 3600 * 1000;

const peopleSchema = z.object({ directors: z.array(z.string()) });
const aliasesSchema = z.object({ titles: z.array(z.string()) });

/** Id-less films some stored entry refers to whose cached people are missing or older than `ttlMs`. */
export function filmsNeedingPeople(store: Store, ttlMs: number = METADATA_TTL_MS): number[] {
  return filmsNeedingMetadata(store, "people", ttlMs);
}

/** Id-less films some stored entry refers to whose cached `kind` is missing or older than `ttlMs`. */
export function filmsNeedingMetadata(store: Store, kind: string, ttlMs: number = METADATA_TTL_MS): number[] {
  const freshSince = new Date(store.now() - ttlMs).toISOString();
  const rows = store.prepare(
    `SELECT f.trakt_id FROM films f
     WHERE f.imdb IS NULL AND f.tmdb IS NULL
       AND (EXISTS (SELECT 1 FROM plays p WHERE p.trakt_id = f.trakt_id)
         OR EXISTS (SELECT 1 FROM ratings r WHERE r.trakt_id = f.trakt_id)
         OR EXISTS (SELECT 1 FROM reviews v WHERE v.trakt_id = f.trakt_id)
         OR EXISTS (SELECT 1 FROM watchlist w WHERE w.trakt_id = f.trakt_id)
         OR EXISTS (SELECT 1 FROM list_items i WHERE i.trakt_id = f.trakt_id))
       AND NOT EXISTS (SELECT 1 FROM film_metadata m WHERE m.trakt_id = f.trakt_id AND m.kind = ? AND m.fetched_at >= ?)
     ORDER BY f.trakt_id`,
  ).all(kind, freshSince) as { trakt_id: number }[];
  return rows.map((row) => row.trakt_id);
}

/** Those of `traktIds` whose cached `kind` is missing or older than `ttlMs`, in the order given. */
export function staleMetadata(store: Store, kind: string, traktIds: readonly number[], ttlMs: number = METADATA_TTL_MS): number[] {
  const freshSince = new Date(store.now() - ttlMs).toISOString();
  const fresh = store.prepare("SELECT 1 FROM film_metadata WHERE trakt_id = ? AND kind = ? AND fetched_at >= ?");
  return traktIds.filter((traktId) => fresh.get(traktId, kind, freshSince) === undefined);
}

/** Caches `data` (JSON) as the film's `kind` fetched now. */
export function putMetadata(store: Store, traktId: number, kind: string, data: unknown): void {
  store.prepare(
    `INSERT INTO film_metadata (trakt_id, kind, data, fetched_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (trakt_id, kind) DO UPDATE SET data = excluded.data, fetched_at = excluded.fetched_at`,
  ).run(traktId, kind, JSON.stringify(data), store.nowIso());
}

/** Every cached entry of `kind` by Trakt id (stale or not), parsed with `schema`; unreadable ones are left out. */
export function cachedMetadata<T>(store: Store, kind: string, schema: z.ZodType<T>): Map<number, T> {
  const entries = new Map<number, T>();
  for (const row of store.all<Pick<FilmMetadataTable, "trakt_id" | "data">>("SELECT trakt_id, data FROM film_metadata WHERE kind = ?", kind)) {
    const parsed = schema.safeParse(JSON.parse(row.data));
    if (parsed.success) entries.set(row.trakt_id, parsed.data);
  }
  return entries;
}

/** Caches a film's directors as fetched now. */
export function putPeople(store: Store, traktId: number, directors: readonly string[]): void {
  putMetadata(store, traktId, "people", { directors });
}

/** Cached directors by Trakt id, stale or not (a stale name beats none). */
export function cachedDirectors(store: Store): Map<number, string[]> {
  return new Map([...cachedMetadata(store, "people", peopleSchema)].map(([traktId, people]) => [traktId, people.directors]));
}

/** Caches a film's aliases (their titles) as fetched now. */
export function putAliases(store: Store, traktId: number, titles: readonly string[]): void {
  putMetadata(store, traktId, "aliases", { titles });
}

/** Cached alias titles by Trakt id, stale or not. */
export function cachedAliases(store: Store): Map<number, string[]> {
  return new Map([...cachedMetadata(store, "aliases", aliasesSchema)].map(([traktId, aliases]) => [traktId, aliases.titles]));
}
