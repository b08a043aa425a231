/**
 * The sandbox's data, kept in the Trakt API's own JSON shapes so that a response is
 * just these objects serialised. The one sandbox-only field is `hidden` (see
 * pagination.ts): such an item counts in the paging headers but is never served.
 */

export interface MovieIds {
  trakt: number;
  slug: string;
  imdb: string | null;
  tmdb: number | null;
}

export interface Movie {
  title: string;
  year: number | null;
  ids: MovieIds;
}

export interface Show {
  title: string;
  year: number | null;
  ids: { trakt: number; slug: string; tvdb: number | null; imdb: string | null; tmdb: number | null };
}

export interface Episode {
  season: number;
  number: number;
  title: string;
  ids: { trakt: number; tvdb: number | null; imdb: string | null; tmdb: number | null };
}

/** Sandbox-only: counted by pagination, dropped from the page after slicing. */
export interface Hideable {
  hidden?: true;
}

export type HistoryAction = "watch" | "scrobble" | "checkin";

export interface MovieHistoryItem extends Hideable {
  id: number;
  watched_at: string;
  action: HistoryAction;
  type: "movie";
  movie: Movie;
}

export interface EpisodeHistoryItem extends Hideable {
  id: number;
  watched_at: string;
  action: HistoryAction;
  type: "episode";
  episode: Episode;
  show: Show;
}

export type HistoryItem = MovieHistoryItem | EpisodeHistoryItem;

export interface RatingItem extends Hideable {
  rated_at: string;
  rating: number;
  type: "movie";
  movie: Movie;
}

export interface WatchlistItem extends Hideable {
  rank: number;
  id: number;
  listed_at: string;
  notes: string | null;
  type: "movie";
  movie: Movie;
}

export interface WatchedItem {
  plays: number;
  last_watched_at: string;
  last_updated_at: string;
  movie: Movie;
}

export interface CollectionItem {
  collected_at: string;
  updated_at: string;
  movie: Movie;
}

/** Episodes of shows: ratings, watchlist, collection and comments, as `/sync/…/shows` serve them. */
export interface ShowRatingItem extends Hideable {
  rated_at: string;
  rating: number;
  type: "show";
  show: Show;
}

export interface SeasonRatingItem extends Hideable {
  rated_at: string;
  rating: number;
  type: "season";
  season: { number: number; ids: { trakt: number; tvdb: number | null; tmdb: number | null } };
  show: Show;
}

export interface EpisodeRatingItem extends Hideable {
  rated_at: string;
  rating: number;
  type: "episode";
  episode: Episode;
  show: Show;
}

export interface ShowWatchlistItem extends Hideable {
  rank: number;
  id: number;
  listed_at: string;
  notes: string | null;
  type: "show";
  show: Show;
}

export interface WatchedShowItem {
  plays: number;
  last_watched_at: string;
  last_updated_at: string;
  reset_at: string | null;
  show: Show;
  seasons: { number: number; episodes: { number: number; plays: number; last_watched_at: string }[] }[];
}

export interface ShowCollectionItem {
  last_collected_at: string;
  last_updated_at: string;
  show: Show;
  seasons: { number: number; episodes: { number: number; collected_at: string; metadata: Record<string, unknown> }[] }[];
}

/** A comment that is not a film review (a shout, or on a show or episode): `/users/{id}/comments` serves both. */
export interface OtherCommentItem extends Hideable {
  type: "movie" | "show" | "episode";
  comment: ReviewItem["comment"] | (Omit<ReviewItem["comment"], "review"> & { review: false });
  movie?: Movie;
  show?: Show;
  episode?: Episode;
}

interface ListItemBase extends Hideable {
  rank: number;
  id: number;
  listed_at: string;
  notes: string | null;
}
export type ListItem = (ListItemBase & { type: "movie"; movie: Movie }) | (ListItemBase & { type: "show"; show: Show });

export interface PublicUser {
  username: string;
  private: boolean;
  name: string;
  vip: boolean;
  vip_ep: boolean;
  ids: { slug: string };
}

