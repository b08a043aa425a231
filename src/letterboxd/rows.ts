import type { BulkDay } from "./bulk-plays.js";
import type { Film, PersonalList, Review } from "./library.js";

/**
 * Rows keep what they were built from (history ids, rating, review) so that an
 * incremental export can tell which of them an earlier export already wrote.
 */
export interface DiaryRow {
  film: Film;
  /** `YYYY-MM-DD` in the chosen zone; null for the one row of a film seen only on unknown dates. */
  watchedDate: string | null;
  /** 1–10, only on the film's latest row. */
  rating10: number | null;
  rewatch: boolean;
  /** One of the film's reviews, on the row it belongs to (CONTRACT.md "Mapping rules"); at most one a row. */
  review: Review | null;
  /** The same frozen array on every row of an export (100K copies of one tag list add up). */
  tags: readonly string[];
  /**
   * Every play this row stands for: the film's plays on that local date (or of unknown
   * date). Empty on a row an incremental export writes again only for a new review.
   */
  historyIds: number[];
}

export interface RatingsRow {
  film: Film;
  /** null for a reviewed film with neither play nor rating. */
  rating10: number | null;
  /** The film's latest review that no diary row carries. */
  review: Review | null;
}

export interface WatchlistRow {
  film: Film;
  rank: number;
}

export interface ListRow {
  /** 1, 2, 3… in the list's rank order. */
  position: number;
  film: Film;
  /** The list item's notes, written as the row's Review. */
  notes: string | null;
}

export interface ListExport {
  list: PersonalList;
  /** Filesystem-safe file name without `.csv`, unique among the export's lists. */
  fileStem: string;
  rows: ListRow[];
}

/** Collects a builder's complaints (skipped entries); the caller decides how to show them. */
export type Warn = (message: string) => void;

/** Everything one export writes, as rows; `format.ts` turns it into CSV records. */
export interface LetterboxdExport {
  diary: DiaryRow[];
  ratings: RatingsRow[];
  watchlist: WatchlistRow[];
  lists: ListExport[];
  /** Films in any output with neither an IMDb nor a TMDb id: Letterboxd may mismatch them. */
  titleOnlyFilms: Film[];
  /** Entries skipped (films missing from the library, bad ratings), one sentence each. */
  warnings: string[];
  /** Local days holding a bulk "mark as watched" instant (bulk-plays.ts), written dated or not as the options said. */
  bulkDays: BulkDay[];
}
