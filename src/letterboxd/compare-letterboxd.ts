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
 * A film that cannot be placed, because two Letterboxd films fit equally (unsure), or
 * because it is not found and has neither an IMDb nor a TMDb id (Letterboxd's catalogue
 * may not list it at all), or because it is not found by title and year while Trakt's
 * other titles (aliases), which could place it, were not fetched (offline, a failed
 * request, over the per-run cap: `aliasesNotFetched`), is reported as such and nothing
 * else is said of it: its rows are among those Letterboxd may lack (`missing`), but not a
 * difference (`isDifference`).
 */
import type { LetterboxdAccount, LetterboxdEntry, LetterboxdList } from "./letterboxd-account.js";
import { LetterboxdFilmIndex, nameYearKey, titleKey, type FilmMatch, type LetterboxdFilm } from "./film-match.js";
import { isTitleOnly } from "./format.js";
import type { Film, Review } from "./library.js";
import type { DiaryRow, LetterboxdExport, ListExport, RatingsRow, WatchlistRow } from "./rows.js";

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
  /** Not found by title and year, and Trakt's other titles (aliases), which could place it, were not fetched: it may be there under another title. */
  aliasesNotFetched?: true;
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
  /**
   * Trakt ids of the films whose aliases could place them but were not fetched
   * (aliasesForMatching's `notFetched`): not finding one of them is not a difference.
   */
  aliasesNotFetched?: ReadonlySet<number>;
}

type Rows = Pick<LetterboxdExport, "diary" | "ratings" | "watchlist">;

/** Whether Letterboxd surely lacks what the problem names (verify's exit 4 and fix files): not for a film that could not be placed. */
export function isDifference(problem: FilmProblem): boolean {
  return problem.match === "found" || (problem.match === "none" && problem.titleOnly !== true && problem.aliasesNotFetched !== true);
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
    if (match.kind === "none" && options.aliasesNotFetched?.has(film.traktId) === true) problem.aliasesNotFetched = true;
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
  /**
   * What was left out because Letterboxd has it: diary rows, ratings (a rating left off a
   * row that stays for its review counts too), watchlist films, lists, and reviews (left
   * off a row that stays, or with their row).
   */
  leftOut: { diary: number; ratings: number; watchlist: number; lists: number; reviews: number };
  /** Ratings that differ, and which side's stands: the newer one. */
  ratingDifferences: { title: string; year: number | null; trakt: number; letterboxd: number; kept: "trakt" | "letterboxd" }[];
  /**
   * Lists written whole although Letterboxd has a list of that name: its films or their
   * order differ, and Letterboxd imports a list as a new one (uploading makes a second list).
   */
  listsDiffering: { name: string; letterboxd: string }[];
}

type FilterRows = Rows & { lists?: readonly ListExport[] };

/**
 * `export --letterboxd`: the rows with what Letterboxd already has left out (CONTRACT.md):
 * diary rows of a film and date it has, ratings equal to its, watchlist films on its
 * watchlist or watched. Where the ratings differ the newer stands (Trakt's `rated_at`
 * against the day Letterboxd's was set; a tie keeps Trakt's): when it is Letterboxd's,
 * the film's rating is left off every row, so importing cannot overwrite it.
 *
 * Reviews: a review (on a diary or ratings row) is left off when Letterboxd has a review
 * of the film with the same text (whitespace normalised: reviewsLetterboxdHas); the row
 * stays when something else of it is still needed. Undated review rows have no duplicate
 * protection on import, so this is what keeps a second upload from doubling them.
 *
 * Lists: Letterboxd imports a list as a new one, so a list is all or nothing. A list is
 * left out when Letterboxd has a list of the same films in the same order, whatever its
 * name (the member names a list when importing it); any other list is written whole, and
 * when Letterboxd has a list of its name (Trakt's name or slug, or the file's name, against
 * Letterboxd's list name or file) it is named in `listsDiffering`.
 *
 * "The same film", for lists and reviews: the Letterboxd film the Trakt film is matched to
 * (or one of those it is unsure between); for a film its titles find nowhere (Letterboxd
 * names it otherwise, its aliases unknown), a Letterboxd film of its year or one off that
 * no other Trakt film was matched to.
 */
