/**
 * What Letterboxd already has of the Trakt library, and what it lacks (CONTRACT.md
 * "Knowing what Letterboxd already has"): the rows of a full export compared, film by
 * film, with the member's Letterboxd export. Pure: the caller reads both sides.
 *
 * A Trakt film is found on Letterboxd by its titles and year (film-match.ts), its Trakt
 * aliases counting as further titles when the caller has them; then:
 * - each dated diary row is there when Letterboxd has a diary entry of the film on that
 *   date; a missing one with an entry a day before or after that Trakt has no play on is
 *   "on another date", a one-day shift being a likely time-zone difference;
 * - a film seen only on unknown dates is there when Letterboxd has it watched at all;
 * - the rating is there when Letterboxd's equals it;
 * - a watchlist film is there when it is on Letterboxd's watchlist or already watched.
 * A film that cannot be placed, because two Letterboxd films fit equally (unsure) or
 * because it is not found and has neither an IMDb nor a TMDb id (Letterboxd's catalogue
 * may not list it at all), is reported as such and nothing else is said of it: its rows
 * are among those Letterboxd may lack (`missing`), but not a difference (`isDifference`).
 */
import type { LetterboxdAccount, LetterboxdEntry } from "./letterboxd-account.js";
import { LetterboxdFilmIndex, nameYearKey, type LetterboxdFilm } from "./film-match.js";
import { isTitleOnly } from "./format.js";
import type { Film } from "./library.js";
import type { DiaryRow, LetterboxdExport, RatingsRow, WatchlistRow } from "./rows.js";

export interface FilmProblem {
  film: { traktId: number; title: string; year: number | null };
  match: "found" | "unsure" | "none";
  /** The Letterboxd film it was matched to. */
  letterboxd?: { name: string; year: number | null; uri: string | null; yearOff: boolean };
  /** Unsure: the Letterboxd films that fit equally. */
  candidates?: { name: string; year: number | null; uri: string | null }[];
  /** Diary dates Trakt has and Letterboxd lacks. */
  missingDates: string[];
  /** Trakt's date and the Letterboxd entry's date near it; `oneDay`: a likely time-zone difference. */
  otherDates: { trakt: string; letterboxd: string; oneDay: boolean }[];
  /** Seen on unknown dates only, and not watched on Letterboxd. */
  notWatched: boolean;
  /** Ratings on Letterboxd's scale (0.5–5); Letterboxd's null when it has none, with the day it was set there. */
  rating?: { trakt: number; letterboxd: number | null; letterboxdDate: string | null };
  watchlistMissing: boolean;
  /** The film has neither an IMDb nor a TMDb id: when not found, Letterboxd may not list it at all. */
  titleOnly?: true;
}

export interface LetterboxdComparison {
  counts: {
    films: number;
    found: number;
    unsure: number;
    notFound: number;
    missingDiaryEntries: number;
    otherDates: number;
    oneDayShifts: number;
    ratingsDiffer: number;
    watchlistMissing: number;
  };
  /** Only films with something to report, in title order. */
  films: FilmProblem[];
  /**
   * The rows Letterboxd lacks (or holds otherwise), as export rows, with every row of the
   * films that could not be placed: what `export --letterboxd` writes.
   */
  missing: Pick<LetterboxdExport, "diary" | "ratings" | "watchlist">;
}

export interface CompareOptions {
  /** Trakt's aliases of films, by Trakt id (the store's cache): further titles to match by. */
  aliases?: ReadonlyMap<number, readonly string[]>;
}

type Rows = Pick<LetterboxdExport, "diary" | "ratings" | "watchlist">;

/** Whether Letterboxd surely lacks what the problem names (verify's exit 4 and fix files): not for a film that could not be placed. */
export function isDifference(problem: FilmProblem): boolean {
  return problem.match === "found" || (problem.match === "none" && problem.titleOnly !== true);
}

