/**
 * trakt-letterboxd as a library: the parts the command line is made of, for a script
 * that wants one of them (README "As a library"). The CLI (src/cli) only parses flags,
 * shows progress and maps these errors to exit codes.
 */
export * from "./errors.js";
export { describeError } from "./describe-error.js";
export { VERSION, USER_AGENT } from "./version.js";
export { loadSettings, type Settings, type SettingsFlags } from "./config/settings.js";
export { authSession, createClient, storePath, tokenPath } from "./context.js";

// The Trakt client: headers, retries, rate limits, pagination, OAuth and the token file.
export {
  AuthSession,
  FileTokenStore,
  MemoryTokenStore,
  createTraktClient,
  type AuthSessionOptions,
  type ClientEvent,
  type ClientStats,
  type HistoryItem,
  type LastActivities,
  type RateLimit,
  type RatingItem,
  type RetryPolicy,
  type TokenStore,
  type TraktClient,
  type TraktClientOptions,
  type TraktMovie,
  type TraktToken,
} from "./trakt/index.js";

// The local store, and bringing it up to date with Trakt.
export { loadLibrary, openStore, storeStatus, type Store, type StoreStatus } from "./store/index.js";
export { syncBackup, syncStore, type BackupSyncResult, type SyncOptions, type SyncResult } from "./sync/index.js";
export type { FetchKind, FetchProgress } from "./sync/progress.js";

// The Letterboxd mapping (pure) and its CSV files.
export {
  buildLetterboxdExport,
  findBulkPlays,
  letterboxdCsvFiles,
  localDate,
  renderCsv,
  writeExportFiles,
  type BulkDay,
  type BulkPlaysOptions,
  type CsvFile,
  type DiaryRow,
  type Film,
  type LetterboxdExport,
  type Library,
  type ListRow,
  type RatingsRow,
  type WatchlistRow,
  type WrittenFile,
} from "./letterboxd/index.js";
export { compareWithLetterboxd, type LetterboxdComparison } from "./letterboxd/compare-letterboxd.js";
export type { LetterboxdAccount } from "./letterboxd/letterboxd-account.js";
export { readLetterboxdExport } from "./letterboxd-export/read-letterboxd-export.js";

// Whole jobs: an export (online or from a file), a verify, a backup.
export { EXPORT_KINDS, runExport, type ExportOptions, type ExportSummary } from "./export/run-export.js";
export { exportFromFile, type ExportFromFileOptions, type FileExportSummary } from "./export/from-file.js";
export { runVerify, type VerifyOptions, type VerifySummary } from "./export/verify.js";
export { readBackup, runBackup, type BackupOptions, type BackupSummary } from "./backup/index.js";
