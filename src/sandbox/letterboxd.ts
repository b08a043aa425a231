import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { parse } from "csv-parse/sync";
import { zipSync } from "fflate";
import { renderCsv } from "../letterboxd/csv-render.js";
import type { SandboxLibrary } from "./library-types.js";

/**
 * The sandbox's Letterboxd: a catalogue of films, a member's account, an importer that
 * takes our CSV files as Letterboxd's importer does (LETTERBOXD-IMPORT.md), and the
 * member's data export in Letterboxd's format (what `verify` and `export --letterboxd`
 * read). Everything is plain data and deterministic (no clock: dates come from
 * `account.today`), so a test can import, damage the account with the edit helpers and
 * export again.
 *
 *   const catalogue = letterboxdCatalog(sampleLibrary());
 *   const account = emptyLetterboxdAccount("sam");
 *   const { unmatched } = importCsv(account, catalogue, { "diary.csv": text, … });
 *   dropDiaryEntries(account, (e) => e.film.traktId === 14);
 *   await writeLetterboxdExport(account, join(dir, letterboxdExportName(account)));
 */

/** A film in Letterboxd's catalogue. */
export interface LetterboxdCatalogFilm {
  /** Letterboxd's name of the film (usually Trakt's title; see LETTERBOXD_DIFFERENCES). */
  name: string;
  year: number | null;
  /** The film's page, `https://letterboxd.com/film/<slug>/`: unique in a catalogue. */
  uri: string;
  imdb: string | null;
  tmdb: number | null;
  directors: string[];
  /** The sandbox film it is; null for the Letterboxd-only films. */
  traktId: number | null;
  /** Other titles the importer's title search knows it by: Trakt's title when the name differs, and Trakt's aliases. */
  alternativeTitles: string[];
}

/** One way the sample library and the Letterboxd catalogue deliberately differ. */
export interface LetterboxdDifference {
  /**
   * `name`: Letterboxd names the film otherwise; `year`: Letterboxd's year is one off;
   * `lookalike`: a Letterboxd-only film that shares the sample film's title;
   * `absent`: the sample film is not on Letterboxd at all.
   */
  kind: "name" | "year" | "lookalike" | "absent";
  /** The sample film (Trakt's title and year). */
  title: string;
  year: number | null;
  /** The sample film's IMDb id, when it has one (the key the catalogue applies `name`/`year` by). */
  imdb: string | null;
  /** Letterboxd's film: the renamed or re-dated sample film, or the lookalike; null for `absent`. */
  letterboxd: { name: string; year: number | null; uri: string } | null;
  note: string;
}

/**
 * Every deliberate difference between the sample library and `letterboxdCatalog(sampleLibrary())`.
 * `name`/`year` are applied by IMDb id, so they hold in any library holding those films;
 * the two lookalikes are in every catalogue.
 */
export const LETTERBOXD_DIFFERENCES: readonly LetterboxdDifference[] = [
  { kind: "name", title: "千と千尋の神隠し", year: 2001, imdb: "tt0245429", letterboxd: { name: "Spirited Away", year: 2001, uri: "https://letterboxd.com/film/spirited-away/" }, note: "English title (one of Trakt's aliases)" },
  { kind: "name", title: "Сталкер", year: 1979, imdb: "tt0079944", letterboxd: { name: "Stalker", year: 1979, uri: "https://letterboxd.com/film/stalker/" }, note: "English title" },
  { kind: "name", title: "Lola rennt", year: 1998, imdb: "tt0130827", letterboxd: { name: "Run Lola Run", year: 1998, uri: "https://letterboxd.com/film/run-lola-run/" }, note: "English title" },
  { kind: "name", title: "Der Himmel über Berlin", year: 1987, imdb: "tt0093191", letterboxd: { name: "Wings of Desire", year: 1987, uri: "https://letterboxd.com/film/wings-of-desire/" }, note: "English title" },
  { kind: "year", title: "Festival Cut", year: 2017, imdb: "tt7654321", letterboxd: { name: "Festival Cut", year: 2018, uri: "https://letterboxd.com/film/festival-cut/" }, note: "festival première in 2017, release in 2018: one year off" },
  // Remake-style pair: same title, one year apart, another film. A title search must prefer the exact year.
  { kind: "lookalike", title: "Night on Earth", year: 1991, imdb: "tt0102536", letterboxd: { name: "Night on Earth", year: 1992, uri: "https://letterboxd.com/film/night-on-earth-1992/" }, note: "another film (ids tt9900001 / 9900001), one year after Jarmusch's: an exact year wins over one off" },
  // Same title and same year, neither with an IMDb id: only Directors tell them apart.
  { kind: "lookalike", title: "Grandpa's Super 8 Reels", year: 1994, imdb: null, letterboxd: { name: "Grandpa's Super 8 Reels", year: 1994, uri: "https://letterboxd.com/film/grandpas-super-8-reels-1994/" }, note: "another home movie of 1994 (by Ruth Ekström, TMDb 9900002): without Directors a title match is ambiguous" },
  { kind: "absent", title: "Untitled Basement Tape", year: null, imdb: null, letterboxd: null, note: "no IMDb id, TMDb id or year: not on TMDb, so not on Letterboxd; the importer reports its rows unmatched" },
];

