export { checkSameAccount, syncStore, type SyncOptions, type SyncResult } from "./sync-store.js";
export { activityStamp } from "./activities.js";
export { syncBackup, syncShows, type BackupProgress, type BackupSyncOptions, type BackupSyncResult } from "./sync-backup.js";
export type { HistorySyncResult } from "./history.js";
export type { CollectionKind, CollectionSyncResult } from "./collections.js";
