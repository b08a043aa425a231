/**
 * `shows.csv` (`--include-shows`): Letterboxd has no TV, so this file is for the user
 * to review, not to import. Rules in the diary's style (CONTRACT.md "Mapping rules"):
 * one row per show and local date; several episodes of a show on one day are one row
 * listing them; `Rewatch` when an episode of that day was played on an earlier day (or
 * on an unknown date); the show's rating on its latest row; unknown-date plays give no
 * dated row, and a show seen only on unknown dates gets one undated row.
 */
import { lazyRecords } from "./csv-render.js";
import type { CsvFile } from "./csv-writer.js";
import { byDayThenTitle } from "./day-order.js";
import { PLAY_ACTIONS } from "./library.js";
import { isUnknownInstant, zoneDates } from "./local-date.js";

export const SHOWS_HEADER = ["Title", "Year", "imdbID", "tmdbID", "tvdbID", "WatchedDate", "Episodes", "Rewatch", "Rating", "Rating10"];

/** The parts of Trakt's episode history and show ratings the rows need (any validated response fits). */
export interface ApiShow {
  title: string;
  year: number | null;
  ids: { trakt: number; imdb?: string | null; tmdb?: number | null; tvdb?: number | null };
}
export interface ApiEpisodePlay {
  id: number;
  watched_at: string;
  action: string;
  episode: { season: number; number: number };
  show: ApiShow;
}
export interface ApiShowRating {
  rated_at: string;
  rating: number;
  show: ApiShow;
}

export interface ShowRow {
  show: ApiShow;
  /** `YYYY-MM-DD` in the chosen zone; null for a show seen only on unknown dates. */
  watchedDate: string | null;
  /** `S01E02`, in season and episode order, each once. */
  episodes: string[];
  rewatch: boolean;
  rating10: number | null;
}

const code = (season: number, number: number) => `S${String(season).padStart(2, "0")}E${String(number).padStart(2, "0")}`;
/** Codes in season and episode order: numbers compare as numbers, so S01E99 comes before S01E100. */
const byEpisode = new Intl.Collator("en", { numeric: true }).compare;

export function buildShowRows(plays: Iterable<ApiEpisodePlay>, ratings: Iterable<ApiShowRating>, options: { timeZone: string }): ShowRow[] {
  const zone = zoneDates(options.timeZone);
  const byShow = new Map<number, { show: ApiShow; days: Map<string, { firstMs: number; episodes: Set<string> }>; unknown: Set<string> }>();
  for (const play of plays) {
    if (!PLAY_ACTIONS.includes(play.action)) continue;
    const ms = Date.parse(play.watched_at);
    if (Number.isNaN(ms)) continue;
    let entry = byShow.get(play.show.ids.trakt);
    if (entry === undefined) {
      entry = { show: play.show, days: new Map(), unknown: new Set() };
      byShow.set(play.show.ids.trakt, entry);
    }
    const episode = code(play.episode.season, play.episode.number);
    if (isUnknownInstant(ms)) {
      entry.unknown.add(episode);
      continue;
    }
    const date = zone.dateOf(ms);
    const day = entry.days.get(date) ?? { firstMs: ms, episodes: new Set<string>() };
    day.firstMs = Math.min(day.firstMs, ms);
    day.episodes.add(episode);
    entry.days.set(date, day);
  }

  const latestRating = new Map<number, ApiShowRating>();
  for (const rating of ratings) {
    const current = latestRating.get(rating.show.ids.trakt);
    if (current === undefined || rating.rated_at >= current.rated_at) latestRating.set(rating.show.ids.trakt, rating);
  }

  const rows: (ShowRow & { firstMs: number })[] = [];
  for (const { show, days, unknown } of byShow.values()) {
    const showRows: (ShowRow & { firstMs: number })[] = [];
    if (days.size === 0) {
      showRows.push({ show, watchedDate: null, episodes: [...unknown].sort(byEpisode), rewatch: false, rating10: null, firstMs: 0 });
    } else {
      const seen = new Set(unknown);
      for (const [date, day] of [...days].sort(([a], [b]) => (a < b ? -1 : 1))) {
        const episodes = [...day.episodes].sort(byEpisode);
        showRows.push({ show, watchedDate: date, episodes, rewatch: episodes.some((e) => seen.has(e)), rating10: null, firstMs: day.firstMs });
        for (const episode of episodes) seen.add(episode);
      }
    }
    const latest = showRows[showRows.length - 1];
    if (latest !== undefined) latest.rating10 = latestRating.get(show.ids.trakt)?.rating ?? null;
    rows.push(...showRows);
  }
  rows.sort(byDayThenTitle({ date: (row) => row.watchedDate, firstMs: (row) => row.firstMs, title: (row) => row.show.title, traktId: (row) => row.show.ids.trakt }));
  return rows.map(({ firstMs: _firstMs, ...row }) => row);
}

export function showRecord(row: ShowRow): string[] {
  const { show } = row;
  return [
    show.title,
    show.year ? String(show.year) : "",
    show.ids.imdb ?? "",
    show.ids.tmdb ? String(show.ids.tmdb) : "",
    show.ids.tvdb ? String(show.ids.tvdb) : "",
    row.watchedDate ?? "",
    row.episodes.join(", "),
    row.rewatch ? "true" : "false",
    row.rating10 === null ? "" : String(row.rating10 / 2),
    row.rating10 === null ? "" : String(row.rating10),
  ];
}

export function showsCsvFile(rows: readonly ShowRow[]): CsvFile {
  return { name: "shows", header: SHOWS_HEADER, records: lazyRecords(rows, showRecord) };
}