/** The Letterboxd-only films (after every sandbox film, so they get the suffixed slugs). */
const LOOKALIKES: Omit<LetterboxdCatalogFilm, "uri">[] = [
  { name: "Night on Earth", year: 1992, imdb: "tt9900001", tmdb: 9_900_001, directors: ["Aino Lahti"], traktId: null, alternativeTitles: [] },
  { name: "Grandpa's Super 8 Reels", year: 1994, imdb: null, tmdb: 9_900_002, directors: ["Ruth Ekström"], traktId: null, alternativeTitles: [] },
];

/**
 * Letterboxd's catalogue for a sandbox library: one film per catalog movie (Trakt's title
 * and year, except as LETTERBOXD_DIFFERENCES says; films with neither id nor year are left
 * out), then the Letterboxd-only lookalikes.
 */
export function letterboxdCatalog(library: SandboxLibrary): LetterboxdCatalogFilm[] {
  const byImdb = new Map(LETTERBOXD_DIFFERENCES.filter((d) => (d.kind === "name" || d.kind === "year") && d.imdb).map((d) => [d.imdb, d]));
  const slugs = new Set<string>();
  const films: LetterboxdCatalogFilm[] = [];
  const add = (film: Omit<LetterboxdCatalogFilm, "uri">) => films.push({ ...film, uri: `https://letterboxd.com/film/${uniqueSlug(film, slugs)}/` });
  for (const { movie, aliases, people } of library.catalog) {
    const { imdb, tmdb, trakt } = movie.ids;
    if (imdb === null && tmdb === null && movie.year === null) continue;
    const difference = imdb === null ? undefined : byImdb.get(imdb);
    const name = difference?.kind === "name" && difference.letterboxd ? difference.letterboxd.name : movie.title;
    const year = difference?.kind === "year" && difference.letterboxd ? difference.letterboxd.year : movie.year;
    const titles = [movie.title, ...aliases.flatMap((a) => (a.title === null ? [] : [a.title]))].filter((t) => t !== name);
    add({ name, year, imdb, tmdb, directors: (people.crew.directing ?? []).map((d) => d.person.name), traktId: trakt, alternativeTitles: [...new Set(titles)] });
  }
  for (const film of LOOKALIKES) add(film);
  return films;
}

function uniqueSlug(film: { name: string; year: number | null; imdb: string | null; tmdb: number | null }, taken: Set<string>): string {
  const base =
    film.name
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/['’]/g, "")
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "") || `film-${film.imdb ?? film.tmdb ?? taken.size}`;
  let slug = base;
  if (taken.has(slug) && film.year !== null) slug = `${base}-${film.year}`;
  for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;
  taken.add(slug);
  return slug;
}

/** A diary entry (a dated log). `uri` is the entry's own `https://boxd.it/…` link. */
export interface LetterboxdSandboxDiaryEntry {
  uri: string;
  film: LetterboxdCatalogFilm;
  /** `YYYY-MM-DD`. */
  watchedDate: string;
  /** The day it was logged (the export's `Date`). */
  loggedDate: string;
  /** 0.5–5 or null: the rating logged with the entry (the film's rating is in `ratings`). */
  rating: number | null;
  rewatch: boolean;
  tags: string[];
  review: string | null;
}