export function compareWithLetterboxd(rows: Rows, letterboxd: LetterboxdAccount, options: CompareOptions = {}): LetterboxdComparison {
  const side = letterboxdSide(letterboxd);
  const films = traktFilms(rows);
  const problems: FilmProblem[] = [];
  const missing: LetterboxdComparison["missing"] = { diary: [], ratings: [], watchlist: [] };
  const counts: LetterboxdComparison["counts"] = { films: films.size, found: 0, unsure: 0, notFound: 0, missingDiaryEntries: 0, otherDates: 0, oneDayShifts: 0, ratingsDiffer: 0, watchlistMissing: 0 };

  for (const { film, diary, rating, watchlist } of films.values()) {
    const match = matchFilm(side.index, film, options.aliases);
    const problem: FilmProblem = { film: { traktId: film.traktId, title: film.title, year: film.year }, match: match.kind, missingDates: [], otherDates: [], notWatched: false, watchlistMissing: false };
    if (isTitleOnly(film)) problem.titleOnly = true;
    if (match.kind === "unsure") problem.candidates = match.candidates.map(({ name, year, uri }) => ({ name, year, uri }));
    const lb = match.kind === "found" ? match.film : undefined;
    if (lb) problem.letterboxd = { name: lb.name, year: lb.year, uri: lb.uri, yearOff: match.kind === "found" && match.yearOff };
    counts[match.kind === "found" ? "found" : match.kind === "unsure" ? "unsure" : "notFound"]++;
    if (!isDifference(problem)) {
      // Which Letterboxd film it is, or whether Letterboxd lists it, is unknown: its rows may be lacking, nothing is sure.
      missing.diary.push(...diary);
      if (rating) missing.ratings.push(rating);
      if (watchlist) missing.watchlist.push(watchlist);
      problems.push(problem);
      continue;
    }

    const lbDates = lb ? side.diaryDates(lb) : new Set<string>();
    const traktDates = new Set(diary.flatMap((row) => (row.watchedDate ? [row.watchedDate] : [])));
    for (const row of diary) {
      if (row.watchedDate === null) {
        if (!lb || !side.watched(lb)) {
          problem.notWatched = true;
          missing.diary.push(row);
        }
        continue;
      }
      if (lbDates.has(row.watchedDate)) continue;
      const near = [shiftDay(row.watchedDate, -1), shiftDay(row.watchedDate, 1)].find((day) => lbDates.has(day) && !traktDates.has(day));
      if (near !== undefined) {
        problem.otherDates.push({ trakt: row.watchedDate, letterboxd: near, oneDay: true });
        counts.otherDates++;
        counts.oneDayShifts++;
      } else {
        problem.missingDates.push(row.watchedDate);
        counts.missingDiaryEntries++;
      }
      missing.diary.push(row);
    }
    if (rating?.rating10 != null) {
      const theirs = lb ? side.rating(lb) : undefined;
      if ((theirs?.rating ?? null) !== rating.rating10 / 2) {
        problem.rating = { trakt: rating.rating10 / 2, letterboxd: theirs?.rating ?? null, letterboxdDate: theirs?.date ?? null };
        counts.ratingsDiffer++;
        missing.ratings.push(rating);
      }
    }
    if (watchlist && (!lb || !(side.onWatchlist(lb) || side.watched(lb)))) {
      problem.watchlistMissing = true;
      counts.watchlistMissing++;
      missing.watchlist.push(watchlist);
    }
    const hasProblem = match.kind !== "found" || problem.missingDates.length > 0 || problem.otherDates.length > 0 || problem.notWatched || problem.rating !== undefined || problem.watchlistMissing;
    if (hasProblem) problems.push(problem);
  }
  problems.sort((a, b) => a.film.title.localeCompare(b.film.title, "en") || a.film.traktId - b.film.traktId);
  return { counts, films: problems, missing };
}

/** The Trakt films of the rows, each with its diary rows, rating and watchlist row. */
function traktFilms(rows: Rows) {
  const films = new Map<number, { film: Film; diary: DiaryRow[]; rating: RatingsRow | undefined; watchlist: WatchlistRow | undefined }>();
  const entry = (film: Film) => {
    let found = films.get(film.traktId);
    if (found === undefined) {
      found = { film, diary: [], rating: undefined, watchlist: undefined };
      films.set(film.traktId, found);
    }
    return found;
  };
  for (const row of rows.diary) entry(row.film).diary.push(row);
  for (const row of rows.ratings) if (row.rating10 !== null) entry(row.film).rating = row;
  for (const row of rows.watchlist) entry(row.film).watchlist = row;
  return films;
}

function matchFilm(index: LetterboxdFilmIndex<LetterboxdFilm>, film: Film, aliases: ReadonlyMap<number, readonly string[]> | undefined) {
  return index.match([film.title, ...(film.originalTitle ? [film.originalTitle] : [])], film.year, aliases?.get(film.traktId));
}

/**
 * The Trakt films worth asking Trakt's aliases of: those the matching cannot place (not
 * found, or unsure) while some Letterboxd film no Trakt film took has their year or one
 * off (any year for a film of unknown year). Another title can place a film only on such
 * a film, so an account Letterboxd mostly lacks, or holds under the same titles, costs
 * few requests. By Trakt id, ascending.
 */
export function filmsForAliases(rows: Rows, letterboxd: LetterboxdAccount, options: CompareOptions = {}): number[] {
  const { index, films: all } = letterboxdSide(letterboxd);
  const taken = new Set<string>();
  const unplaced: Film[] = [];
  for (const { film } of traktFilms(rows).values()) {
    const match = matchFilm(index, film, options.aliases);
    if (match.kind === "found") taken.add(nameYearKey(match.film));
    else unplaced.push(film);
  }
  const years = new Set(all.filter((film) => !taken.has(nameYearKey(film))).map((film) => film.year));
  if (years.size === 0) return [];
  return unplaced
    .filter((film) => film.year === null || [film.year - 1, film.year, film.year + 1].some((year) => years.has(year)))
    .map((film) => film.traktId)
    .sort((a, b) => a - b);
}

