import type { FileExportSummary } from "../export/from-file.js";
import type { ExportSummary } from "../export/run-export.js";
import { zoneSourceText } from "../export/zone-source.js";
import { displayPath } from "./display-path.js";
import { warning } from "./io.js";
import { formatSize } from "../util/format-size.js";
import { filmsInFiles, libraryCounts, plural } from "../util/plural.js";
import { plain, type Style } from "./style.js";

export interface SummaryOptions {
  /** What `export --from` read. */
  from?: Pick<FileExportSummary, "source">;
  /** Colours for the stream the summary goes to (headings bold, warnings yellow); default none. */
  style?: Style;
}

/** The human summary printed at the end of an export. */
export function formatSummary(summary: ExportSummary, cwd: string = process.cwd(), options: SummaryOptions = {}): string {
  const style = options.style ?? plain;
  const out: string[] = [];
  // The library as a whole; what the files hold is counted with them below.
  const library = libraryCounts(summary.counts);
  const from = options.from;
  if (from !== undefined) {
    const what = from.source.kind === "backup" ? "the backup" : `Trakt's data export${from.source.layout === "nested" ? " (older layout)" : ""}`;
    out.push(`${style("bold", `Your Trakt library from ${what} ${displayPath(from.source.path, cwd)}:`)} ${library} (no request to Trakt).`);
  } else {
    out.push(`${style("bold", `${summary.user ? `${summary.user}'s public Trakt profile` : "Your Trakt library"}:`)} ${library} (${plural(summary.requests, "request")} to Trakt this run).`);
  }
  out.push(`Watch dates are calendar days in ${summary.timeZone} (${zoneSourceText(summary, from?.source.kind === "trakt-export")}).`);
  const skipped = Object.entries(summary.skipped).filter(([, n]) => n > 0);
  if (skipped.length > 0) {
    const total = skipped.reduce((sum, [, n]) => sum + n, 0);
    out.push(`Skipped ${plural(total, "entry", "entries")} without a film (${skipped.map(([kind, n]) => `${n} ${kind}`).join(", ")}): Trakt lists them with no title or id.`);
    for (const [kind, reason] of Object.entries(summary.skippedReasons)) out.push(`  - the first ${kind} entry skipped: ${reason}`);
  }
  if (summary.nothingNew) {
    out.push("Nothing new since the last export: no Letterboxd file written (the output folder is left as it was).");
  } else if (summary.files.length === 0) {
    out.push("Nothing to write: the chosen files would all be empty.");
  } else {
    if (summary.kind === "incremental") out.push("Incremental export: only what no earlier export wrote.");
    const what = filmsInFiles(summary.filmsWritten, summary.files.length);
    out.push(style("bold", summary.dryRun ? `Would write ${what} (dry run, nothing written):` : `Wrote ${what}:`));
    const width = Math.max(...summary.files.map((f) => displayPath(f.path, cwd).length));
    for (const file of summary.files) {
      out.push(`  ${displayPath(file.path, cwd).padEnd(width)}  ${String(file.rows).padStart(6)} ${file.rows === 1 ? "row " : "rows"}  ${formatSize(file.bytes)}`);
    }
    if (!summary.dryRun) {
      const steps = uploadSteps(summary.files);
      if (steps !== undefined) out.push(steps);
      if (summary.files.some((f) => f.name === "shows")) out.push("shows.csv is for you to keep and review: Letterboxd has no TV and cannot import it.");
    }
  }
  const bulk = bulkPlaysLine(summary.bulkPlays);
  if (bulk !== undefined) out.push(bulk);
  const titleOnly = summary.titleOnlyFilms.length;
  if (titleOnly > 0) {
    const one = titleOnly === 1;
    out.push(`${plural(titleOnly, "film")} ${one ? "has" : "have"} no IMDb or TMDb id; Letterboxd can match ${one ? "it" : "them"} only by title, year and director (check ${one ? "it" : "them"} on its review screen):`);
    for (const film of summary.titleOnlyFilms.slice(0, 20)) {
      const directors = film.directors.length ? `, ${film.directors.join(", ")}` : "";
      const original = film.originalTitle ? `, originally "${film.originalTitle}"` : "";
      out.push(`  - ${film.title} (${film.year ?? "year unknown"}${directors}${original}) https://trakt.tv/search/trakt/${film.traktId}?id_type=movie`);
    }
    if (titleOnly > 20) out.push(`  … and ${titleOnly - 20} more (see --json).`);
  }
  if (summary.letterboxd) {
    const left = summary.letterboxd.leftOut;
    out.push(`Left out what your Letterboxd export already has: ${plural(left.diary, "diary row")}, ${plural(left.ratings, "rating")}, ${plural(left.watchlist, "watchlist film")}, ${plural(left.lists, "list")}, ${plural(left.reviews, "review")}.`);
    for (const l of summary.letterboxd.listsDiffering) {
      out.push(`  - list "${l.name}": Letterboxd's list "${l.letterboxd}" holds other films or another order; written whole, and uploading it makes a new list beside that one.`);
    }
    for (const d of summary.letterboxd.ratingDifferences) {
      out.push(`  - ${d.title} (${d.year ?? "year unknown"}): ${d.trakt} on Trakt, ${d.letterboxd} on Letterboxd; the newer, ${d.kept === "trakt" ? "Trakt's" : "Letterboxd's"}, stands.`);
    }
  }
  for (const text of summary.warnings) out.push(warning(style, text));
  return `${out.join("\n")}\n`;
}

/** Where each written file goes on Letterboxd, in the order to upload them; only the files written. */
function uploadSteps(files: ExportSummary["files"]): string | undefined {
  const count = (kind: string) => files.filter((f) => (kind === "lists" ? f.name.startsWith("lists/") : f.name === kind)).length;
  const the = (kind: string) => (count(kind) === 1 ? `the ${kind} file` : `the ${count(kind)} ${kind} files (in order)`);
  const steps: string[] = [];
  const importer = ["diary", "ratings"].filter((kind) => count(kind) > 0);
  if (importer.length > 0) steps.push(`${importer.map(the).join(" first, then ")} at https://letterboxd.com/import/`);
  if (count("watchlist") > 0) steps.push(`${the("watchlist")} with the import on your Letterboxd watchlist page`);
  if (count("lists") > 0) steps.push(count("lists") === 1 ? "the list file as a new list" : "each list file as a new list");
  return steps.length === 0 ? undefined : `Upload ${steps.join("; ")}.`;
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
