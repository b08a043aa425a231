import type { Settings } from "../config/settings.js";
import type { FileExportSummary } from "../export/from-file.js";
import type { ExportSummary } from "../export/run-export.js";
import type { JobProgress } from "./jobs.js";

/** What converting a Trakt data export reports: the summary an export prints, and what `export --from` adds (what the file was, entries skipped). */
export type ConvertedExport = ExportSummary & Partial<Pick<FileExportSummary, "source" | "skipped">>;

/** Turns one Trakt data export (ZIP) into Letterboxd files in `outDir`: the real one in `serve`, a scripted one in tests. */
export type ExportConverter = (request: { file: string; outDir: string }, hooks: { onProgress: (p: JobProgress) => void }) => Promise<ConvertedExport>;

/** The real conversion, as `export --from` does it, with the settings' tags, file size limit and time zone. */
export function fileConverter(settings: Settings): ExportConverter {
  return async ({ file, outDir }, hooks) => {
    // Loaded on first use, as the CLI loads its commands: a page that never converts never loads the ZIP reader.
    const { exportFromFile } = await import("../export/from-file.js");
    return exportFromFile({ from: file, outDir, tags: settings.tags, bulkPlays: settings.bulkPlays, maxFileBytes: settings.maxFileBytes, timeZone: settings.timeZone, timeZoneSetting: settings.timeZoneSetting, onProgress: hooks.onProgress });
  };
}
