export { openStore, Store, type OpenStoreOptions } from "./store.js";
export { MIGRATIONS, SCHEMA_VERSION, migrate, type Migration } from "./migrations.js";
export { loadLibrary } from "./load-library.js";
export { storeStatus, type StoreStatus } from "./status.js";
export {
  lastExport,
  listExports,
  findExport,
  readExportedState,
  recordExportWrite,
  type ExportRecord,
  type ExportWrite,
  type ExportedFile,
  type ExportedState,
} from "./export-records.js";
export { METADATA_TTL_MS, cachedDirectors, cachedMetadata, filmsNeedingMetadata, filmsNeedingPeople, putMetadata, putPeople } from "./metadata.js";
export {
  addPlays,
  countPlays,
  deletePlays,
  deletePlaysExcept,
  playIds,
  deleteRatings,
  putRatings,
  getMeta,
  readAccount,
  readSyncState,
  replaceLists,
  replaceRatings,
  replaceReviews,
  replaceWatchlist,
  setAccount,
  setMeta,
  upsertFilms,
  writeSyncState,
  type AccountInfo,
  type ListSnapshot,
  type SyncKind,
  type SyncState,
} from "./mirror.js";
export type { StoreSchema } from "./schema.js";
