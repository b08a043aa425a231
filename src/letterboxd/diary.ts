import { byDayThenTitle } from "./day-order.js";
import { compareReviews, ratingByFilm, reviewsByFilm, reviewWrittenMs } from "./film-facts.js";
import { playInstant, type Film, type Library, type Review } from "./library.js";
import { isUnknownInstant, zoneDates, type ZoneDates } from "./local-date.js";
import type { DiaryRow, Warn } from "./rows.js";

export interface DiaryOptions {
  /** IANA zone whose calendar dates the plays get, e.g. "Europe/Berlin". */
  timeZone: string;
  /** Written on every row (Letterboxd's Tags). Default none. */
  tags?: readonly string[];
  /** Told about skipped plays (unknown film, unreadable date). Default: ignore. */
  warn?: Warn;
  /**
   * Instants (epoch ms) whose plays give no dated row: bulk "mark as watched" with
   * `--bulk-plays undated` (bulk-plays.ts). Such a play marks its film watched like a
   * play of unknown date, and makes the film's plays on later dates rewatches. Default none.
   */
  undatedInstants?: ReadonlySet<number>;
}

interface FilmPlays {
  film: Film;
  /** Its dated rows as first seen, as indexes into the build's rows; most films have a handful, so a Map each (25K of them) would cost more than it saves. */
  days: number[];
  /** The same rows by date, once there are many. */
  byDate: Map<string, number> | undefined;
  /** Plays that give no dated row: of unknown date, or at an undated bulk instant (most films have none). */
  undatedIds: number[] | undefined;
  /** True when one of them is of unknown date, which counts as earlier than every dated play. */
  unknownDate: boolean;
  /** The earliest local date of the film's undated bulk plays. */
  firstBulkDate: string | null;
}

/**
 * Every row made so far and, at the same index, its day's earliest play (ms), which
 * orders rows of one date. Parallel arrays, not a wrapper object per row: 100K plays
 * make ~100K rows, and each extra object per row is MBs more held through the build.
 */
interface RowsBeingBuilt {
  rows: DiaryRow[];
  firstMs: number[];
}

/**
 * One diary row per film and local date, oldest first, undated rows last.
 * See CONTRACT.md "Mapping rules" for Rewatch, rating and review placement.
 */
export function buildDiary(library: Library, options: DiaryOptions): DiaryRow[] {
  const warn = options.warn ?? (() => undefined);
  const zone = zoneDates(options.timeZone);
  const tags = Object.freeze([...(options.tags ?? [])]);
  const byFilm = new Map<number, FilmPlays>();
  const built: RowsBeingBuilt = { rows: [], firstMs: [] };
  /** Trakt id → history ids of plays of a film the library lacks, reported once per film. */
  const orphans = new Map<number, number[]>();

  for (const play of library.plays) {
    const ms = playInstant(play);
    if (Number.isNaN(ms)) {
      warn(`History item ${play.historyId} has an unreadable watched_at "${play.watchedAt}"; skipped.`);
      continue;
    }
    let entry = byFilm.get(play.traktId);
    if (entry === undefined) {
      const film = library.films.get(play.traktId);
      if (film === undefined) {
        orphans.set(play.traktId, append(orphans.get(play.traktId), play.historyId));
        continue;
      }
      entry = { film, days: [], byDate: undefined, undatedIds: undefined, unknownDate: false, firstBulkDate: null };
      byFilm.set(play.traktId, entry);
    }
    if (isUnknownInstant(ms)) {
      entry.undatedIds = append(entry.undatedIds, play.historyId);
      entry.unknownDate = true;
      continue;
    }
    const date = zone.dateOf(ms);
    if (options.undatedInstants?.has(ms)) {
      entry.undatedIds = append(entry.undatedIds, play.historyId);
      if (entry.firstBulkDate === null || date < entry.firstBulkDate) entry.firstBulkDate = date;
      continue;
    }
    const day = dayOf(entry, built.rows, date);
    if (day === undefined) addDay(entry, built, diaryRow(entry.film, date, false, tags, [play.historyId]), ms);
    else {
      built.rows[day]?.historyIds.push(play.historyId);
      built.firstMs[day] = Math.min(built.firstMs[day] ?? ms, ms);
    }
  }

  for (const [traktId, historyIds] of orphans) {
    warn(`History item${historyIds.length > 1 ? "s" : ""} ${historyIds.join(", ")} refer${historyIds.length > 1 ? "" : "s"} to film ${traktId}, which is not in the library; skipped.`);
  }

  const ratings = ratingByFilm(library.ratings);
  const reviews = reviewsByFilm(library.reviews);
  const { rows, firstMs } = built;
  for (const entry of byFilm.values()) {
    const { film, undatedIds, unknownDate, firstBulkDate } = entry;
    if (entry.days.length === 0) {
      // Seen only on unknown dates (or in bulk, undated): one undated row, which marks the film watched.
      addDay(entry, built, diaryRow(film, null, false, tags, undatedIds ?? []), 0);
    } else {
      // Undated bulk plays of a film with dated rows stand on no row: those rows mark it watched.
      const { days } = entry;
      days.sort((a, b) => compareDates(rows[a]?.watchedDate ?? null, rows[b]?.watchedDate ?? null));
      days.forEach((day, index) => {
        const row = rows[day] as DiaryRow;
        row.rewatch = index > 0 || unknownDate || (firstBulkDate !== null && firstBulkDate < (row.watchedDate ?? ""));
      });
    }
    const filmRows = entry.days.map((day) => rows[day] as DiaryRow);
    const latest = filmRows[filmRows.length - 1];
    if (latest !== undefined) latest.rating10 = ratings.get(film.traktId)?.rating ?? null;
    const filmReviews = reviews.get(film.traktId);
    if (filmReviews !== undefined) placeReviews(filmRows, filmReviews, zone);
  }

  const order = Uint32Array.from(rows.keys()).sort(byDayThenTitle<number>({
    date: (index) => rows[index]?.watchedDate ?? null,
    firstMs: (index) => firstMs[index] ?? 0,
    title: (index) => rows[index]?.film.title ?? "",
    traktId: (index) => rows[index]?.film.traktId ?? 0,
  }));
  return Array.from(order, (index) => rows[index] as DiaryRow);
}

