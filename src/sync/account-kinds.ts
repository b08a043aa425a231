/**
 * The kinds of a whole account beyond what the export mirrors (shows, episodes,
 * collection, comments…), each fetched whole from one paged endpoint and kept as Trakt's
 * JSON (`backup_items`), fetched again only when its `/sync/last_activities` stamps moved.
 */
import type { z } from "zod";
import {
  commentItemSchema,
  episodeRatingSchema,
  listedItemSchema,
  movieCollectionItemSchema,
  seasonRatingSchema,
  showCollectionItemSchema,
  showRatingSchema,
  showWatchlistItemSchema,
  watchedMovieSchema,
  watchedShowSchema,
  type LastActivities,
} from "../trakt/index.js";
import { SHOW_RATINGS_ITEMS } from "../store/backup-items.js";
import { stampParts } from "./activities.js";

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
  { name: "watched-movies", path: "/sync/watched/movies", schema: watchedMovieSchema, stamp: (a) => stampParts("history", a) },
  { name: "watched-shows", path: "/sync/watched/shows", schema: watchedShowSchema, stamp: (a) => [a.episodes?.watched_at] },
  SHOW_RATINGS,
  { name: "ratings-seasons", path: "/sync/ratings/seasons", schema: seasonRatingSchema, stamp: (a) => [a.seasons?.rated_at] },
  { name: "ratings-episodes", path: "/sync/ratings/episodes", schema: episodeRatingSchema, stamp: (a) => [a.episodes?.rated_at] },
  { name: "watchlist-movies", path: "/sync/watchlist/movies", schema: listedItemSchema.loose(), stamp: (a) => stampParts("watchlist", a) },
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
