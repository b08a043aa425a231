import { isKnownZone, systemTimeZone } from "../config/time-zone.js";
import { buildLetterboxdExport, type Film } from "../letterboxd/index.js";
import { loadLibrary, readAccount, type Store } from "../store/index.js";

export interface FilmRef {
  traktId: number;
  title: string;
  year: number | null;
}

/** The figures the Library page draws, all from the store through the real mapping. */
export interface LibraryStats {
  username: string | undefined;
  /** The zone whose calendar days the diary uses (as an export would). */
  timeZone: string;
  totals: { films: number; plays: number; diaryEntries: number; ratings: number; reviews: number; watchlist: number; lists: number };
  /** Diary entries (a film watched on a day) per year, oldest first. */
  perYear: { year: string; films: number }[];
  /** Diary entries per month, every month from the first to the last, oldest first. */
  perMonth: { month: string; films: number }[];
  /** How many films got each rating, 1 to 10. */
  ratings: { rating: number; films: number }[];
  /** Films watched on the most days (at least two), most first; at most 10. */
  mostRewatched: (FilmRef & { timesWatched: number })[];
  /** Films in the export with neither an IMDb nor a TMDb id: Letterboxd may not match them. */
  withoutIds: (FilmRef & { directors: string[] })[];
  /** Diary entries with an unknown date (Trakt's 1970 plays), not in the per-month figures. */
  undated: number;
}

/**
 * The library page's figures. Counting is done on the diary rows an export would write
 * (same zone, same "one row per film and day"), so the charts agree with diary.csv.
 */
export function libraryStats(store: Store, options: { timeZone?: string }): LibraryStats {
  const account = readAccount(store);
  const timeZone = options.timeZone ?? (account?.timeZone && isKnownZone(account.timeZone) ? account.timeZone : systemTimeZone());
  const library = loadLibrary(store);
  const letterboxd = buildLetterboxdExport(library, { timeZone });

  const perMonth = new Map<string, number>();
  const timesWatched = new Map<number, { film: Film; n: number }>();
  let undated = 0;
  for (const row of letterboxd.diary) {
    const entry = timesWatched.get(row.film.traktId) ?? { film: row.film, n: 0 };
    entry.n += 1;
    timesWatched.set(row.film.traktId, entry);
    if (row.watchedDate === null) undated += 1;
    else increment(perMonth, row.watchedDate.slice(0, 7));
  }
  const months = fillMonths(perMonth);
  const perYear = new Map<string, number>();
  for (const { month, films } of months) perYear.set(month.slice(0, 4), (perYear.get(month.slice(0, 4)) ?? 0) + films);

  const ratings = new Map<number, number>();
  for (const r of library.ratings) increment(ratings, r.rating);

  return {
    username: account?.username,
    timeZone,
    totals: {
      films: library.films.size,
      plays: library.plays.length,
      diaryEntries: letterboxd.diary.length,
      ratings: library.ratings.length,
      reviews: library.reviews.length,
      watchlist: library.watchlist.length,
      lists: library.lists.length,
    },
    perYear: [...perYear].map(([year, films]) => ({ year, films })),
    perMonth: months,
    ratings: Array.from({ length: 10 }, (_, i) => ({ rating: i + 1, films: ratings.get(i + 1) ?? 0 })),
    mostRewatched: [...timesWatched.values()]
      .filter((e) => e.n >= 2)
      .sort((a, b) => b.n - a.n || a.film.title.localeCompare(b.film.title, "en"))
      .slice(0, 10)
      .map(({ film, n }) => ({ ...ref(film), timesWatched: n })),
    withoutIds: letterboxd.titleOnlyFilms.map((film) => ({ ...ref(film), directors: film.directors ?? [] })),
    undated,
  };
}

function ref(film: Film): FilmRef {
  return { traktId: film.traktId, title: film.title, year: film.year };
}

function increment<K>(map: Map<K, number>, key: K): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

/** Every month from the first to the last key, zeros included, so gaps show in the chart. */
function fillMonths(counts: Map<string, number>): { month: string; films: number }[] {
  const keys = [...counts.keys()].sort();
  const first = keys[0];
  const last = keys[keys.length - 1];
  if (first === undefined || last === undefined) return [];
  const out: { month: string; films: number }[] = [];
  let [year, month] = first.split("-").map(Number) as [number, number];
  for (let key = first; key <= last; ) {
    out.push({ month: key, films: counts.get(key) ?? 0 });
    month += 1;
    if (month > 12) [year, month] = [year + 1, 1];
    key = `${year}-${String(month).padStart(2, "0")}`;
  }
  return out;
}
