/**
 * trakt-letterboxd as a library: the same parts the command line is made of. The CLI
 * (src/cli) only parses flags, shows progress and maps errors to exit codes.
 */
export * from "./errors.js";
export { VERSION, USER_AGENT } from "./version.js";
export { loadSettings, type Settings, type SettingsFlags } from "./config/settings.js";
export { authSession, createClient, storePath, tokenPath } from "./context.js";
export { describeError } from "./describe-error.js";
export * from "./trakt/index.js";
export {
  buildLetterboxdExport,
  findBulkPlays,
  letterboxdCsvFiles,
  localDate,
  renderCsv,
  writeExportFiles,
  type Film,
  type Library,
  type LetterboxdExport,
  type BulkDay,
  type BulkPlaysOptions,
  type DiaryRow,
  type RatingsRow,
  type WatchlistRow,
  type ListRow,
  type CsvFile,
  type WrittenFile,
} from "./letterboxd/index.js";
export { openStore, storeStatus, loadLibrary, type Store, type StoreStatus } from "./store/index.js";
export { syncStore, type SyncOptions, type SyncResult } from "./sync/index.js";
export { runExport, EXPORT_KINDS, type ExportOptions, type ExportSummary } from "./export/run-export.js";
export { exportFromFile, type ExportFromFileOptions, type FileExportSummary } from "./export/from-file.js";
export type { FetchKind, FetchProgress } from "./sync/progress.js";
export { runBackup, readBackup, type BackupOptions, type BackupSummary } from "./backup/index.js";
export { startSandbox, sampleLibrary, generateLibrary, type SandboxOptions, type SandboxServer } from "./sandbox/index.js";