export interface TraktList {
  name: string;
  description: string | null;
  privacy: "private" | "link" | "friends" | "public";
  share_link: string;
  type: "personal";
  display_numbers: boolean;
  allow_comments: boolean;
  sort_by: string;
  sort_how: "asc" | "desc";
  created_at: string;
  updated_at: string;
  item_count: number;
  comment_count: number;
  likes: number;
  ids: { trakt: number; slug: string };
  user: PublicUser;
}

export interface SandboxList {
  list: TraktList;
  /** In rank order. */
  items: ListItem[];
}

export interface ReviewItem extends Hideable {
  type: "movie";
  comment: {
    id: number;
    parent_id: number;
    comment: string;
    spoiler: boolean;
    review: true;
    created_at: string;
    updated_at: string;
    replies: number;
    likes: number;
    user_rating: number | null;
  };
  movie: Movie;
}

export interface UserSettings {
  user: PublicUser & { joined_at: string; location: string | null; about: string | null };
  account: { timezone: string; date_format: string; time_24hr: boolean; cover_image: string | null };
}

type Stamps<K extends string> = Record<K, string>;
export interface LastActivities {
  all: string;
  movies: Stamps<
    "watched_at" | "collected_at" | "rated_at" | "watchlisted_at" | "favorited_at" | "commented_at" | "paused_at" | "hidden_at"
  >;
  episodes: Stamps<"watched_at" | "collected_at" | "rated_at" | "watchlisted_at" | "commented_at" | "paused_at">;
  shows: Stamps<"rated_at" | "watchlisted_at" | "favorited_at" | "commented_at" | "hidden_at">;
  seasons: Stamps<"rated_at" | "watchlisted_at" | "commented_at" | "hidden_at">;
  comments: Stamps<"liked_at" | "blocked_at">;
  lists: Stamps<"liked_at" | "updated_at" | "commented_at">;
  watchlist: Stamps<"updated_at">;
  favorites: Stamps<"updated_at">;
  account: Stamps<"settings_at" | "followed_at" | "following_at" | "pending_at" | "requested_at">;
}

export interface SandboxUser {
  settings: UserSettings;
  /** Newest first (movies and, in generated libraries, episodes). */
  history: HistoryItem[];
  /** Newest first. */
  ratings: RatingItem[];
  /** Rank order. */
  watchlist: WatchlistItem[];
  /** Derived from history: one row per film, latest play first. */
  watched: WatchedItem[];
  collection: CollectionItem[];
  lists: SandboxList[];
  /** Newest first. */
  reviews: ReviewItem[];
  /** Shows (for `backup`); newest first where Trakt sorts by time. */
  showRatings: ShowRatingItem[];
  seasonRatings: SeasonRatingItem[];
  episodeRatings: EpisodeRatingItem[];
  showWatchlist: ShowWatchlistItem[];
  /** Derived from history. */
  watchedShows: WatchedShowItem[];
  showCollection: ShowCollectionItem[];
  /** Comments other than film reviews; `/users/{id}/comments` serves these with the reviews. */
  otherComments: OtherCommentItem[];
  last_activities: LastActivities;
}

export interface MovieFull extends Movie {
  tagline: string | null;
  overview: string | null;
  released: string | null;
  runtime: number | null;
  country: string | null;
  status: "released";
  rating: number;
  votes: number;
  comment_count: number;
  language: string | null;
  genres: string[];
  certification: string | null;
  updated_at: string;
}

export interface Person {
  name: string;
  ids: { trakt: number; slug: string; imdb: string | null; tmdb: number | null };
}

export interface MoviePeople {
  cast: { characters: string[]; character: string; person: Person }[];
  crew: { directing?: { jobs: string[]; job: string; person: Person }[] };
}

export interface MovieAlias {
  title: string | null;
  country: string;
}

export interface CatalogEntry {
  movie: MovieFull;
  /** `/movies/{id}/aliases`: other countries' titles; Trakt serves some with a null title. */
  aliases: MovieAlias[];
  people: MoviePeople;
}

export interface SandboxLibrary {
  /** The first user owns every token the sandbox issues unless told otherwise. */
  users: SandboxUser[];
  /** Every film any user refers to, for /movies/{id}, /search and people. */
  catalog: CatalogEntry[];
}