/**
 * Puts each review on the diary row it belongs to (CONTRACT.md "Mapping rules"): the
 * row of its local date, else the latest row before it, else the first row. Of several
 * reviews of one row the latest keeps it; each other one, latest first, takes the
 * nearest free row, earlier rows first (they too precede the review), then later ones.
 * A review left without a row stays off the diary: buildRatings puts it on the film's
 * ratings.csv row or warns. `rows` are one film's, oldest first (or its one undated row).
 */
function placeReviews(rows: readonly DiaryRow[], reviews: readonly Review[], zone: ZoneDates): void {
  const own = new Map<number, Review[]>();
  for (const review of reviews) {
    const index = ownRow(rows, review, zone);
    const list = own.get(index);
    if (list === undefined) own.set(index, [review]);
    else list.push(review);
  }
  const displaced: { review: Review; index: number }[] = [];
  for (const [index, list] of own) {
    list.sort(compareReviews);
    const row = rows[index];
    const latest = list.pop();
    if (row !== undefined && latest !== undefined) row.review = latest;
    for (const review of list) displaced.push({ review, index });
  }
  displaced.sort((a, b) => compareReviews(b.review, a.review));
  for (const { review, index } of displaced) {
    const free = nearestFreeRow(rows, index);
    if (free !== undefined) free.review = review;
  }
}

/** The index of the row a review belongs to: of its local date, else the latest before it, else the first. */
function ownRow(rows: readonly DiaryRow[], review: Review, zone: ZoneDates): number {
  const ms = reviewWrittenMs(review);
  // A review of unreadable date goes with the latest row.
  if (Number.isNaN(ms)) return rows.length - 1;
  const date = zone.dateOf(ms);
  let index = 0;
  for (let i = 0; i < rows.length; i++) if ((rows[i]?.watchedDate ?? "") <= date) index = i;
  return index;
}

function nearestFreeRow(rows: readonly DiaryRow[], index: number): DiaryRow | undefined {
  for (let i = index - 1; i >= 0; i--) if (rows[i]?.review === null) return rows[i];
  for (let i = index + 1; i < rows.length; i++) if (rows[i]?.review === null) return rows[i];
  return undefined;
}

/** Rows looked up by scanning until a film has this many; then by a Map. */
const SCAN_DAYS = 8;

/** The index of the film's row of `date`, if it has one yet. */
function dayOf(entry: FilmPlays, rows: readonly DiaryRow[], date: string): number | undefined {
  // Plays come newest first, so a day's plays mostly follow one another.
  const last = entry.days[entry.days.length - 1];
  if (last !== undefined && rows[last]?.watchedDate === date) return last;
  return entry.byDate ? entry.byDate.get(date) : entry.days.find((day) => rows[day]?.watchedDate === date);
}

function addDay(entry: FilmPlays, built: RowsBeingBuilt, row: DiaryRow, firstMs: number): void {
  const day = built.rows.push(row) - 1;
  built.firstMs.push(firstMs);
  entry.days = append(entry.days, day);
  if (entry.byDate) entry.byDate.set(row.watchedDate ?? "", day);
  else if (entry.days.length > SCAN_DAYS) entry.byDate = new Map(entry.days.map((d) => [built.rows[d]?.watchedDate ?? "", d]));
}

/**
 * `list` with `value` added: a new one-element array for the first, as an array grown
 * from empty by push reserves 17 slots, and 30K films' lists of mostly one or two days
 * would hold MBs of empty slots.
 */
function append(list: number[] | undefined, value: number): number[] {
  if (list === undefined || list.length === 0) return [value];
  list.push(value);
  return list;
}

function compareDates(a: string | null, b: string | null): number {
  return (a ?? "") < (b ?? "") ? -1 : (a ?? "") > (b ?? "") ? 1 : 0;
}

function diaryRow(film: Film, watchedDate: string | null, rewatch: boolean, tags: readonly string[], historyIds: number[]): DiaryRow {
  return { film, watchedDate, rating10: null, rewatch, review: null, tags, historyIds };
}