/** A review without a watched date (from an undated row). */
export interface LetterboxdSandboxReview {
  uri: string;
  film: LetterboxdCatalogFilm;
  date: string;
  rating: number | null;
  review: string;
}

export interface LetterboxdSandboxList {
  /** The list's slug: its file is `lists/<slug>.csv`. */
  slug: string;
  name: string;
  description: string;
  date: string;
  /** In position order; `position` is 1, 2, 3… */
  items: { position: number; film: LetterboxdCatalogFilm; notes: string }[];
}

/** A member's account: a plain mutable object; tests may edit it directly or with the helpers below. */
export interface LetterboxdSandboxAccount {
  username: string;
  /** The sandbox's clock: the date every import and edit stamps (`Date` columns). Default `2026-11-28`. */
  today: string;
  /** In logging order. */
  diary: LetterboxdSandboxDiaryEntry[];
  /** Undated reviews only (dated ones sit on their diary entry). */
  reviews: LetterboxdSandboxReview[];
  /** The film's rating (0.5–5), by film URI. */
  ratings: Map<string, { film: LetterboxdCatalogFilm; rating: number; date: string }>;
  /** Films marked watched, by film URI (every film logged, rated or reviewed is). */
  watched: Map<string, { film: LetterboxdCatalogFilm; date: string }>;
  /** In the order added. */
  watchlist: { film: LetterboxdCatalogFilm; date: string }[];
  lists: LetterboxdSandboxList[];
  /** The next entry/review id (for `https://boxd.it/<id>`). */
  nextId: number;
}

export function emptyLetterboxdAccount(username: string): LetterboxdSandboxAccount {
  return { username, today: "2026-11-28", diary: [], reviews: [], ratings: new Map(), watched: new Map(), watchlist: [], lists: [], nextId: 1_000_000 };
}

/** A row the importer could not match to a film. `row` counts data rows from 1 (the header not counted). */
export interface LetterboxdUnmatchedRow {
  file: string;
  row: number;
  title: string;
  year: number | null;
}

export interface LetterboxdImportResult {
  unmatched: LetterboxdUnmatchedRow[];
  /** Diary entries made, and existing ones updated (same film and date). */
  diaryAdded: number;
  diaryUpdated: number;
}

export interface LetterboxdImportOptions {
  /** A list's name by file slug (what the member types when making the list); default the slug. */
  listNames?: Record<string, string>;
  /** Upload `watchlist*.csv` at letterboxd.com/import by mistake: its films get marked watched, not watchlisted. Default false. */
  watchlistThroughImportPage?: boolean;
}

/**
 * Imports our files as Letterboxd would: `files` maps a file name (`diary.csv`,
 * `ratings-2.csv`, `watchlist.csv`, `lists/<slug>.csv`) to its CSV text. Names under
 * `lists/` go through a new list's import (each upload makes a new list, `<slug>-2` and
 * so on when the slug is taken), names starting with `watchlist` through the watchlist
 * page, any other `.csv` through letterboxd.com/import; other names are ignored.
 *
 * Matching, per row: `imdbID`, else `tmdbID`, else `Title` (the name or an alternative
 * title) with `Year` (exact, else one off; any year when empty), and when that leaves
 * several films, `Directors` (one shared name); still several, or none: unmatched.
 *
 * Effects on the import page: a `WatchedDate` adds a diary entry, or updates the entry
 * of that film on that date (rating and review when given, rewatch, tags added); every
 * row marks its film watched; `Rating` (else `Rating10` / 2) overwrites the film's
 * rating; a `Review` goes on the dated entry, else becomes another undated review
 * (undated rows have no duplicate protection). Watchlist rows add films not yet on it;
 * list rows are ordered by `Position` and take `Review` as the item's notes.
 */
