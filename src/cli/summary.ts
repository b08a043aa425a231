import { relative } from "node:path";
import type { FileExportSummary } from "../export/from-file.js";
import type { ExportSummary } from "../export/run-export.js";

/** The human summary printed at the end of an export; `from`: what `export --from` read. */
export function formatSummary(summary: ExportSummary, cwd: string = process.cwd(), options: { from?: Pick<FileExportSummary, "source"> } = {}): string {
  const out: string[] = [];
  const c = summary.counts;
  const counts = `${c.plays} plays of ${c.films} films, ${c.ratings} ratings, ${c.reviews} reviews, ${c.watchlist} on the watchlist, ${c.lists} lists`;
  const from = options.from;
  if (from !== undefined) {
    const what = from.source.kind === "backup" ? "the backup" : `Trakt's data export${from.source.layout === "nested" ? " (older layout)" : ""}`;
    out.push(`Your Trakt library from ${what} ${displayPath(from.source.path, cwd)}: ${counts} (no request to Trakt).`);
  } else {
    out.push(`${summary.user ? `${summary.user}'s public Trakt profile` : "Your Trakt library"}: ${counts} (${summary.requests} requests to Trakt this run).`);
  }
  const zoneSource = summary.timeZoneSource === "account" && from?.source.kind === "trakt-export" ? "your Trakt account's zone, from the export's user-settings.json" : ZONE_SOURCE[summary.timeZoneSource];
  out.push(`Watch dates are calendar days in ${summary.timeZone} (${zoneSource}).`);
  const skipped = Object.entries(summary.skipped).filter(([, n]) => n > 0);
  if (skipped.length > 0) {
    const total = skipped.reduce((sum, [, n]) => sum + n, 0);
    out.push(`Skipped ${total} ${total === 1 ? "entry" : "entries"} without a film (${skipped.map(([kind, n]) => `${n} ${kind}`).join(", ")}): Trakt lists them with no title or id.`);
    for (const [kind, reason] of Object.entries(summary.skippedReasons)) out.push(`  - the first ${kind} entry skipped: ${reason}`);
  }
  if (summary.nothingNew) {
    out.push("Nothing new since the last export: no Letterboxd file written (the output folder is left as it was).");
  } else if (summary.files.length === 0) {
    out.push("Nothing to write: the chosen files would all be empty.");
  } else {
    if (summary.kind === "incremental") out.push("Incremental export: only what no earlier export wrote.");
    out.push(summary.dryRun ? "Would write (dry run, nothing written):" : "Wrote:");
    const width = Math.max(...summary.files.map((f) => displayPath(f.path, cwd).length));
    for (const file of summary.files) {
      out.push(`  ${displayPath(file.path, cwd).padEnd(width)}  ${String(file.rows).padStart(6)} rows  ${formatBytes(file.bytes)}`);
    }
    if (!summary.dryRun) {
      out.push("Upload diary and ratings files at https://letterboxd.com/import/ (diary first), the watchlist on your watchlist page, each list file as a new list.");
      if (summary.files.some((f) => f.name === "shows")) out.push("shows.csv is for you to keep and review: Letterboxd has no TV and cannot import it.");
    }
  }
  const bulk = bulkPlaysLine(summary.bulkPlays);
  if (bulk !== undefined) out.push(bulk);
  if (summary.titleOnlyFilms.length > 0) {
    out.push(`${summary.titleOnlyFilms.length} films have no IMDb or TMDb id; Letterboxd can match them only by title, year and director (check them on its review screen):`);
    for (const film of summary.titleOnlyFilms.slice(0, 20)) {
      const directors = film.directors.length ? `, ${film.directors.join(", ")}` : "";
      const original = film.originalTitle ? `, originally "${film.originalTitle}"` : "";
      out.push(`  - ${film.title} (${film.year ?? "year unknown"}${directors}${original}) https://trakt.tv/search/trakt/${film.traktId}?id_type=movie`);
    }
    if (summary.titleOnlyFilms.length > 20) out.push(`  … and ${summary.titleOnlyFilms.length - 20} more (see --json).`);
  }
  if (summary.letterboxd) {
    const left = summary.letterboxd.leftOut;
    out.push(`Left out what your Letterboxd export already has: ${left.diary} diary rows, ${left.ratings} ratings, ${left.watchlist} watchlist films.`);
    for (const d of summary.letterboxd.ratingDifferences) {
      out.push(`  - ${d.title} (${d.year ?? "year unknown"}): ${d.trakt} on Trakt, ${d.letterboxd} on Letterboxd; the newer, ${d.kept === "trakt" ? "Trakt's" : "Letterboxd's"}, stands.`);
    }
  }
  for (const warning of summary.warnings) out.push(`Warning: ${warning}`);
  return `${out.join("\n")}\n`;
}

/** At most this many bulk days are named in the terminal; --json has them all. */
const BULK_DAYS_SHOWN = 5;

/** The days many films were marked watched at one time, and what was done with them. */
function bulkPlaysLine({ mode, days }: ExportSummary["bulkPlays"]): string | undefined {
  if (days.length === 0) return undefined;
  const named = days.slice(0, BULK_DAYS_SHOWN).map((day) => `${day.date}: ${plural(day.films, "film")}`);
  if (days.length > BULK_DAYS_SHOWN) named.push(`… and ${days.length - BULK_DAYS_SHOWN} more (see --json)`);
  const one = days.length === 1;
  const head = `${plural(days.length, "day")} ${one ? "holds" : "hold"} many films at one time (${named.join(", ")})`;
  if (mode === "undated") return `${head}: marked as watched in bulk, so written without a diary date (--bulk-plays undated); a film also played on other days keeps those diary dates.`;
  return `${head}; ${one ? "it looks" : "they look"} like "mark as watched" in bulk — \`--bulk-plays undated\` writes them as watched without a diary date.`;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

const ZONE_SOURCE: Record<ExportSummary["timeZoneSource"], string> = {
  settings: "as set",
  account: "your Trakt account's zone",
  system: "this computer's zone",
};

function displayPath(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return rel && !rel.startsWith("..") ? rel : path;
}

function formatBytes(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KB`;
}
