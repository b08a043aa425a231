/**
 * A user's film library as the Letterboxd mapping sees it: plain data, already
 * validated and normalised from Trakt's responses (src/export/ builds it; the
 * local store of a later issue will too). Films are referenced by Trakt id.
 */
export interface Film {
  traktId: number;
  title: string;
  /** null when Trakt does not know it. */
  year: number | null;
  /** e.g. "tt0133093"; null when Trakt has none. */
  imdb: string | null;
  /** null when Trakt has none. */
  tmdb: number | null;
  /** Director names; filled only for films with neither an IMDb nor a TMDb id. */
  directors?: string[];
  /** Trakt's original title when it differs from `title`; filled only for films with neither id. */
  originalTitle?: string;
}

/** History actions that are plays (CONTRACT.md "Mapping rules"), for films and episodes alike. */
export const PLAY_ACTIONS: readonly string[] = ["watch", "scrobble", "checkin"];

/** One history item whose action is a play (watch, scrobble or checkin). */
export interface Play {
  /** Trakt history id (int64 in the API; fits a double for every real id). */
  historyId: number;
  traktId: number;
  /** UTC ISO-8601 as Trakt sent it; the Unix epoch means "unknown date". */
  watchedAt: string;
  /** `watchedAt` in epoch ms, when the source holds it parsed already (PlayColumns); read a play's time through playInstant. */
  readonly watchedMs?: number;
}

/** A play's instant in epoch ms, NaN when its time is unreadable: parsed once, by whoever holds the play. */
export function playInstant(play: Play): number {
  return play.watchedMs ?? Date.parse(play.watchedAt);
}

export interface Rating {
  traktId: number;
  /** 1–10. */
  rating: number;
  ratedAt: string;
}

/** The user's latest comment on a film that Trakt marks as a review. */
export interface Review {
  traktId: number;
  commentId: number;
  text: string;
  spoiler: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface WatchlistEntry {
  traktId: number;
  rank: number;
  listedAt: string;
  notes: string | null;
}

export interface ListItem {
  traktId: number;
  rank: number;
  listedAt: string;
  notes: string | null;
}

export interface PersonalList {
  traktId: number;
  slug: string;
  name: string;
  description: string | null;
  /** Film items only, any order (the mapping sorts by rank). */
  items: ListItem[];
}

/**
 * The plays, newest first: an array, or (from the store) PlayColumns, which makes each
 * pass's Play objects afresh, so a 100K-play history never sits in memory as objects
 * beside the rows built from it.
 */
export interface Plays extends Iterable<Play> {
  readonly length: number;
}

export interface Library {
  /** Every film referenced by any entry below, by Trakt id. */
  films: Map<number, Film>;
  plays: Plays;
  ratings: Rating[];
  reviews: Review[];
  watchlist: WatchlistEntry[];
  lists: PersonalList[];
}
