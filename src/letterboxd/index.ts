export type { Film, Library, ListItem, PersonalList, Play, Rating, Review, WatchlistEntry } from "./library.js";
export type { DiaryRow, LetterboxdExport, ListExport, ListRow, RatingsRow, Warn, WatchlistRow } from "./rows.js";
export { localDate, isUnknownDate, zoneDates } from "./local-date.js";
export { buildDiary, type DiaryOptions } from "./diary.js";
export {
  BULK_PLAYS_MODES,
  DEFAULT_BULK_PLAYS,
  DEFAULT_BULK_PLAYS_THRESHOLD,
  bulkDaysIn,
  findBulkPlays,
  type BulkDay,
  type BulkPlays,
  type BulkPlaysMode,
  type BulkPlaysOptions,
} from "./bulk-plays.js";
export { buildRatings, type RatingsOptions } from "./ratings.js";
export { buildWatchlist } from "./watchlist.js";
export { buildLists, listFileStem } from "./lists.js";
export { buildLetterboxdExport, type LetterboxdExportOptions } from "./build-export.js";
export {
  DIARY_HEADER,
  RATINGS_HEADER,
  WATCHLIST_HEADER,
  LIST_HEADER,
  diaryRecord,
  ratingsRecord,
  watchlistRecord,
  listRecord,
  letterboxdCsvFiles,
  filmsOf,
  isTitleOnly,
  titleOnlyFilmsOf,
} from "./format.js";
export { csvParts, renderCsv, splitCsv, type CsvPart, type CsvPartPieces } from "./csv-render.js";
export { writeExportFiles, type CsvFile, type FileKind, type WriteExportOptions, type WrittenFile } from "./csv-writer.js";
