import type { ConversionJob, ConvertedFile } from "../conversions.js";
import type { ConvertedExport } from "../convert-export.js";
import { h, type Safe } from "../html.js";
import { formatSize } from "../upload.js";
import { progressTable } from "./export-page.js";
import { postForm, stamp, type PageFrame } from "./layout.js";

export interface OpenView {
  job: ConversionJob | undefined;
  /** The finished job's files. */
  files: ConvertedFile[];
  maxUploadBytes: number;
  /** What the server says to a file over the limit; the script says it before sending. */
  tooLarge: string;
  exportsDir: string;
}

const LETTERBOXD_IMPORT = "https://letterboxd.com/import/";
const LETTERBOXD_NEW_LIST = "https://letterboxd.com/list/new/";

export function openPage(frame: PageFrame, view: OpenView): Safe {
  const running = view.job?.state === "running";
  const attrs = h`id="open-form" data-upload data-max-bytes="${view.maxUploadBytes}" data-too-large="${view.tooLarge}"${running ? h` hidden` : ""}`;
  // No enctype: without the script the browser sends only the file's name, which the server answers with a plain refusal.
  return h`<p>Every Trakt member, VIP or not, can download their data: on trakt.tv, <b>Settings → Data</b>, export it and you get a ZIP (<code>trakt-export-….zip</code>). Choose it here and this computer turns it into Letterboxd's import files: no Trakt login, no API app, nothing sent to Trakt.</p>
${postForm(
  frame,
  "/open/upload",
  h`<label>Trakt's data export (.zip) <input type="file" name="export" accept=".zip,application/zip" required></label>
<button type="submit">Convert to Letterboxd files</button>
<p data-upload-status hidden><progress></progress> <span></span></p>
<p class="error" role="alert" data-upload-error hidden></p>`,
  attrs.text,
)}
<p class="muted">The files go to a new folder under ${view.exportsDir}; the uploaded ZIP is deleted once converted. Up to ${formatSize(view.maxUploadBytes)}.</p>
<div id="conversion" ${running ? h`data-open-live` : view.job ? h`data-open-state="${view.job.state}"` : ""}>${view.job ? conversionFragment(view.job, view.files) : ""}</div>`;
}

/** The conversion's state, progress and (when done) its summary; the SSE route sends the same markup. */
export function conversionFragment(job: ConversionJob, files: readonly ConvertedFile[]): Safe {
  const title = { running: "Converting…", done: "Converted", failed: "Conversion failed" }[job.state];
  return h`<h2 data-testid="conversion-state">${title}</h2>
<p class="muted">${job.fileName ?? "The uploaded file"}, started ${stamp(job.startedAt)}${job.finishedAt ? h`, ended ${stamp(job.finishedAt)}` : ""}.</p>
${job.state === "running" ? progressTable(job.progress) : ""}
${job.error ? h`<p class="error" role="alert">${job.error}</p><p class="muted">Choose the file again, or another, above.</p>` : ""}
${job.result ? summary(job.result.summary, job.result.dir, files, job.id) : ""}`;
}

/** What the terminal prints after `export --from`, with download links and where each file goes on Letterboxd. */
function summary(s: ConvertedExport, dir: string, files: readonly ConvertedFile[], id: number): Safe {
  const c = s.counts;
  const what = s.source?.kind === "backup" ? "a trakt-letterboxd backup" : `Trakt's data export${s.source?.layout === "nested" ? " (older layout)" : ""}`;
  const skipped = Object.entries(s.skipped ?? {}).filter(([, n]) => n > 0);
  const skippedTotal = skipped.reduce((sum, [, n]) => sum + n, 0);
  return h`<p data-testid="counts">Your Trakt library from ${what}: ${c.plays} plays of ${c.films} films, ${c.ratings} ratings, ${c.reviews} reviews, ${c.watchlist} on the watchlist, ${c.lists} lists (no request to Trakt).</p>
<p data-testid="time-zone">Watch dates are calendar days in <b>${s.timeZone}</b> (${s.timeZoneSource === "account" && s.source?.kind === "backup" ? "your Trakt account's zone" : ZONE_SOURCE[s.timeZoneSource]}).</p>
${skippedTotal > 0 ? h`<p class="muted" data-testid="skipped">Skipped ${skippedTotal} ${skippedTotal === 1 ? "entry" : "entries"} without a film (${skipped.map(([kind, n]) => `${n} ${kind}`).join(", ")}): Trakt lists them with no title or id.</p>` : ""}
${s.warnings.length > 0 ? h`<ul data-testid="warnings">${s.warnings.map((w) => h`<li class="warn">Warning: ${w}</li>`)}</ul>` : ""}
${files.length === 0
  ? h`<p class="ok">Nothing to write: the export holds no films to import.</p>`
  : h`<table data-testid="converted-files"><thead><tr><th>File</th><th class="num">Rows</th><th class="num">Size</th></tr></thead><tbody>${files.map(
      (f) => h`<tr data-file="${f.fileName}"><td>${f.url ? h`<a href="${f.url}" download>${f.fileName}</a>` : f.fileName}</td><td class="num">${f.rows}</td><td class="num">${formatSize(f.bytes)}</td></tr>`,
    )}</tbody></table>
${files.some((f) => f.url !== undefined) ? h`<p><a href="/open/${id}/zip" download data-testid="zip">All files as a zip</a></p>` : ""}
<p class="muted">Saved in ${dir}.</p>
<h3>On Letterboxd</h3>
${uploadSteps(files)}`}
${s.titleOnlyFilms.length > 0 ? withoutIds(s.titleOnlyFilms) : ""}`;
}

/** Where each file goes, in the order Letterboxd wants them (LETTERBOXD-IMPORT.md). */
export function uploadSteps(files: readonly Pick<ConvertedFile, "name" | "fileName">[]): Safe {
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

function withoutIds(films: ConvertedExport["titleOnlyFilms"]): Safe {
  const list = h`<ul>${films.map(
    (f) => h`<li><a href="https://trakt.tv/search/trakt/${f.traktId}?id_type=movie" target="_blank" rel="noopener noreferrer">${f.title}</a> (${f.year ?? "year unknown"}${f.directors.length > 0 ? `, ${f.directors.join(", ")}` : ""}${f.originalTitle ? `, originally "${f.originalTitle}"` : ""})</li>`,
  )}</ul>`;
  return h`<section data-testid="without-ids">
<h3>${films.length} ${films.length === 1 ? "film has" : "films have"} no IMDb or TMDb id</h3>
<p class="muted">Letterboxd can match these only by title, year and director: check them on its review screen, or add the ids on Trakt.</p>
${films.length > 20 ? h`<details><summary>The ${films.length} films</summary>${list}</details>` : list}
</section>`;
}

const ZONE_SOURCE: Record<ConvertedExport["timeZoneSource"], string> = {
  settings: "as set in the settings",
  account: "your Trakt account's zone, from the export's user-settings.json",
  system: "this computer's zone",
};
