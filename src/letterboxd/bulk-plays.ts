/**
 * Bulk "mark as watched" days. Trakt lets a member mark a whole back catalogue watched
 * at once; every such play carries the same `watched_at` (LETTERBOXD-IMPORT.md: "86
 * films on one evening"), and as diary entries they make junk dates. Nobody watches ten
 * films at one instant, so an instant holding at least `threshold` distinct films is a
 * bulk one. Only the exact instant counts: plays minutes apart on one evening are real
 * watching, not a bulk mark.
 */
import { playInstant, type Plays } from "./library.js";
import { isUnknownInstant, zoneDates } from "./local-date.js";

/** How plays at a bulk instant are written (`--bulk-plays`, config `bulk_plays`). */
export const BULK_PLAYS_MODES = ["dated", "undated"] as const;
export type BulkPlaysMode = (typeof BULK_PLAYS_MODES)[number];

export const DEFAULT_BULK_PLAYS_THRESHOLD = 10;

export interface BulkPlaysOptions {
  /** `dated`: diary rows on the bulk day as for any play; `undated`: no diary row, the film is only marked watched. Default `dated`. */
  mode: BulkPlaysMode;
  /** Distinct films at one instant that make it a bulk one. Default 10. */
  threshold: number;
}

export const DEFAULT_BULK_PLAYS: BulkPlaysOptions = { mode: "dated", threshold: DEFAULT_BULK_PLAYS_THRESHOLD };

export interface BulkDay {
  /** `YYYY-MM-DD` in the export's zone. */
  date: string;
  /** Distinct films played at the day's bulk instants. */
  films: number;
  /** The plays at those instants. */
  historyIds: number[];
}

export interface BulkPlays {
  /** Every bulk instant, in epoch milliseconds. */
  instants: Set<number>;
  /** The local days holding them, oldest first. */
  days: BulkDay[];
}

/**
 * The instants of `plays` (film plays only: episodes are no Letterboxd diary entry) that
 * hold at least `threshold` distinct films, and the local days of `timeZone` they fall
 * on. Unknown dates (Unix epoch, 1900) and unreadable ones are never bulk: they give no
 * diary date anyway. Pure.
 */
export function findBulkPlays(plays: Plays, options: { threshold: number; timeZone: string }): BulkPlays {
  // The instants in one flat array of doubles, sorted so equal ones stand together: a
  // 100K-play history holds ~100K distinct instants, which a Map would spend MBs on.
  const times = new Float64Array(plays.length);
  let count = 0;
  for (const play of plays) {
    const ms = playInstant(play);
    if (!Number.isNaN(ms) && !isUnknownInstant(ms) && count < times.length) times[count++] = ms;
  }
  const sorted = times.subarray(0, count).sort();
  const candidates = new Map<number, { films: Set<number>; historyIds: number[] }>();
  for (let start = 0, end = 0; start < sorted.length; start = end) {
    while (end < sorted.length && sorted[end] === sorted[start]) end++;
    if (end - start >= options.threshold) candidates.set(sorted[start] as number, { films: new Set(), historyIds: [] });
  }
  if (candidates.size === 0) return { instants: new Set(), days: [] };
  for (const play of plays) {
    const instant = candidates.get(playInstant(play));
    if (instant === undefined) continue;
    instant.films.add(play.traktId);
    instant.historyIds.push(play.historyId);
  }

  const zone = zoneDates(options.timeZone);
  const instants = new Set<number>();
  const days = new Map<string, { films: Set<number>; historyIds: number[] }>();
  for (const [ms, { films, historyIds }] of candidates) {
    // The same film twice at one instant is one film: a duplicate, not a bulk mark.
    if (films.size < options.threshold) continue;
    instants.add(ms);
    const date = zone.dateOf(ms);
    const day = days.get(date) ?? { films: new Set<number>(), historyIds: [] };
    for (const film of films) day.films.add(film);
    day.historyIds.push(...historyIds);
    days.set(date, day);
  }
  return {
    instants,
    days: [...days]
      .map(([date, { films, historyIds }]) => ({ date, films: films.size, historyIds }))
      .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0)),
  };
}

/** The days some of whose plays `rows` stand for (an incremental export names only the bulk days it writes). */
export function bulkDaysIn(days: readonly BulkDay[], rows: readonly { historyIds: readonly number[] }[]): BulkDay[] {
  if (days.length === 0) return [];
  const written = new Set(rows.flatMap((row) => row.historyIds));
  return days.filter((day) => day.historyIds.some((id) => written.has(id)));
}
