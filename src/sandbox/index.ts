export { startSandbox } from "./server.js";
export { sampleLibrary } from "./sample-library.js";
export { generateLibrary, type GenerateLibraryOptions } from "./generate-library.js";
export type { Fault, FaultRule, LoggedRequest, SandboxOptions, SandboxServer, TraktToken } from "./types.js";
export type * from "./library-types.js";
export { addPlays, addToWatchlist, movie, nextStamp, removeFromWatchlist, removePlay, sam, setRating } from "./edits.js";
export { TRAKT_EXPORT_SECRETS, traktExportFiles, traktExportName, traktExportZip, writeTraktExport, type TraktExportError, type TraktExportOptions } from "./trakt-export.js";
export * from "./letterboxd.js";
