/**
 * zod schemas for every Trakt response the tool reads, with their inferred types.
 * Objects strip unknown fields (Trakt adds fields freely); ids and years may be null or
 * missing (TRAKT-API.md "Endpoints").
 */
import { z } from "zod";

/** null when Trakt sends null or leaves the key out. */
const nullable = <T extends z.ZodType>(schema: T) => schema.nullish().transform((value) => value ?? null);

const timestamp = z.string();

export const idsSchema = z.object({
  trakt: z.number().int(),
  slug: nullable(z.string()),
  imdb: nullable(z.string()),
  tmdb: nullable(z.number().int()),
});
export type TraktIds = z.infer<typeof idsSchema>;

export const movieSchema = z.object({
  title: z.string(),
  year: nullable(z.number().int()),
  ids: idsSchema,
});
export type TraktMovie = z.infer<typeof movieSchema>;

export const userSettingsSchema = z.object({
  user: z.object({
    username: z.string(),
    private: z.boolean(),
    name: nullable(z.string()),
    vip: z.boolean().optional(),
    ids: z.object({ slug: z.string() }).optional(),
  }),
  account: z.object({ timezone: nullable(z.string()) }).optional(),
});
export type UserSettings = z.infer<typeof userSettingsSchema>;

const activityTimes = <K extends string>(keys: readonly K[]) =>
  z.object(Object.fromEntries(keys.map((key) => [key, timestamp.nullish()])) as Record<K, z.ZodOptional<z.ZodNullable<z.ZodString>>>);

export const lastActivitiesSchema = z.object({
  all: timestamp,
  movies: activityTimes(["watched_at", "collected_at", "rated_at", "watchlisted_at", "commented_at", "paused_at", "hidden_at"] as const).optional(),
  lists: activityTimes(["updated_at", "liked_at", "commented_at"] as const).optional(),
  watchlist: activityTimes(["updated_at"] as const).optional(),
  /** `settings_at` moves when the account's settings (time zone) change. */
  account: activityTimes(["settings_at"] as const).optional(),
});
export type LastActivities = z.infer<typeof lastActivitiesSchema>;

export const historyItemSchema = z.object({
  id: z.number().int(),
  watched_at: timestamp,
  /** watch | scrobble | checkin today; kept open so a new action is filtered, not fatal. */
  action: z.string(),
  type: z.string(),
  movie: movieSchema,
});
export type HistoryItem = z.infer<typeof historyItemSchema>;

export const ratingItemSchema = z.object({
  rated_at: timestamp,
  rating: z.number().int().min(1).max(10),
  type: z.string(),
  movie: movieSchema,
});
export type RatingItem = z.infer<typeof ratingItemSchema>;

/** Watchlist items and personal-list items share this shape. */
export const listedItemSchema = z.object({
  rank: z.number().int(),
  id: z.number().int(),
  listed_at: timestamp,
  notes: nullable(z.string()),
  type: z.string(),
  movie: movieSchema,
});
export type ListedItem = z.infer<typeof listedItemSchema>;

export const personalListSchema = z.object({
  name: z.string(),
  description: nullable(z.string()),
  privacy: z.string().optional(),
  item_count: z.number().int().optional(),
  updated_at: timestamp.nullish(),
  ids: z.object({ trakt: z.number().int(), slug: z.string() }),
});
export type PersonalList = z.infer<typeof personalListSchema>;

export const reviewItemSchema = z.object({
  type: z.string(),
  comment: z.object({
    id: z.number().int(),
    comment: z.string(),
    spoiler: z.boolean(),
    review: z.boolean(),
    created_at: timestamp,
    updated_at: timestamp,
    user_rating: nullable(z.number().int()),
  }),
  movie: movieSchema,
});
export type ReviewItem = z.infer<typeof reviewItemSchema>;

const crewMemberSchema = z.object({
  /** Trakt sends `jobs`; older responses had a single `job`. */
  jobs: z.array(z.string()).optional(),
  job: z.string().optional(),
  person: z.object({ name: z.string() }),
});

export const moviePeopleSchema = z.object({
  crew: z.object({ directing: z.array(crewMemberSchema).optional() }).optional(),
});
export type MoviePeopleResponse = z.infer<typeof moviePeopleSchema>;

/** A token as Trakt returns it (TRAKT-API.md "OAuth"). */
export interface TraktToken {
  access_token: string;
  token_type?: string;
  /** Seconds. */
  expires_in: number;
  refresh_token: string;
  scope?: string;
  /** Epoch seconds. */
  created_at: number;
}

/** Unknown fields are kept at run time, so token.json holds what Trakt sent. */
export const tokenSchema: z.ZodType<TraktToken> = z.looseObject({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  expires_in: z.number(),
  refresh_token: z.string().min(1),
  scope: z.string().optional(),
  created_at: z.number(),
});

export const deviceCodeSchema = z.object({
  device_code: z.string(),
  user_code: z.string(),
  verification_url: z.string(),
  /** Seconds. */
  expires_in: z.number(),
  /** Seconds between polls. */
  interval: z.number(),
});
export type DeviceCode = z.infer<typeof deviceCodeSchema>;