/** Lookups over the member's export: its films, and per film its diary dates, rating, watchlist and watched marks. */
function letterboxdSide(account: LetterboxdAccount) {
  const all: LetterboxdFilm[] = [...account.ratings, ...account.watched, ...account.watchlist, ...account.diary, ...account.reviews, ...account.lists.flatMap((list) => list.items)];
  const index = new LetterboxdFilmIndex(all);
  // Diary rows carry no film URI: a film's rows are those of its name key and year.
  const byFilm = <T extends LetterboxdFilm>(rows: readonly T[]) => {
    const byUri = groupBy(rows, (row) => row.uri);
    const byKey = groupBy(rows, nameYearKey);
    return (film: LetterboxdFilm): T[] => [...new Set([...(film.uri ? (byUri.get(film.uri) ?? []) : []), ...(byKey.get(nameYearKey(film)) ?? [])])];
  };
  const diary = byFilm([...account.diary, ...account.reviews]);
  const ratings = byFilm(account.ratings);
  const watched = byFilm<LetterboxdEntry>([...account.watched, ...account.diary, ...account.reviews]);
  const watchlist = byFilm(account.watchlist);
  return {
    index,
    films: all,
    diaryDates: (film: LetterboxdFilm) => new Set(diary(film).flatMap((row) => (row.watchedDate ? [row.watchedDate] : []))),
    rating: (film: LetterboxdFilm): { rating: number; date: string | null } | undefined => ratings(film)[0],
    watched: (film: LetterboxdFilm) => watched(film).length > 0,
    onWatchlist: (film: LetterboxdFilm) => watchlist(film).length > 0,
  };
}

function groupBy<T>(rows: readonly T[], keyOf: (row: T) => string | null): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const key = keyOf(row);
    if (key === null) continue;
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return groups;
}

function shiftDay(date: string, days: number): string {
  const ms = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000;
  return new Date(ms).toISOString().slice(0, 10);
}

export interface LetterboxdFilter {
  /** Rows left out because Letterboxd has them. */
  leftOut: { diary: number; ratings: number; watchlist: number };
  /** Ratings that differ, and which side's stands: the newer one. */
  ratingDifferences: { title: string; year: number | null; trakt: number; letterboxd: number; kept: "trakt" | "letterboxd" }[];
}

/**
 * `export --letterboxd`: the rows with what Letterboxd already has left out (CONTRACT.md):
 * diary rows of a film and date it has, ratings equal to its, watchlist films on its
 * watchlist or watched. Where the ratings differ the newer stands (Trakt's `rated_at`
 * against the day Letterboxd's was set; a tie keeps Trakt's): when it is Letterboxd's,
 * the film's rating is left off every row, so importing cannot overwrite it. Lists are
 * kept whole (Letterboxd imports a list as a new one).
 */
export function withoutWhatLetterboxdHas<R extends Pick<LetterboxdExport, "diary" | "ratings" | "watchlist">>(
  rows: R,
  letterboxd: LetterboxdAccount,
  ratedAt: ReadonlyMap<number, string>,
  options: CompareOptions = {},
): { rows: R; filter: LetterboxdFilter } {
  const comparison = compareWithLetterboxd(rows, letterboxd, options);
  const theirsWins = new Set<number>();
  const ratingDifferences: LetterboxdFilter["ratingDifferences"] = [];
  for (const problem of comparison.films) {
    const rating = problem.rating;
    if (rating === undefined || rating.letterboxd === null) continue;
    const traktDay = ratedAt.get(problem.film.traktId)?.slice(0, 10) ?? "";
    const kept = rating.letterboxdDate !== null && rating.letterboxdDate > traktDay ? "letterboxd" : "trakt";
    if (kept === "letterboxd") theirsWins.add(problem.film.traktId);
    ratingDifferences.push({ title: problem.film.title, year: problem.film.year, trakt: rating.trakt, letterboxd: rating.letterboxd, kept });
  }
  const missingDiary = new Set(comparison.missing.diary);
  const missingWatchlist = new Set(comparison.missing.watchlist);
  const diary = rows.diary.filter((row) => missingDiary.has(row)).map((row) => (theirsWins.has(row.film.traktId) ? { ...row, rating10: null } : row));
  // A reviewed film's row without a rating carries the review: it stays.
  const ratings = [...comparison.missing.ratings.filter((row) => !theirsWins.has(row.film.traktId)), ...rows.ratings.filter((row) => row.rating10 === null)];
  const watchlist = rows.watchlist.filter((row) => missingWatchlist.has(row));
  return {
    rows: { ...rows, diary, ratings, watchlist },
    filter: { leftOut: { diary: rows.diary.length - diary.length, ratings: rows.ratings.length - ratings.length, watchlist: rows.watchlist.length - watchlist.length }, ratingDifferences },
  };
}
