/**
 * What a member's Letterboxd account already holds, as the comparison reads it: the
 * rows of their own data export (src/letterboxd-export/ reads the files into this).
 */
import type { LetterboxdFilm } from "./film-match.js";

export interface LetterboxdEntry extends LetterboxdFilm {
  /** `Date`: the day the row was made on Letterboxd (logged, rated, listed). */
  date: string | null;
}

export interface LetterboxdDiaryEntry extends LetterboxdEntry {
  /** `Watched Date`, `YYYY-MM-DD`. */
  watchedDate: string | null;
  /** 0.5–5, or null. */
  rating: number | null;
  rewatch: boolean;
  tags: string[];
  /** reviews.csv only. */
  review: string | null;
}

export interface LetterboxdRating extends LetterboxdEntry {
  rating: number;
}

export interface LetterboxdList {
  /** The file's name without `.csv`. */
  file: string;
  name: string;
  description: string;
  items: (LetterboxdFilm & { position: number; notes: string })[];
}

export interface LetterboxdAccount {
  path: string;
  diary: LetterboxdDiaryEntry[];
  reviews: LetterboxdDiaryEntry[];
  ratings: LetterboxdRating[];
  watched: LetterboxdEntry[];
  watchlist: LetterboxdEntry[];
  lists: LetterboxdList[];
}
