import { resolve } from "node:path";
import { runBackup, type BackupSummary } from "../../backup/index.js";
import { withLockedStore } from "../../export/export-lock.js";
import { VERSION } from "../../version.js";
import { authSession, createClient, describeClientEvent, storePath } from "../../context.js";
import { commandSettings } from "../command-settings.js";
import { displayPath } from "../display-path.js";
import { line, type CliIo } from "../io.js";
import type { BackupFlags } from "../main.js";
import { plural } from "../../util/plural.js";
import { createProgress } from "../progress.js";
import { untilInterrupted } from "../stop-signal.js";
import { styleFor, type Style } from "../style.js";
import { notLoggedIn } from "./auth.js";

export async function runBackupCommand(io: CliIo, globals: { home?: string }, flags: BackupFlags): Promise<BackupSummary> {
  const settings = await commandSettings(io, globals);
  const summary = await untilInterrupted(io, "between-steps", async (signal) => {
    const session = authSession(settings);
    const progress = createProgress(io.stderr);
    const client = createClient(settings, { session, signal, onEvent: (event) => progress.note(describeClientEvent(event)) });
    if (!(await session.current())) throw notLoggedIn();
    const out = resolve(flags.out ?? (flags.zip ? "trakt-backup.zip" : "trakt-backup"));
    return withLockedStore(settings.home, storePath(settings), async (store) => {
      try {
        return await runBackup({
          client,
          store,
          out,
          zip: flags.zip === true,
          version: VERSION,
          signal,
          // The progress line shows any kind by name; backup kinds are named like the files.
          onProgress: (p) => progress.update(p),
        });
      } finally {
        progress.done();
      }
    });
  });
  if (flags.json) line(io.stdout, JSON.stringify(summary, null, 2));
  else io.stdout.write(formatBackupSummary(summary, styleFor(io.stdout, io.env)));
  return summary;
}

function formatBackupSummary(summary: BackupSummary, style: Style): string {
  const out = [
    style("bold", `Backed up ${summary.user}'s Trakt account to ${summary.zip ? "the zip file " : ""}${displayPath(summary.out)}`) +
      ` (${plural(summary.requests, "request")} to Trakt this run):`,
  ];
  const width = Math.max(...summary.manifest.files.map((f) => f.name.length));
  for (const file of summary.manifest.files) out.push(`  ${file.name.padEnd(width)}  ${String(file.items).padStart(7)} ${file.items === 1 ? "item" : "items"}`);
  out.push("Make Letterboxd files from it at any time, with no network: trakt-letterboxd export --from " + JSON.stringify(summary.out));
  return `${out.join("\n")}\n`;
}
