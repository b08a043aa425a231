import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { describeClientEvent, loggedInClient, storePath } from "../../context.js";
import { DifferencesFoundError, UsageError } from "../../errors.js";
import type { VerifySummary } from "../../export/verify.js";
import { cleanVerdict } from "../../export/verify-verdict.js";
import { openStore } from "../../store/index.js";
import { commandSettings } from "../command-settings.js";
import { line, warning, type CliIo } from "../io.js";
import { plural } from "../../util/plural.js";
import { untilInterrupted } from "../stop-signal.js";
import { plain, styleFor, type Style } from "../style.js";

export interface VerifyFlags {
  from?: string;
  out?: string;
  json?: boolean;
  timezone?: string;
}

/** `verify LETTERBOXD_EXPORT`: the report, then exit 0 when all is there and 4 when not. */
export async function runVerifyCommand(io: CliIo, globals: { home?: string }, letterboxd: string, flags: VerifyFlags): Promise<void> {
  const settings = await commandSettings(io, globals, { timeZone: flags.timezone });
  const { runVerify } = await import("../../export/verify.js");
  const base = { letterboxd: resolve(letterboxd), timeZone: settings.timeZone, tags: settings.tags, bulkPlays: settings.bulkPlays, outDir: flags.out === undefined ? undefined : resolve(flags.out), maxFileBytes: settings.maxFileBytes };
  // Verify takes no stop signal (it mostly reads files): Ctrl+C ends it at once, its writes being atomic.
  const summary = await untilInterrupted(io, "at-once", async (): Promise<VerifySummary> => {
    if (flags.from !== undefined) return runVerify({ ...base, from: resolve(flags.from) });
    const path = storePath(settings);
    if (!existsSync(path)) throw new UsageError(`No local store at ${path} to compare with: run \`trakt-letterboxd export\` first, or give --from a Trakt export or backup.`);
    // Logged in: the aliases of films Letterboxd names otherwise are asked of Trakt (a few requests).
    const client = await loggedInClient(settings, { onEvent: (event) => line(io.stderr, describeClientEvent(event)) });
    const store = openStore(path);
    try {
      return await runVerify({ ...base, store, client });
    } finally {
      store.close();
    }
  });
  if (flags.json) line(io.stdout, JSON.stringify(summary, null, 2));
  else io.stdout.write(formatVerify(summary, styleFor(io.stdout, io.env)));
  if (!summary.clean) throw new DifferencesFoundError(`Letterboxd lacks part of your Trakt library (see the report above)${summary.files.length > 0 ? "; upload the files written to fix it" : "; --out DIR writes the files that fix it"}.`);
}

export function formatVerify(summary: VerifySummary, style: Style = plain): string {
  const c = summary.counts;
  const out = [
    `Compared ${plural(c.films, "film")} of your Trakt library with the Letterboxd export ${summary.letterboxd} (dates in ${summary.timeZone}).`,
    `Found on Letterboxd: ${c.found}; not found: ${c.notFound}; unsure: ${c.unsure}.`,
    `Diary entries missing: ${c.missingDiaryEntries}; on another date: ${c.otherDates} (${c.oneDayShifts} one day off: a time-zone difference?); ratings that differ: ${c.ratingsDiffer}; watchlist films missing: ${c.watchlistMissing}.`,
  ];
  const verdict = cleanVerdict(summary);
  if (verdict !== undefined) out.push(verdict);
  for (const film of summary.films) {
    const name = `${film.film.title} (${film.film.year ?? "year unknown"})`;
    const notes: string[] = [];
    if (film.match === "none") notes.push(film.titleOnly ? "not found on Letterboxd (no IMDb or TMDb id: it may not be listed there)" : film.aliasesNotFetched ? "unsure: not found by title and year; Trakt's other titles were not fetched" : "not found on Letterboxd");
    if (film.match === "unsure") notes.push(`unsure: ${(film.candidates ?? []).map((f) => `${f.name} (${f.year ?? "?"})`).join(" or ")}`);
    if (film.letterboxd?.yearOff) notes.push(`matched to ${film.letterboxd.name} (${film.letterboxd.year}), a year off`);
    if (film.missingDates.length > 0) notes.push(`diary entries missing: ${film.missingDates.join(", ")}`);
    for (const other of film.otherDates) notes.push(`${other.trakt} is on Letterboxd as ${other.letterboxd}${other.oneDay ? " (one day off)" : ""}`);
    if (film.notWatched) notes.push("not marked watched");
    if (film.rating) notes.push(`rated ${film.rating.trakt} on Trakt, ${film.rating.letterboxd ?? "not rated"} on Letterboxd`);
    if (film.watchlistMissing) notes.push("not on the watchlist");
    out.push(`  - ${name}: ${notes.join("; ")}`);
  }
  for (const file of summary.files) out.push(`Wrote ${file.path} (${plural(file.rows, "row")}): upload it as usual.`);
  for (const text of summary.warnings) out.push(warning(style, text));
  return `${out.join("\n")}\n`;
}
