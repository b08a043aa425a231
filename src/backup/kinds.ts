/**
 * What a backup holds: one JSON file per kind, each an array of items in the API's own
 * shape, in Trakt's own order. Movie history and movie ratings come from the export's
 * store tables; the rest is kept as Trakt's JSON (`backup_items`), fetched again only
 * when its `/sync/last_activities` stamp moved.
 */
import { z } from "zod";
import {
  anyListItemSchema,
  commentItemSchema,
  episodeHistoryItemSchema,
  episodeRatingSchema,
  fullListSchema,
  fullUserSettingsSchema,
  historyItemSchema,
  listedItemSchema,
  movieCollectionItemSchema,
  ratingItemSchema,
  seasonRatingSchema,
  showCollectionItemSchema,
  showRatingSchema,
  showWatchlistItemSchema,
  watchedMovieSchema,
  watchedShowSchema,
  type LastActivities,
} from "../trakt/index.js";
import { SHOW_RATINGS_ITEMS } from "../store/backup-items.js";
import { filmExtraSchema } from "./film-extras.js";

/** A kind fetched whole from one paged endpoint and replaced when its stamp moved. */
export interface PagedKind {
  name: string;
  path: string;
  schema: z.ZodType<unknown>;
  /** The `/sync/last_activities` stamps that move when it changes (any missing: always fetch). */
  stamp: (a: LastActivities) => (string | null | undefined)[];
}

/** Also synced by an online `export --include-shows`. */
export const SHOW_RATINGS: PagedKind = { name: SHOW_RATINGS_ITEMS, path: "/sync/ratings/shows", schema: showRatingSchema, stamp: (a) => [a.shows?.rated_at] };

export const PAGED_KINDS: readonly PagedKind[] = [
  { name: "watched-movies", path: "/sync/watched/movies", schema: watchedMovieSchema, stamp: (a) => [a.movies?.watched_at] },
  { name: "watched-shows", path: "/sync/watched/shows", schema: watchedShowSchema, stamp: (a) => [a.episodes?.watched_at] },
  SHOW_RATINGS,
  { name: "ratings-seasons", path: "/sync/ratings/seasons", schema: seasonRatingSchema, stamp: (a) => [a.seasons?.rated_at] },
  { name: "ratings-episodes", path: "/sync/ratings/episodes", schema: episodeRatingSchema, stamp: (a) => [a.episodes?.rated_at] },
  { name: "watchlist-movies", path: "/sync/watchlist/movies", schema: listedItemSchema.loose(), stamp: (a) => [a.movies?.watchlisted_at, a.watchlist?.updated_at] },
  { name: "watchlist-shows", path: "/sync/watchlist/shows", schema: showWatchlistItemSchema, stamp: (a) => [a.shows?.watchlisted_at, a.watchlist?.updated_at] },
  { name: "collection-movies", path: "/sync/collection/movies", schema: movieCollectionItemSchema, stamp: (a) => [a.movies?.collected_at] },
  { name: "collection-shows", path: "/sync/collection/shows", schema: showCollectionItemSchema, stamp: (a) => [a.episodes?.collected_at] },
  {
    name: "comments",
    path: "/users/me/comments",
    schema: commentItemSchema,
    stamp: (a) => [a.movies?.commented_at, a.shows?.commented_at, a.seasons?.commented_at, a.episodes?.commented_at, a.lists?.commented_at],
  },
];

/** A personal list with all its items (films, shows, …), as `lists.json` holds it. */
export const backupListSchema = z.object({ list: fullListSchema, items: z.array(anyListItemSchema) });

/**
 * Every file of a backup with the schema each item must pass (the client's own), for
 * the reader and the tests. `settings` is one object; the rest are arrays.
 */
export const BACKUP_FILES = {
  "settings": fullUserSettingsSchema,
  "history-movies": historyItemSchema,
  "history-episodes": episodeHistoryItemSchema,
  "ratings-movies": ratingItemSchema,
  ...Object.fromEntries(PAGED_KINDS.map((kind) => [kind.name, kind.schema])),
  "lists": backupListSchema,
  "films-without-ids": filmExtraSchema,
} as const satisfies Record<string, z.ZodType<unknown>>;

/** The stamp of a kind, or null when Trakt did not send every part of it. */
export function stampOf(parts: (string | null | undefined)[]): string | null {
  return parts.some((part) => part === undefined || part === null) ? null : parts.join(" ");
}
