/**
 * The rest of an account, which only `backup` keeps (shows, episodes, seasons,
 * collection, every comment, whole lists). A backup is for people leaving Trakt, so
 * these keep every field Trakt sends (loose objects): other tools read the files, and a
 * field we do not know today is still someone's data. The fields the tool itself reads
 * are checked.
 */
import { z } from "zod";
import { commentFields, movieSchema, nullable, personalListSchema, timestamp, userSettingsSchema } from "./schemas.js";

const showIdsSchema = z.looseObject({
  trakt: z.number().int(),
  slug: nullable(z.string()),
  tvdb: nullable(z.number().int()),
  imdb: nullable(z.string()),
  tmdb: nullable(z.number().int()),
});

export const showSchema = z.looseObject({
  title: z.string(),
  year: nullable(z.number().int()),
  ids: showIdsSchema,
});
export type TraktShow = z.infer<typeof showSchema>;

export const episodeSchema = z.looseObject({
  season: z.number().int(),
  number: z.number().int(),
  title: nullable(z.string()),
  ids: z.looseObject({ trakt: z.number().int() }),
});
export type TraktEpisode = z.infer<typeof episodeSchema>;

const seasonSchema = z.looseObject({ number: z.number().int(), ids: z.looseObject({ trakt: z.number().int() }) });

/** `/sync/history/episodes`. */
export const episodeHistoryItemSchema = z.looseObject({
  id: z.number().int(),
  watched_at: timestamp,
  action: z.string(),
  type: z.string(),
  episode: episodeSchema,
  show: showSchema,
});
export type EpisodeHistoryItem = z.infer<typeof episodeHistoryItemSchema>;

/** `/sync/watched/movies`: one row per film, latest play only. */
export const watchedMovieSchema = z.looseObject({ plays: z.number().int(), last_watched_at: timestamp.nullish(), movie: movieSchema.loose() });
/** `/sync/watched/shows`. */
export const watchedShowSchema = z.looseObject({ plays: z.number().int(), last_watched_at: timestamp.nullish(), show: showSchema });

const ratingBase = { rated_at: timestamp, rating: z.number().int().min(1).max(10), type: z.string() };
export const showRatingSchema = z.looseObject({ ...ratingBase, show: showSchema });
export type ShowRatingItem = z.infer<typeof showRatingSchema>;
export const seasonRatingSchema = z.looseObject({ ...ratingBase, season: seasonSchema, show: showSchema });
export const episodeRatingSchema = z.looseObject({ ...ratingBase, episode: episodeSchema, show: showSchema });

/** `/sync/watchlist/shows`. */
export const showWatchlistItemSchema = z.looseObject({ rank: z.number().int(), id: z.number().int(), listed_at: timestamp, notes: nullable(z.string()), type: z.string(), show: showSchema });

/** `/sync/collection/movies` and `/sync/collection/shows`. */
export const movieCollectionItemSchema = z.looseObject({ collected_at: timestamp.nullish(), updated_at: timestamp.nullish(), movie: movieSchema.loose() });
export const showCollectionItemSchema = z.looseObject({ last_collected_at: timestamp.nullish(), last_updated_at: timestamp.nullish(), show: showSchema });

/** `/users/{id}/comments`: comments and reviews on films, shows, seasons, episodes and lists. */
export const commentItemSchema = z.looseObject({
  type: z.string(),
  comment: z.looseObject(commentFields),
  movie: movieSchema.loose().optional(),
  show: showSchema.optional(),
  season: seasonSchema.optional(),
  episode: episodeSchema.optional(),
  list: z.looseObject({ ids: z.looseObject({ trakt: z.number().int() }) }).optional(),
});
export type CommentItem = z.infer<typeof commentItemSchema>;

/** `/users/{id}/lists/{list}/items`: films, shows, seasons, episodes and people. */
export const anyListItemSchema = z.looseObject({
  rank: z.number().int(),
  id: z.number().int(),
  listed_at: timestamp,
  notes: nullable(z.string()),
  type: z.string(),
  movie: movieSchema.loose().optional(),
  show: showSchema.optional(),
});
export type AnyListItem = z.infer<typeof anyListItemSchema>;

/** The whole of `/users/settings`. */
export const fullUserSettingsSchema = userSettingsSchema.loose();
export const fullListSchema = personalListSchema.loose();
