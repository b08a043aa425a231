import { zoneSourceText } from "../../export/zone-source.js";
import type { ListedFile } from "../export-files.js";
import type { ConvertedExport } from "../convert-export.js";
import { filmsInFiles, libraryCounts, plural } from "../../util/plural.js";
import { h, type Safe } from "../html.js";
import { formatSize } from "../../util/format-size.js";

/** A file an export, a conversion or a check wrote, as the page lists it. */
export type PageFile = ListedFile;

/** Where an export's files are and how to get them. */
export interface SummaryFiles {
  files: readonly PageFile[];
  /** All files as one zip, when any can be downloaded. */
  zipUrl: string | undefined;
  /** The folder they were written to. */
  dir: string | undefined;
  /** The files table's test id. */
  testId: string;
  /** Converted from an uploaded file (a Trakt data export unless `source` says a backup), not read from Trakt. */
  fromFile: boolean;
}

const LETTERBOXD_IMPORT = "https://letterboxd.com/import/";
const LETTERBOXD_NEW_LIST = "https://letterboxd.com/list/new/";

/**
 * What the terminal prints after an export or `export --from` (src/cli/summary.ts), from
 * the same summary: the counts, the zone of the watch dates, the files with where each goes
 * on Letterboxd, the bulk "mark as watched" days, the films without ids and the warnings.
 */
export function exportSummary(s: ConvertedExport, where: SummaryFiles): Safe {
  // The library as a whole; what the files hold is counted with them.
  const counts = libraryCounts(s.counts);
  const backup = s.source?.kind === "backup";
  const from = !where.fromFile ? undefined : backup ? "a trakt-letterboxd backup" : `Trakt's data export${s.source?.layout === "nested" ? " (older layout)" : ""}`;
  const skipped = Object.entries(s.skipped ?? {}).filter(([, n]) => n > 0);
  const skippedTotal = skipped.reduce((sum, [, n]) => sum + n, 0);
  const reasons = Object.entries(s.skippedReasons ?? {});
  return h`<p data-testid="counts">${from ? `Your Trakt library from ${from}: ${counts} (no request to Trakt).` : `Your Trakt library: ${counts} (${plural(s.requests, "request")} to Trakt this run).`}</p>
<p data-testid="time-zone">Watch dates are calendar days in <b>${s.timeZone}</b> (${zoneSourceText(s, where.fromFile && !backup)}).</p>
${skippedTotal > 0
  ? h`<p class="muted" data-testid="skipped">Skipped ${plural(skippedTotal, "entry", "entries")} without a film (${skipped.map(([kind, n]) => `${n} ${kind}`).join(", ")}): Trakt lists them with no title or id.</p>
${reasons.length > 0 ? h`<ul class="muted">${reasons.map(([kind, reason]) => h`<li>The first ${kind} entry skipped: ${reason}</li>`)}</ul>` : ""}`
  : ""}
${s.nothingNew
  ? h`<p class="ok">Nothing new since the last export; no file written.</p>`
  : where.files.length === 0
    ? h`<p class="ok">Nothing to write: there are no films to import.</p>`
    : h`${s.kind === "incremental" ? h`<p class="muted">Incremental export: only what no earlier export wrote.</p>` : ""}
<p data-testid="written"><b>Wrote ${filmsInFiles(s.filmsWritten, where.files.length)}:</b></p>
${filesTable(where.files, where.testId)}
${where.zipUrl ? h`<p><a href="${where.zipUrl}" download data-testid="zip">All files as a zip</a></p>` : ""}
${where.dir ? h`<p class="muted">Saved in <span class="path">${where.dir}</span>.</p>` : ""}
<h3>On Letterboxd</h3>
${uploadSteps(where.files)}`}
${bulkDays(s.bulkPlays)}
${s.titleOnlyFilms.length > 0 ? withoutIds(s.titleOnlyFilms) : ""}
${s.warnings.length > 0 ? h`<ul data-testid="warnings">${s.warnings.map((w) => h`<li class="warn">Warning: ${w}</li>`)}</ul>` : ""}`;
}

