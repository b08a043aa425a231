export { openStore, Store, type OpenStoreOptions } from "./store.js";
export { MIGRATIONS, SCHEMA_VERSION, migrate, type Migration } from "./migrations.js";
export { loadLibrary } from "./load-library.js";
export { storedShows } from "./stored-shows.js";
export { storeStatus, type StoreStatus } from "./status.js";
export type * from "./schema.js";
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
export {
  METADATA_TTL_MS,
  cachedAliases,
  cachedDirectors,
  cachedMetadata,
  filmsNeedingMetadata,
  filmsNeedingPeople,
  putAliases,
  putMetadata,
  putPeople,
  staleMetadata,
} from "./metadata.js";
export {
  addPlays,
  countPlays,
  deletePlays,
  deletePlaysExcept,
  deleteRatings,
  deleteRatingsExcept,
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