export function withoutWhatLetterboxdHas<R extends FilterRows>(
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
  const sameFilm = filmIdentity(rows, letterboxd, options);
  // reviewsLetterboxdHas's rule on the lists' identity: building another would match every film again.
  const reviewThere = reviewsHeld(letterboxd, sameFilm);
  let reviewsLeftOut = 0;

  const missingDiary = new Set(comparison.missing.diary);
  const missingRatings = new Set(comparison.missing.ratings);
  const missingWatchlist = new Set(comparison.missing.watchlist);
  const diary = rows.diary.flatMap((row) => {
    const has = reviewThere(row.film, row.review);
    if (has) reviewsLeftOut++;
    if (!missingDiary.has(row)) return [];
    const rating10 = theirsWins.has(row.film.traktId) ? null : row.rating10;
    return [rating10 === row.rating10 && !has ? row : { ...row, rating10, review: has ? null : row.review }];
  });
  // A rating row stays for its rating when Letterboxd lacks it (and Trakt's stands), and for its review when Letterboxd lacks that.
  const ratingRows = rows.ratings.map((row) => {
    const has = reviewThere(row.film, row.review);
    if (has) reviewsLeftOut++;
    const rating10 = row.rating10 !== null && missingRatings.has(row) && !theirsWins.has(row.film.traktId) ? row.rating10 : null;
    const review = has ? null : row.review;
    if (rating10 === null && review === null) return undefined;
    return rating10 === row.rating10 && review === row.review ? row : { ...row, rating10, review };
  });
  // Rated rows first, then the rows that carry only a review.
  const ratings = [...ratingRows.filter((row) => row !== undefined && row.rating10 !== null), ...ratingRows.filter((row) => row !== undefined && row.rating10 === null)] as RatingsRow[];
  const watchlist = rows.watchlist.filter((row) => missingWatchlist.has(row));

  const listsDiffering: LetterboxdFilter["listsDiffering"] = [];
  const taken = new Set<LetterboxdList>();
  const lists = rows.lists?.filter((list) => {
    if (list.rows.length === 0) return true;
    const same = letterboxd.lists.find((theirs) => !taken.has(theirs) && sameItems(list, theirs, sameFilm));
    if (same !== undefined) {
      taken.add(same);
      return false;
    }
    const names = new Set([list.list.name, list.list.slug, list.fileStem].map(titleKey));
    const named = letterboxd.lists.find((theirs) => names.has(titleKey(theirs.name)) || names.has(titleKey(theirs.file)));
    if (named !== undefined) listsDiffering.push({ name: list.list.name, letterboxd: named.name });
    return true;
  });

  const rated = (all: readonly { rating10: number | null }[]) => all.filter((row) => row.rating10 !== null).length;
  return {
    rows: { ...rows, diary, ratings, watchlist, ...(lists ? { lists } : {}) },
    filter: {
      leftOut: {
        diary: rows.diary.length - diary.length,
        ratings: rated(rows.ratings) - rated(ratings),
        watchlist: rows.watchlist.length - watchlist.length,
        lists: (rows.lists?.length ?? 0) - (lists?.length ?? 0),
        reviews: reviewsLeftOut,
      },
      ratingDifferences,
      listsDiffering,
    },
  };
}

/**
 * Whether Letterboxd already holds a Trakt review: a review in its export of the same film
 * (as withoutWhatLetterboxdHas tells it, from `rows` and the options' aliases) with the
 * same text, whitespace normalised. An import file's row must not carry such a review:
 * an undated row adds its review anew (no duplicate protection), and so does a dated one
 * on a date the film has no entry on, so uploading it would make a second review.
 */
export function reviewsLetterboxdHas(rows: FilterRows, letterboxd: LetterboxdAccount, options: CompareOptions = {}): (film: Film, review: Review | null) => boolean {
  return reviewsHeld(letterboxd, filmIdentity(rows, letterboxd, options));
}

function reviewsHeld(letterboxd: LetterboxdAccount, sameFilm: (film: Film, lb: LetterboxdFilm) => boolean): (film: Film, review: Review | null) => boolean {
  const theirs = groupBy(letterboxd.reviews, (entry) => (entry.review === null ? null : reviewKey(entry.review)));
  return (film, review) => review !== null && (theirs.get(reviewKey(review.text)) ?? []).some((entry) => sameFilm(film, entry));
}

/** A review's text as compared: whitespace runs as one space, none at the ends. */
function reviewKey(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/** Whether a Letterboxd list holds the Trakt list's films, in its order. */
function sameItems(list: ListExport, theirs: LetterboxdList, sameFilm: (film: Film, lb: LetterboxdFilm) => boolean): boolean {
  if (theirs.items.length !== list.rows.length) return false;
  const items = [...theirs.items].sort((a, b) => a.position - b.position);
  return list.rows.every((row, i) => sameFilm(row.film, items[i]!));
}

/**
 * Whether a Letterboxd row is of a Trakt film (withoutWhatLetterboxdHas's "the same
 * film"): it is the Letterboxd film the film is matched to, or one it is unsure between;
 * a film not found by its titles may be a Letterboxd film of its year (or one off) that no
 * other Trakt film of the rows was matched to.
 */
function filmIdentity(rows: FilterRows, letterboxd: LetterboxdAccount, options: CompareOptions): (film: Film, lb: LetterboxdFilm) => boolean {
  const { index } = letterboxdSide(letterboxd);
  const matches = new Map<number, FilmMatch<LetterboxdFilm>>();
  const taken = new Set<string>();
  const all = [...rows.diary, ...rows.ratings, ...rows.watchlist, ...(rows.lists ?? []).flatMap((list) => list.rows)];
  const matchOf = (film: Film) => {
    let match = matches.get(film.traktId);
    if (match === undefined) {
      match = matchFilm(index, film, options.aliases);
      matches.set(film.traktId, match);
      if (match.kind === "found") taken.add(nameYearKey(match.film));
    }
    return match;
  };
  for (const { film } of all) matchOf(film);
  const same = (a: LetterboxdFilm, b: LetterboxdFilm) => nameYearKey(a) === nameYearKey(b) && (a.uri === null || b.uri === null || a.uri === b.uri);
  return (film, lb) => {
    const match = matchOf(film);
    if (match.kind === "found") return same(match.film, lb);
    if (match.kind === "unsure") return match.candidates.some((candidate) => same(candidate, lb));
    return !taken.has(nameYearKey(lb)) && (film.year === null || lb.year === null || Math.abs(film.year - lb.year) <= 1);
  };
}
