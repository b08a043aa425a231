import { InterruptedError } from "../errors.js";
import { EXIT } from "./exit-code.js";
import { failureLine, type CliIo } from "./io.js";

/** Resolves at the first Ctrl+C (SIGINT) or SIGTERM: long-running commands stop cleanly on it. */
export function stopSignal(): Promise<void> {
  return new Promise((resolve) => {
    process.once("SIGINT", () => resolve());
    process.once("SIGTERM", () => resolve());
  });
}

/** What a run stopped by Ctrl+C says: what was kept, and what to do. */
export const INTERRUPTED_MESSAGE = "Interrupted; the store keeps everything fetched so far and no file was half-written; run the same command again to go on.";

/**
 * Until a command installs its own Ctrl+C handling (untilInterrupted, stopSignal), a Ctrl+C
 * prints the interrupted line and ends the process with 130: without it, one pressed while
 * the command loads (its modules, settings, a Letterboxd export) ends it silently. Returns
 * the function that removes it.
 */
export function interruptEarly(io: CliIo, message: string = INTERRUPTED_MESSAGE): () => void {
  const onSigint = () => {
    // Another listener is the command's own: it decides.
    if (process.listenerCount("SIGINT") > 1) return;
    failureLine(io, message);
    process.exit(EXIT.interrupted);
  };
  process.on("SIGINT", onSigint);
  return () => process.off("SIGINT", onSigint);
}

/**
 * How work stops on Ctrl+C. "between-steps": the signal given to the work aborts and the
 * work stops at its next page or wait (online exports and backups). "at-once": the line is
 * printed and the process ends (work that takes no signal: loading a file, verify). A second
 * Ctrl+C always ends it at once. Ending at once is safe: every store write is a transaction
 * and every output file is renamed into place whole (test/e2e/kill.test.ts kills mid-run).
 */
export type StopMode = "between-steps" | "at-once";

/**
 * Runs `work` with Ctrl+C handled as `mode` says; when it was interrupted, whatever the
 * work then threw becomes an InterruptedError (exit 130) saying `message` (what was kept,
 * what to do; default INTERRUPTED_MESSAGE). Work that finishes anyway (the signal came
 * while its files were being written) returns as usual.
 */
export async function untilInterrupted<T>(io: CliIo, mode: StopMode, work: (signal: AbortSignal) => Promise<T>, message: string = INTERRUPTED_MESSAGE): Promise<T> {
  const controller = new AbortController();
  const endNow = () => {
    failureLine(io, message);
    process.exit(EXIT.interrupted);
  };
  const onSigint = () => {
    if (mode === "at-once" || controller.signal.aborted) endNow();
    else controller.abort(new InterruptedError(message));
  };
  process.on("SIGINT", onSigint);
  try {
    return await work(controller.signal);
  } catch (error) {
    throw controller.signal.aborted ? controller.signal.reason : error;
  } finally {
    process.off("SIGINT", onSigint);
  }
}
