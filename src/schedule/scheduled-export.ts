import { filmsInFiles, plural } from "../util/plural.js";
import type { DatedExport } from "./dated-export.js";
import { appendRunLog, type RunLogEntry } from "./schedule-file.js";
import type { SchedulerEvent } from "./scheduler.js";

/** One line for the log about what a scheduled export did. */
export function describeDatedExport({ dir, summary }: { dir: string; summary: Pick<DatedExport["summary"], "nothingNew" | "filmsWritten" | "files"> }): string {
  if (summary.nothingNew) return "Nothing new since the last export; no file written.";
  const rows = summary.files.reduce((n, file) => n + file.rows, 0);
  return `Wrote ${filmsInFiles(summary.filmsWritten, summary.files.length)} (${plural(rows, "row")}) to ${dir}.`;
}

/** The log entry for a scheduler event that ends a tick (succeeded, failed, skipped); undefined for the others. */
export function runLogEntry(event: SchedulerEvent): RunLogEntry | undefined {
  switch (event.type) {
    case "succeeded":
    case "failed":
      return { at: event.at.toISOString(), finishedAt: event.finishedAt.toISOString(), status: event.type, message: event.message };
    case "skipped":
      return { at: event.at.toISOString(), status: "skipped", message: event.message };
    default:
      return undefined;
  }
}

/** A listener that appends each ended tick to `<home>/schedule-log.jsonl`; a failed write goes to `onWriteError`. */
export function runLogWriter(home: string, onWriteError: (error: unknown) => void): (event: SchedulerEvent) => void {
  return (event) => {
    const entry = runLogEntry(event);
    if (entry) appendRunLog(home, entry).catch(onWriteError);
  };
}