export function importCsv(
  account: LetterboxdSandboxAccount,
  catalogue: readonly LetterboxdCatalogFilm[],
  files: ReadonlyMap<string, string> | Readonly<Record<string, string>>,
  options: LetterboxdImportOptions = {},
): LetterboxdImportResult {
  const find = matcher(catalogue);
  const result: LetterboxdImportResult = { unmatched: [], diaryAdded: 0, diaryUpdated: 0 };
  const entries = new Map(account.diary.map((e) => [`${e.film.uri} ${e.watchedDate}`, e]));
  const inputs = files instanceof Map ? [...files.entries()] : Object.entries(files);
  for (const [file, text] of inputs) {
    if (!file.toLowerCase().endsWith(".csv")) continue;
    const rows = parse(text, { bom: true, columns: true, relax_column_count: true, skip_empty_lines: true }) as Record<string, string>[];
    const matched: { row: Record<string, string>; film: LetterboxdCatalogFilm }[] = [];
    rows.forEach((row, i) => {
      const film = find(row);
      if (film) matched.push({ row, film });
      else result.unmatched.push({ file, row: i + 1, title: row.Title ?? "", year: yearOf(row.Year) });
    });
    const base = file.slice(file.lastIndexOf("/") + 1).toLowerCase();
    if (file.startsWith("lists/")) {
      importList(account, file.slice("lists/".length, -".csv".length), matched, options);
    } else if (base.startsWith("watchlist") && !options.watchlistThroughImportPage) {
      for (const { film } of matched) {
        if (!account.watchlist.some((w) => w.film.uri === film.uri)) account.watchlist.push({ film, date: account.today });
      }
    } else {
      for (const { row, film } of matched) importRow(account, entries, result, row, film);
    }
  }
  return result;
}

function importRow(
  account: LetterboxdSandboxAccount,
  entries: Map<string, LetterboxdSandboxDiaryEntry>,
  result: LetterboxdImportResult,
  row: Record<string, string>,
  film: LetterboxdCatalogFilm,
): void {
  const rating = ratingOf(row.Rating) ?? rating10Of(row.Rating10);
  const review = row.Review?.trim() ? row.Review : null;
  const tags = (row.Tags ?? "").split(",").map((t) => t.trim()).filter(Boolean);
  const watchedDate = dateOf(row.WatchedDate);
  if (!account.watched.has(film.uri)) account.watched.set(film.uri, { film, date: account.today });
  if (rating !== null) account.ratings.set(film.uri, { film, rating, date: account.today });
  if (watchedDate !== null) {
    const key = `${film.uri} ${watchedDate}`;
    const existing = entries.get(key);
    if (existing) {
      if (rating !== null) existing.rating = rating;
      if (review !== null) existing.review = review;
      if (row.Rewatch !== undefined && row.Rewatch.trim() !== "") existing.rewatch = rewatchOf(row.Rewatch);
      existing.tags = [...new Set([...existing.tags, ...tags])];
      result.diaryUpdated++;
      return;
    }
    const entry: LetterboxdSandboxDiaryEntry = {
      uri: boxdIt(account),
      film,
      watchedDate,
      loggedDate: account.today,
      rating,
      rewatch: rewatchOf(row.Rewatch),
      tags,
      review,
    };
    account.diary.push(entry);
    entries.set(key, entry);
    result.diaryAdded++;
  } else if (review !== null) {
    account.reviews.push({ uri: boxdIt(account), film, date: account.today, rating: rating ?? account.ratings.get(film.uri)?.rating ?? null, review });
  }
}

function importList(account: LetterboxdSandboxAccount, fileSlug: string, matched: { row: Record<string, string>; film: LetterboxdCatalogFilm }[], options: LetterboxdImportOptions): void {
  let slug = fileSlug;
  for (let n = 2; account.lists.some((l) => l.slug === slug); n++) slug = `${fileSlug}-${n}`;
  const position = (row: Record<string, string>) => {
    const p = Number(row.Position);
    return Number.isFinite(p) && (row.Position ?? "").trim() !== "" ? p : Number.MAX_SAFE_INTEGER;
  };
  const ordered = matched.map((m, i) => ({ ...m, i })).sort((a, b) => position(a.row) - position(b.row) || a.i - b.i);
  account.lists.push({
    slug,
    name: options.listNames?.[fileSlug] ?? fileSlug,
    description: "",
    date: account.today,
    items: ordered.map(({ row, film }, i) => ({ position: i + 1, film, notes: row.Review ?? "" })),
  });
}

