export { createTraktClient, type ClientEvent, type ClientStats, type PaginateCallOptions, type Query, type RequestSpec, type TraktClient, type TraktClientOptions, type TraktResponse } from "./client.js";
export { AuthSession, tokenExpiresAt, type AuthSessionOptions } from "./auth-session.js";
export { FileTokenStore, MemoryTokenStore, type TokenStore } from "./token-store.js";
export {
  OOB_REDIRECT_URI,
  buildAuthorizeUrl,
  exchangeCode,
  exchangePastedCode,
  pollDeviceToken,
  refreshToken,
  requestDeviceCode,
  revokeToken,
  type AuthorizeUrlOptions,
  type DevicePoll,
  type PollDeviceTokenOptions,
} from "./oauth.js";
export {
  allListItemsPages,
  episodeHistoryPages,
  getMovieAliases,
  ownPages,
  searchMovies,
  getLastActivities,
  getMoviePeople,
  getUserSettings,
  listItemsPages,
  movieHistoryPages,
  movieRatingsPages,
  movieReviewsPages,
  movieWatchlistPages,
  userListsPages,
  type HistoryOptions,
  type MoviePeople,
  type PagedOptions,
  type Pages,
} from "./endpoints.js";
export { PAGE_LIMIT, collectItems, type Page } from "./paginate.js";
export { DEFAULT_RETRY_POLICY, type RetryPolicy } from "./retry.js";
export { DEFAULT_RATE_LIMIT, type RateLimit, type RateLimitReason } from "./rate-limiter.js";
export { parseRetryAfter } from "./rate-limit-headers.js";
export type * from "./schemas.js";
export type * from "./account-schemas.js";
export { historyItemSchema, lastActivitiesSchema, listedItemSchema, movieSchema, moviePeopleSchema, personalListSchema, ratingItemSchema, reviewItemSchema } from "./schemas.js";
export {
  anyListItemSchema,
  commentItemSchema,
  episodeHistoryItemSchema,
  episodeRatingSchema,
  fullListSchema,
  fullUserSettingsSchema,
  movieCollectionItemSchema,
  seasonRatingSchema,
  showCollectionItemSchema,
  showRatingSchema,
  showWatchlistItemSchema,
  watchedMovieSchema,
  watchedShowSchema,
} from "./account-schemas.js";
