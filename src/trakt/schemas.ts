/**
 * zod schemas for the Trakt responses the export reads (films, plays, ratings, lists,
 * login), with their inferred types; the rest of an account, which only `backup` keeps,
 * is in account-schemas.ts.
 * Objects strip unknown fields (Trakt adds fields freely); ids and years may be null or
 * missing (TRAKT-API.md "Endpoints").
 */
import { z } from "zod";

/** null when Trakt sends null or leaves the key out. */
export const nullable = <T extends z.ZodType>(schema: T) => schema.nullish().transform((value) => value ?? null);

/**
 * An id or year that may be missing: null, left out, or (on some old Trakt records) "" or 0.
 * All become null here, so nothing downstream writes a `0` (LETTERBOXD-IMPORT.md).
 */
const missingText = z.string().nullish().transform((value) => (value ? value : null));
const missingNumber = z.number().int().nullish().transform((value) => (value ? value : null));

/**
 * A time Trakt sends (ISO-8601 in any valid form: `…00.000Z`, `…00Z`, `…+00:00`), made
 * one canonical instant text here at the boundary: UTC with milliseconds, as
 * `Date.toISOString` writes it. The store compares and sorts times as text, which is
 * comparing instants only while every time has this one form.
 */
export const timestamp = z.string().transform((text, ctx) => {
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) {
    ctx.addIssue({ code: "custom", message: `not a time: "${text.slice(0, 40)}"` });
    return z.NEVER;
  }
  return new Date(ms).toISOString();
});

export const idsSchema = z.object({
  trakt: z.number().int(),
  slug: nullable(z.string()),
  imdb: missingText,
  tmdb: missingNumber,
});
export type TraktIds = z.infer<typeof idsSchema>;

export const movieSchema = z.object({
  title: z.string(),
  year: missingNumber,
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
  z.object(Object.fromEntries(keys.map((key) => [key, timestamp.nullish()])) as Record<K, z.ZodOptional<z.ZodNullable<typeof timestamp>>>);

export const lastActivitiesSchema = z.object({
  all: timestamp,
  movies: activityTimes(["watched_at", "collected_at", "rated_at", "watchlisted_at", "commented_at", "paused_at", "hidden_at"] as const).optional(),
  lists: activityTimes(["updated_at", "liked_at", "commented_at"] as const).optional(),
  watchlist: activityTimes(["updated_at"] as const).optional(),
  /** Read by `backup` only. */
  episodes: activityTimes(["watched_at", "collected_at", "rated_at", "watchlisted_at", "commented_at"] as const).optional(),
  shows: activityTimes(["rated_at", "watchlisted_at", "commented_at"] as const).optional(),
  seasons: activityTimes(["rated_at", "watchlisted_at", "commented_at"] as const).optional(),
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
  /** Older answers leave it out; the endpoints read are films only. */
  type: z.string().default("movie"),
  movie: movieSchema,
});
export type RatingItem = z.infer<typeof ratingItemSchema>;

/** Rank of an item Trakt sent without one (older answers): after every ranked item. */
export const UNRANKED = 2 ** 31 - 1;
/** When an item was listed, if Trakt does not say: first among equal ranks. */
const UNKNOWN_LISTED_AT = "1970-01-01T00:00:00.000Z";

/**
 * Watchlist items and personal-list items share this shape. `rank`, `id` and `listed_at`
 * may be missing in older answers: only the order they give matters to the files.
 */
export const listedItemSchema = z.object({
  rank: z.number().int().nullish().transform((rank) => rank ?? UNRANKED),
  id: z.number().int().nullish().transform((id) => id ?? null),
  listed_at: timestamp.nullish().transform((at) => at ?? UNKNOWN_LISTED_AT),
  notes: nullable(z.string()),
  type: z.string().default("movie"),
  movie: movieSchema,
});
export type ListedItem = z.infer<typeof listedItemSchema>;

/** A list without a slug (Trakt's contract allows it) is written as `lists/list-<id>.csv`. */
export const personalListSchema = z.object({
  name: nullable(z.string()).transform((name) => name ?? "Untitled list"),
  description: nullable(z.string()),
  privacy: nullable(z.string()).optional(),
  item_count: z.number().int().optional(),
  updated_at: timestamp.nullish(),
  ids: z.object({ trakt: z.number().int(), slug: nullable(z.string()) }).transform((ids) => ({ trakt: ids.trakt, slug: ids.slug || `list-${ids.trakt}` })),
});
export type PersonalList = z.infer<typeof personalListSchema>;

/** A comment's fields the tool reads (reviews, and a backup's comments). */
export const commentFields = {
  id: z.number().int(),
  comment: z.string(),
  spoiler: z.boolean(),
  review: z.boolean(),
  created_at: timestamp,
  /** A comment never edited may come without it. */
  updated_at: timestamp.nullish(),
  user_rating: nullable(z.number().int()),
};

export const reviewItemSchema = z.object({
  type: z.string().default("movie"),
  // A review never edited was last updated when it was made.
  comment: z.object(commentFields).transform((comment) => ({ ...comment, updated_at: comment.updated_at ?? comment.created_at })),
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

export const movieAliasSchema = z.object({ title: nullable(z.string()), country: nullable(z.string()) });
export const movieSearchResultSchema = z.object({ type: z.string(), score: z.number().optional(), movie: movieSchema });
export type MovieSearchResult = z.infer<typeof movieSearchResultSchema>;
