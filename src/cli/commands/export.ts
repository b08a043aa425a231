import { resolve } from "node:path";
import type { Settings } from "../../config/settings.js";
import { AuthError, TraktHttpError, UsageError } from "../../errors.js";
import { withLockedStore } from "../../export/export-lock.js";
import type { Store } from "../../store/index.js";
import type { FileExportSummary } from "../../export/from-file.js";
import type { LetterboxdAccount } from "../../letterboxd/letterboxd-account.js";
import { runExport, type ExportSummary } from "../../export/run-export.js";
import type { AuthSession } from "../../trakt/index.js";
import { authSession, createClient, describeClientEvent, storePath } from "../../context.js";
import { commandSettings } from "../command-settings.js";
import { line, type CliIo } from "../io.js";
import { styleFor } from "../style.js";
import type { ExportFlags } from "../main.js";
import { createProgress } from "../progress.js";
import { formatSummary } from "../summary.js";
import { untilInterrupted } from "../stop-signal.js";
import { notLoggedIn } from "./auth.js";

export async function runExportCommand(io: CliIo, globals: { home?: string }, flags: ExportFlags): Promise<void> {
  const settings = await commandSettings(io, globals, { timeZone: flags.timezone, tags: flags.tag, maxFileBytes: flags.maxFileBytes, bulkPlays: flags.bulkPlays, bulkPlaysThreshold: flags.bulkThreshold });
  // Read before anything else: a bad path stops the run before any request or load.
  const letterboxd = flags.letterboxd === undefined ? undefined : await (await import("../../letterboxd-export/read-letterboxd-export.js")).readLetterboxdExport(resolve(flags.letterboxd));
  const from = flags.from;
  // Loading a file takes no stop signal: Ctrl+C ends it at once, which the store's transactions make safe.
  if (from !== undefined) await untilInterrupted(io, "at-once", () => exportFrom(io, settings, flags, from, letterboxd));
  else await untilInterrupted(io, "between-steps", (signal) => exportWith(io, settings, flags, letterboxd, signal));
}

/** What an export writes and how, the same online and from a file. */
function writeOptions(settings: Settings, flags: ExportFlags, letterboxd: LetterboxdAccount | undefined) {
  return {
    incremental: flags.incremental,
    timeZone: settings.timeZone,
    timeZoneSetting: settings.timeZoneSetting,
    tags: settings.tags,
    bulkPlays: settings.bulkPlays,
    only: flags.only,
    includeShows: flags.includeShows,
    outDir: resolve(flags.out),
    maxFileBytes: settings.maxFileBytes,
    dryRun: flags.dryRun,
    letterboxd,
  };
}

/**
 * `export --from`: no client, no login. A plain run loads the file into a store in
 * memory; `--incremental` loads it into the data folder's store, under the export lock.
 */
export async function exportFrom(io: CliIo, settings: Settings, flags: ExportFlags, from: string, letterboxd?: LetterboxdAccount): Promise<ExportSummary> {
  const { exportFromFile } = await import("../../export/from-file.js");
  const progress = createProgress(io.stderr, "Reading");
  const run = (store: Store | undefined) =>
    exportFromFile({
      ...writeOptions(settings, flags, letterboxd),
      from: resolve(from),
      store,
      onProgress: (p) => progress.update(p),
    });
  let summary: FileExportSummary;
  try {
    summary = flags.incremental ? await withLockedStore(settings.home, storePath(settings), run) : await run(undefined);
  } finally {
    progress.done();
  }
  if (flags.json) line(io.stdout, JSON.stringify(summary, null, 2));
  else io.stdout.write(formatSummary(summary, process.cwd(), { from: summary, style: styleFor(io.stdout, io.env) }));
  return summary;
}

/** The export command with settings already made (the demo calls this too); `signal` stops it between steps. */
export async function exportWith(io: CliIo, settings: Settings, flags: ExportFlags, letterboxd?: LetterboxdAccount, signal?: AbortSignal): Promise<ExportSummary> {
  const session: AuthSession | undefined = flags.user === undefined ? authSession(settings) : undefined;
  // Progress goes to standard error, so it never mixes with --json on standard output.
  const progress = createProgress(io.stderr);
  const client = createClient(settings, { session, signal, onEvent: (event) => progress.note(describeClientEvent(event)) });
  // Fail before any network call: nothing to export without a login.
  if (session && !(await session.current())) throw notLoggedIn("or export a public profile with --user NAME, or Trakt's data export with --from PATH");
  // One export at a time per data folder: `schedule` and `serve` take the same lock.
  const summary = await withLockedStore(settings.home, storePath(settings, flags.user), async (store) => {
    try {
      return await runExport({
        ...writeOptions(settings, flags, letterboxd),
        client,
        store,
        user: flags.user,
        onProgress: (p) => progress.update(p),
        signal,
      });
    } catch (error) {
      throw explainProfileError(error, flags.user);
    } finally {
      progress.done();
    }
  });
  if (flags.json) line(io.stdout, JSON.stringify(summary, null, 2));
  else io.stdout.write(formatSummary(summary, process.cwd(), { style: styleFor(io.stdout, io.env) }));
  return summary;
}

/** Trakt's answers for another user's profile mean something else than for one's own. */
function explainProfileError(error: unknown, user: string | undefined): unknown {
  if (user === undefined || !(error instanceof TraktHttpError)) return error;
  if (error.status === 404) return new UsageError(`Trakt has no user "${user}"; check the name in the profile's address (trakt.tv/users/NAME).`);
  if (error.status === 401 || error.status === 403) {
    return new AuthError("unauthorized", `The Trakt profile "${user}" is private; its owner can log in with \`trakt-letterboxd auth\` and export without --user.`);
  }
  return error;
}