/** Finds a row's film as the importer does (see importCsv). */
function matcher(catalogue: readonly LetterboxdCatalogFilm[]): (row: Record<string, string>) => LetterboxdCatalogFilm | undefined {
  const byImdb = new Map<string, LetterboxdCatalogFilm>();
  const byTmdb = new Map<number, LetterboxdCatalogFilm>();
  const byTitle = new Map<string, LetterboxdCatalogFilm[]>();
  for (const film of catalogue) {
    if (film.imdb !== null && !byImdb.has(film.imdb)) byImdb.set(film.imdb, film);
    if (film.tmdb !== null && !byTmdb.has(film.tmdb)) byTmdb.set(film.tmdb, film);
    for (const key of new Set([film.name, ...film.alternativeTitles].map(keyOf))) {
      if (key === "") continue;
      byTitle.set(key, [...(byTitle.get(key) ?? []), film]);
    }
  }
  return (row) => {
    const imdb = (row.imdbID ?? "").trim();
    const byId = (/^tt\d+$/.test(imdb) ? byImdb.get(imdb) : undefined) ?? byTmdb.get(Number((row.tmdbID ?? "").trim()));
    if (byId) return byId;
    let candidates = byTitle.get(keyOf(row.Title ?? "")) ?? [];
    const year = yearOf(row.Year);
    if (year !== null) {
      const exact = candidates.filter((f) => f.year === year);
      candidates = exact.length > 0 ? exact : candidates.filter((f) => f.year !== null && Math.abs(f.year - year) === 1);
    }
    if (candidates.length > 1) {
      const directors = new Set((row.Directors ?? "").split(",").map(keyOf).filter(Boolean));
      candidates = candidates.filter((f) => f.directors.some((d) => directors.has(keyOf(d))));
    }
    return candidates.length === 1 ? candidates[0] : undefined;
  };
}

