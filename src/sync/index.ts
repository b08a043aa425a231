export { checkSameAccount, syncStore, type SyncOptions, type SyncResult } from "./sync-store.js";
export { activityStamp } from "./activities.js";
export type { HistorySyncResult } from "./history.js";
export type { CollectionKind, CollectionSyncResult } from "./collections.js";
