export { createWebApp, type WebApp, type WebAppOptions } from "./app.js";
export { isLoopback, listen, type RunningServer } from "./server.js";
export { PageSessions, SESSION_COOKIE, CSRF_FIELD, CSRF_HEADER } from "./session.js";
export { libraryStats, type LibraryStats } from "./library-stats.js";
export { ExportJobs, type ExportJob, type ExportStarter } from "./export-jobs.js";
export type { JobEvent, JobProgress } from "./jobs.js";
export type { ConversionJob } from "./conversions.js";
export type { ConvertedExport, ExportConverter } from "./convert-export.js";
