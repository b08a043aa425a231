import { DEFAULT_BULK_PLAYS, findBulkPlays, type BulkPlaysOptions } from "./bulk-plays.js";
import { buildDiary } from "./diary.js";
import { titleOnlyFilmsOf } from "./format.js";
import type { Library } from "./library.js";
import { buildLists } from "./lists.js";
import { buildRatings } from "./ratings.js";
import type { LetterboxdExport, Warn } from "./rows.js";
import { buildWatchlist } from "./watchlist.js";

export interface LetterboxdExportOptions {
  /** IANA zone whose calendar dates the plays get. */
  timeZone: string;
  /** Tags for every diary row. Default none. */
  tags?: readonly string[];
  /** Plays of bulk "mark as watched" instants: dated diary rows, or none. Default dated, 10 films. */
  bulkPlays?: BulkPlaysOptions;
}

/** The whole library as Letterboxd rows, with what was skipped and which films only a title can match. */
export function buildLetterboxdExport(library: Library, options: LetterboxdExportOptions): LetterboxdExport {
  const warnings: string[] = [];
  const warn: Warn = (message) => warnings.push(message);
  const bulkPlays = options.bulkPlays ?? DEFAULT_BULK_PLAYS;
  const bulk = findBulkPlays(library.plays, { threshold: bulkPlays.threshold, timeZone: options.timeZone });
  const undatedInstants = bulkPlays.mode === "undated" ? bulk.instants : undefined;
  const diary = buildDiary(library, { timeZone: options.timeZone, tags: options.tags ?? [], warn, undatedInstants });
  const ratings = buildRatings(library, diary, { warn });
  const watchlist = buildWatchlist(library, { warn });
  const lists = buildLists(library, { warn });

  const titleOnlyFilms = titleOnlyFilmsOf({ diary, ratings, watchlist, lists });
  return { diary, ratings, watchlist, lists, titleOnlyFilms, warnings, bulkDays: bulk.days };
}
