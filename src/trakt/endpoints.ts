/**
 * One typed function per Trakt endpoint the tool reads (movies only). Paged ones return
 * the page generator, so callers can stream.
 */
import type { z } from "zod";
import type { Query, TraktClient } from "./client.js";
import type { Page } from "./paginate.js";
import { anyListItemSchema, episodeHistoryItemSchema, type AnyListItem, type EpisodeHistoryItem } from "./account-schemas.js";
import {
  movieAliasSchema,
  movieSearchResultSchema,
  type MovieSearchResult,
  historyItemSchema,
  lastActivitiesSchema,
  listedItemSchema,
  moviePeopleSchema,
  personalListSchema,
  ratingItemSchema,
  reviewItemSchema,
  userSettingsSchema,
  type HistoryItem,
  type LastActivities,
  type ListedItem,
  type PersonalList,
  type RatingItem,
  type ReviewItem,
  type UserSettings,
} from "./schemas.js";

export interface PagedOptions<T> {
  /** Progress, per page in page order. */
  onPage?: (page: Page<T>) => void;
  /** Pages fetched ahead of the one consumed; default the client's concurrency (see TraktClient.paginate). */
  lookahead?: number | (() => number);
}

export type Pages<T> = AsyncGenerator<Page<T>, void, undefined>;

function userPath(user: string | undefined): string {
  return `/users/${user === undefined ? "me" : encodeURIComponent(user)}`;
}

/**
 * Oneself (`user` undefined) is authenticated; a public profile needs only the client id.
 * `kind` names the items where ones that fail their schema are counted (client.stats.skipped).
 */
function paged<T>(client: TraktClient, user: string | undefined, path: string, schema: z.ZodType<T>, options: PagedOptions<T>, kind?: string, query?: Query): Pages<T> {
  return client.paginate(path, schema, { auth: user === undefined, onPage: options.onPage, lookahead: options.lookahead, query, kind });
}

/** `/sync/<what>` for oneself, `/users/<u>/<what>` for a public profile. */
function syncOrUserPath(user: string | undefined, what: string): string {
  return user === undefined ? `/sync/${what}` : `${userPath(user)}/${what}`;
}

export function getUserSettings(client: TraktClient): Promise<UserSettings> {
  return client.get("/users/settings", userSettingsSchema, { auth: true });
}

export function getLastActivities(client: TraktClient): Promise<LastActivities> {
  return client.get("/sync/last_activities", lastActivitiesSchema, { auth: true });
}

export interface HistoryOptions extends PagedOptions<HistoryItem> {
  /** ISO-8601; only plays at or after it. */
  startAt?: string;
  /** ISO-8601; only plays at or before it. */
  endAt?: string;
}

/**
 * The paged endpoints below take `user`: a public profile's username or slug, read with
 * the client id only; undefined means the logged-in user (authenticated, `/sync/…` or
 * `/users/me/…`).
 */

/** Movie plays, most recent first. */
export function movieHistoryPages(client: TraktClient, user?: string, options: HistoryOptions = {}): Pages<HistoryItem> {
  return paged(client, user, syncOrUserPath(user, "history/movies"), historyItemSchema, options, "history", { start_at: options.startAt, end_at: options.endAt });
}

export function movieRatingsPages(client: TraktClient, user?: string, options: PagedOptions<RatingItem> = {}): Pages<RatingItem> {
  return paged(client, user, syncOrUserPath(user, "ratings/movies"), ratingItemSchema, options, "ratings");
}

/** Ordered by the watchlist's rank (Trakt's default sort for it). */
export function movieWatchlistPages(client: TraktClient, user?: string, options: PagedOptions<ListedItem> = {}): Pages<ListedItem> {
  return paged(client, user, syncOrUserPath(user, "watchlist/movies"), listedItemSchema, options, "watchlist");
}

/** Personal lists. Trakt pages them since 2026; an answer without page headers is one page. */
export function userListsPages(client: TraktClient, user?: string, options: PagedOptions<PersonalList> = {}): Pages<PersonalList> {
  return paged(client, user, `${userPath(user)}/lists`, personalListSchema, options, "lists");
}

/** A list's movies; `listId` is its Trakt id or slug. */
export function listItemsPages(client: TraktClient, user: string | undefined, listId: number | string, options: PagedOptions<ListedItem> = {}): Pages<ListedItem> {
  return paged(client, user, `${userPath(user)}/lists/${encodeURIComponent(String(listId))}/items/movie`, listedItemSchema, options, "lists");
}

export function movieReviewsPages(client: TraktClient, user?: string, options: PagedOptions<ReviewItem> = {}): Pages<ReviewItem> {
  return paged(client, user, `${userPath(user)}/comments/reviews/movies`, reviewItemSchema, options, "reviews");
}

export interface MoviePeople {
  /** Names of the crew in `directing` whose jobs include "Director", in Trakt's order. */
  directors: string[];
}

export async function getMoviePeople(client: TraktClient, traktId: number): Promise<MoviePeople> {
  const people = await client.get(`/movies/${traktId}/people`, moviePeopleSchema);
  const directing = people.crew?.directing ?? [];
  const directors = directing.filter((member) => (member.jobs ?? (member.job ? [member.job] : [])).includes("Director")).map((member) => member.person.name);
  return { directors: [...new Set(directors)] };
}

/*
 * The rest of an account, for `backup`. Oneself only: `/sync/…` and `/users/me/…`.
 */

/** Episode plays, most recent first. */
export function episodeHistoryPages(client: TraktClient, options: HistoryOptions & PagedOptions<EpisodeHistoryItem> = {}): Pages<EpisodeHistoryItem> {
  return paged(client, undefined, "/sync/history/episodes", episodeHistoryItemSchema, options, "episode history", { start_at: options.startAt, end_at: options.endAt });
}

/** Any other paged endpoint of one's own account, items checked with `schema`. */
export function ownPages<T>(client: TraktClient, path: string, schema: z.ZodType<T>, options: PagedOptions<T> = {}, query?: Query): Pages<T> {
  return paged(client, undefined, path, schema, options, undefined, query);
}

/** A list's items of every type (films, shows, seasons, episodes, people), in rank order. */
export function allListItemsPages(client: TraktClient, listId: number, options: PagedOptions<AnyListItem> = {}): Pages<AnyListItem> {
  return paged(client, undefined, `/users/me/lists/${listId}/items`, anyListItemSchema, options, "lists");
}

export function getMovieAliases(client: TraktClient, traktId: number): Promise<{ title: string | null; country: string | null }[]> {
  return client.get(`/movies/${traktId}/aliases`, movieAliasSchema.array());
}

/** The first page of `/search/movie` for a title (and year when known). */
export async function searchMovies(client: TraktClient, title: string, year: number | null): Promise<MovieSearchResult[]> {
  return client.get("/search/movie", movieSearchResultSchema.array(), { query: { query: title, years: year ?? undefined } });
}