/** Files with their rows and size, each a download link when the page may hand it out. */
export function filesTable(files: readonly PageFile[], testId: string): Safe {
  return h`<table data-testid="${testId}"><thead><tr><th>File</th><th class="num">Rows</th><th class="num">Size</th></tr></thead><tbody>${files.map(
    (f) =>
      h`<tr data-file="${f.fileName}"><td class="path">${f.url ? h`<a href="${f.url}" download>${f.fileName}</a>` : h`<span title="not in a folder this page serves">${f.fileName}</span>`}</td><td class="num">${f.rows}</td><td class="num">${formatSize(f.bytes)}</td></tr>`,
  )}</tbody></table>`;
}

/** Where each file goes, in the order Letterboxd wants them (LETTERBOXD-IMPORT.md). */
export function uploadSteps(files: readonly Pick<PageFile, "name" | "fileName">[]): Safe {
  const of = (test: (name: string) => boolean) => files.filter((f) => test(f.name)).map((f, i) => h`${i > 0 ? ", " : ""}<b>${f.fileName}</b>`);
  const diary = of((n) => n === "diary");
  const ratings = of((n) => n === "ratings");
  const watchlist = of((n) => n === "watchlist");
  const lists = of((n) => n.startsWith("lists/"));
  const shows = of((n) => n === "shows");
  return h`<ol data-testid="upload-steps">
${diary.length + ratings.length > 0 ? h`<li>At <a href="${LETTERBOXD_IMPORT}" target="_blank" rel="noopener noreferrer">letterboxd.com/import</a>: ${diary.length > 0 ? h`${diary} first` : ""}${diary.length > 0 && ratings.length > 0 ? ", then " : ""}${ratings}. Letterboxd shows how it matched each film before it saves anything.</li>` : ""}
${watchlist.length > 0 ? h`<li>${watchlist} with the import on your Letterboxd watchlist page (not at letterboxd.com/import, which would mark those films as watched).</li>` : ""}
${lists.length > 0 ? h`<li>Each list as a new list (<a href="${LETTERBOXD_NEW_LIST}" target="_blank" rel="noopener noreferrer">New list</a>, then its import): ${lists}.</li>` : ""}
</ol>
${shows.length > 0 ? h`<p class="muted">${shows} is for you to keep: Letterboxd has no TV and cannot import it.</p>` : ""}`;
}

/** The days many films were marked watched at one time (the summary's `bulkPlays`), and what was done with them. */
function bulkDays({ mode, days }: ConvertedExport["bulkPlays"]): Safe | "" {
  if (days.length === 0) return "";
  const one = days.length === 1;
  const list = h`<ul>${days.map((day) => h`<li>${day.date}: ${plural(day.films, "film")}</li>`)}</ul>`;
  return h`<section data-testid="bulk-plays" data-bulk-mode="${mode}">
<h3>${days.length} ${one ? "day holds" : "days hold"} many films at one time</h3>
<p class="muted">${mode === "undated"
    ? `Marked as watched in bulk, so written without a diary date (bulk_plays = "undated"); a film also played on other days keeps those diary dates.`
    : `${one ? "It looks" : "They look"} like "mark as watched" in bulk on Trakt. Set bulk_plays = "undated" in config.toml (or run export with --bulk-plays undated) to write them as watched without a diary date.`}</p>
${days.length > 5 ? h`<details><summary>The ${days.length} days</summary>${list}</details>` : list}
</section>`;
}

function withoutIds(films: ConvertedExport["titleOnlyFilms"]): Safe {
  const list = h`<ul>${films.map(
    (f) =>
      h`<li><a href="https://trakt.tv/search/trakt/${f.traktId}?id_type=movie" target="_blank" rel="noopener noreferrer">${f.title}</a> (${f.year ?? "year unknown"}${f.directors.length > 0 ? `, ${f.directors.join(", ")}` : ""}${f.originalTitle ? `, originally "${f.originalTitle}"` : ""})</li>`,
  )}</ul>`;
  return h`<section data-testid="without-ids">
<h3>${plural(films.length, "film")} ${films.length === 1 ? "has" : "have"} no IMDb or TMDb id</h3>
<p class="muted">Letterboxd can match ${films.length === 1 ? "it" : "them"} only by title, year and director: check ${films.length === 1 ? "it" : "them"} on its review screen, or add the ids on Trakt.</p>
${films.length > 20 ? h`<details><summary>The ${films.length} films</summary>${list}</details>` : list}
</section>`;
}