function keyOf(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/['’]/g, "")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

function boxdIt(account: LetterboxdSandboxAccount): string {
  return `https://boxd.it/${(account.nextId++).toString(36)}`;
}

function yearOf(text: string | undefined): number | null {
  const year = Number(text);
  return text !== undefined && text.trim() !== "" && Number.isInteger(year) && year > 1800 ? year : null;
}

function dateOf(text: string | undefined): string | null {
  return text !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(text.trim()) ? text.trim() : null;
}

function ratingOf(text: string | undefined): number | null {
  const rating = Number(text);
  return text !== undefined && text.trim() !== "" && rating >= 0.5 && rating <= 5 && Number.isInteger(rating * 2) ? rating : null;
}

function rating10Of(text: string | undefined): number | null {
  const rating = Number(text);
  return text !== undefined && text.trim() !== "" && Number.isInteger(rating) && rating >= 1 && rating <= 10 ? rating / 2 : null;
}

function rewatchOf(text: string | undefined): boolean {
  return ["true", "yes", "1"].includes((text ?? "").trim().toLowerCase());
}

// ---- Edits: a bad or partial import, or the member's own changes on Letterboxd ----

/** Removes the diary entries the predicate picks (the films stay watched and rated); returns how many. */
export function dropDiaryEntries(account: LetterboxdSandboxAccount, predicate: (entry: LetterboxdSandboxDiaryEntry) => boolean): number {
  const before = account.diary.length;
  account.diary = account.diary.filter((e) => !predicate(e));
  return before - account.diary.length;
}

/** Moves the picked entries' watched dates by `days` (default +1, as a time-zone slip does); returns how many. */
export function shiftDiaryDates(account: LetterboxdSandboxAccount, predicate: (entry: LetterboxdSandboxDiaryEntry) => boolean, days = 1): number {
  let count = 0;
  for (const entry of account.diary) {
    if (!predicate(entry)) continue;
    entry.watchedDate = new Date(Date.parse(`${entry.watchedDate}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
    count++;
  }
  return count;
}

/**
 * Sets the film ratings the predicate picks to `next(old)` (null removes the rating),
 * dated `date` (default `account.today`). Diary entries keep the rating they were
 * logged with, as on Letterboxd. Returns how many changed.
 */
export function changeRatings(
  account: LetterboxdSandboxAccount,
  predicate: (film: LetterboxdCatalogFilm, rating: number) => boolean,
  next: (rating: number) => number | null,
  date: string = account.today,
): number {
  let count = 0;
  for (const [uri, value] of [...account.ratings]) {
    if (!predicate(value.film, value.rating)) continue;
    const rating = next(value.rating);
    if (rating === null) account.ratings.delete(uri);
    else account.ratings.set(uri, { film: value.film, rating, date });
    count++;
  }
  return count;
}

/**
 * Removes every trace of the picked films (diary, reviews, rating, watched, watchlist,
 * lists), as after an import that never matched them; returns how many films went.
 */
export function dropFilms(account: LetterboxdSandboxAccount, predicate: (film: LetterboxdCatalogFilm) => boolean): number {
  const gone = new Set<string>();
  const keep = (film: LetterboxdCatalogFilm) => {
    if (!predicate(film)) return true;
    gone.add(film.uri);
    return false;
  };
  account.diary = account.diary.filter((e) => keep(e.film));
  account.reviews = account.reviews.filter((r) => keep(r.film));
  account.watchlist = account.watchlist.filter((w) => keep(w.film));
  for (const map of [account.ratings, account.watched]) for (const [uri, value] of [...map]) if (!keep(value.film)) map.delete(uri);
  for (const list of account.lists) list.items = list.items.filter((item) => keep(item.film)).map((item, i) => ({ ...item, position: i + 1 }));
  return gone.size;
}

/** Takes the picked films off the watchlist; returns how many. */
export function dropWatchlistFilms(account: LetterboxdSandboxAccount, predicate: (film: LetterboxdCatalogFilm) => boolean): number {
  const before = account.watchlist.length;
  account.watchlist = account.watchlist.filter((w) => !predicate(w.film));
  return before - account.watchlist.length;
}

/**
 * The Letterboxd export of a member who uploaded `files` (our CSVs, by name as in the
 * output folder: `diary.csv`, `lists/x.csv`) and then lost a few things, for trying
 * `verify` by hand: the diary entries of 2024 and the first watchlist film are gone.
 * Written as a ZIP at `target`; returns what was taken away.
 */
export async function writeSampleLetterboxdExport(
  library: SandboxLibrary,
  files: ReadonlyMap<string, string>,
  target: string,
): Promise<{ diaryEntries: number; watchlistFilms: number }> {
  const account = emptyLetterboxdAccount(library.users[0]?.settings.user.username ?? "member");
  importCsv(account, letterboxdCatalog(library), files);
  const diaryEntries = dropDiaryEntries(account, (entry) => entry.watchedDate.startsWith("2024-"));
  const first = account.watchlist[0]?.film;
  const watchlistFilms = dropWatchlistFilms(account, (film) => film === first);
  await writeLetterboxdExport(account, target);
  return { diaryEntries, watchlistFilms };
}

// ---- The member's data export ----

/** The export's time: its name and ZIP entry times. */
export const LETTERBOXD_EXPORT_TIME = "2026-11-29T10:00:00.000Z";

/** The e-mail address in `profile.csv`: nothing a reader writes may contain it. */
export const LETTERBOXD_PROFILE_EMAIL = "member@letterboxd.example.invalid";

/** The one row of `deleted/diary.csv` (a deleted entry): readers must ignore it. */
export const LETTERBOXD_DELETED_ROW = { name: "Deleted Diary Junk", year: 2011, watchedDate: "2011-11-11" } as const;

/** `letterboxd-<user>-2026-11-29-10-00-utc.zip`. */
export function letterboxdExportName(account: LetterboxdSandboxAccount): string {
  const stamp = LETTERBOXD_EXPORT_TIME.slice(0, 16).replace(/[T:]/g, "-");
  return `letterboxd-${account.username}-${stamp}-utc.zip`;
}

const csv = (header: string[], rows: (string | number | null)[][]): string =>
  renderCsv(
    header,
    rows.map((row) => row.map((cell) => (cell === null ? "" : String(cell)))),
  );

/** Archive path → CSV text (UTF-8, `\n`, RFC 4180), as Letterboxd's export holds them. */
export function letterboxdExportFiles(account: LetterboxdSandboxAccount): Map<string, string> {
  const files = new Map<string, string>();
  const film = (f: LetterboxdCatalogFilm) => [f.name, f.year];
  const byDate = <T extends { date: string }>(items: T[]) => items.map((item, i) => ({ item, i })).sort((a, b) => a.item.date.localeCompare(b.item.date) || a.i - b.i).map(({ item }) => item);
  const diary = byDate(account.diary.map((e) => ({ ...e, date: e.loggedDate })));

  files.set(
    "diary.csv",
    csv(
      ["Date", "Name", "Year", "Letterboxd URI", "Rating", "Rewatch", "Tags", "Watched Date"],
      diary.map((e) => [e.loggedDate, ...film(e.film), e.uri, e.rating, e.rewatch ? "Yes" : "", e.tags.join(", "), e.watchedDate]),
    ),
  );
  const reviews = byDate([
    ...diary.filter((e) => e.review !== null).map((e) => ({ ...e, review: e.review ?? "" })),
    ...account.reviews.map((r) => ({ ...r, rewatch: false, tags: [] as string[], watchedDate: null })),
  ]);
  files.set(
    "reviews.csv",
    csv(
      ["Date", "Name", "Year", "Letterboxd URI", "Rating", "Rewatch", "Review", "Tags", "Watched Date"],
      reviews.map((r) => [r.date, ...film(r.film), r.uri, r.rating, r.rewatch ? "Yes" : "", r.review, r.tags.join(", "), r.watchedDate]),
    ),
  );
  files.set("ratings.csv", csv(["Date", "Name", "Year", "Letterboxd URI", "Rating"], byDate([...account.ratings.values()]).map((r) => [r.date, ...film(r.film), r.film.uri, r.rating])));
  const plain = (items: { film: LetterboxdCatalogFilm; date: string }[]) => csv(["Date", "Name", "Year", "Letterboxd URI"], byDate(items).map((w) => [w.date, ...film(w.film), w.film.uri]));
  files.set("watched.csv", plain([...account.watched.values()]));
  files.set("watchlist.csv", plain(account.watchlist));
  files.set(
    "profile.csv",
    csv(
      ["Date Joined", "Username", "Given Name", "Family Name", "Email Address", "Location", "Website", "Bio", "Pronoun", "Favorite Films"],
      [["2020-01-01", account.username, "Sandbox", "Member", LETTERBOXD_PROFILE_EMAIL, "", "", "", "They/them", ""]],
    ),
  );
  for (const list of account.lists) {
    files.set(
      `lists/${list.slug}.csv`,
      "Letterboxd list export v7\n" +
        csv(["Date", "Name", "Tags", "URL", "Description"], [[list.date, list.name, "", `https://letterboxd.com/${account.username}/list/${list.slug}/`, list.description]]) +
        "\n" +
        csv(["Position", "Name", "Year", "URL", "Description"], list.items.map((item) => [item.position, ...film(item.film), item.film.uri, item.notes])),
    );
  }
  const junk = LETTERBOXD_DELETED_ROW;
  files.set(
    "deleted/diary.csv",
    csv(["Date", "Name", "Year", "Letterboxd URI", "Rating", "Rewatch", "Tags", "Watched Date"], [[junk.watchedDate, junk.name, junk.year, "https://boxd.it/deleted1", 5, "", "", junk.watchedDate]]),
  );
  return files;
}

export function letterboxdExportZip(account: LetterboxdSandboxAccount): Uint8Array {
  const encoder = new TextEncoder();
  const entries = Object.fromEntries([...letterboxdExportFiles(account)].map(([name, text]) => [name, encoder.encode(text)]));
  return zipSync(entries, { level: 6, mtime: new Date(LETTERBOXD_EXPORT_TIME) });
}

/** Writes the ZIP at `target` (default; name it with letterboxdExportName), or with `zip: false` the files as a folder tree under it. Returns `target`. */
export async function writeLetterboxdExport(account: LetterboxdSandboxAccount, target: string, options: { zip?: boolean } = {}): Promise<string> {
  if (options.zip ?? true) {
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, letterboxdExportZip(account));
    return target;
  }
  for (const [path, text] of letterboxdExportFiles(account)) {
    const file = join(target, path);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, text);
  }
  return target;
}
