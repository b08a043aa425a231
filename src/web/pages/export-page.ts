import { basename } from "node:path";
import type { ListedExport } from "../export-files.js";
import type { ExportJob } from "../export-jobs.js";
import type { JobProgress } from "../jobs.js";
import { plural } from "../../util/plural.js";
import { h, type Safe } from "../html.js";
import { exportSummary, filesTable } from "./export-summary.js";
import { postForm, when, type PageFrame } from "./layout.js";

export interface ExportView {
  connected: boolean;
  job: ExportJob | undefined;
  /** Download links of the job's export, when it wrote files. */
  jobFiles: ListedExport | undefined;
  past: ListedExport[];
  exportsDir: string;
  error?: string;
}

export function exportPage(frame: PageFrame, view: ExportView): Safe {
  const running = view.job?.state === "running";
  // Disabled while an export runs (the page's script enables them when it ends) or while not connected.
  const disabled = !view.connected ? h` disabled` : running ? h` disabled data-while-running` : "";
  return h`${view.error ? h`<p class="error" role="alert">${view.error}</p>` : ""}
${view.connected ? "" : h`<p>Not connected: <a href="/connect">connect to Trakt</a> first, or convert the data export Trakt lets you download on <a href="/open">Open a Trakt export</a>.</p>`}
${postForm(
  frame,
  "/export/start",
  h`<button type="submit" name="kind" value="full"${disabled}>Full export</button>
<button type="submit" name="kind" value="incremental" class="secondary"${disabled}>Only what is new (incremental)</button>`,
)}
<p class="muted">Files go to a new folder under <span class="path">${view.exportsDir}</span>. A full export writes everything; an incremental one only what no earlier export wrote.</p>
<div id="job" ${running ? h`data-export-live` : view.job ? h`data-export-state="${view.job.state}"` : ""}>${view.job ? jobFragment(view.job, view.jobFiles, frame.timeZone) : ""}</div>

<h2>Past exports</h2>
<div id="past-exports">${pastExports(view.past, frame.timeZone)}</div>`;
}

/** The past exports, one folded line each that unfolds to its files; the SSE route sends it again when an export ends. */
export function pastExports(past: readonly ListedExport[], zone: string): Safe {
  return past.length === 0 ? h`<p class="muted">None yet.</p>` : h`<div data-testid="past-exports">${past.map((e) => pastExport(e, zone))}</div>`;
}

/** The job's state, progress and (when done) what the terminal shows after an export; the SSE route sends the same markup. */
export function jobFragment(job: ExportJob, listed: ListedExport | undefined, zone: string): Safe {
  const title = { running: "Exporting…", done: "Export finished", failed: "Export failed" }[job.state];
  const result = job.result;
  // The store's record gives the download links; without one (nothing written) the summary's own files are listed.
  const files = listed?.files ?? result?.summary.files.map((f) => ({ name: f.name, fileName: basename(f.path), rows: f.rows, bytes: f.bytes })) ?? [];
  return h`<h2 data-testid="job-state">${title}</h2>
<p class="muted">${job.kind === "full" ? "Full" : "Incremental"} export${job.source === "schedule" ? " (scheduled)" : ""}, started ${when(job.startedAt, zone)}${job.finishedAt ? h`, ended ${when(job.finishedAt, zone)}` : ""}.</p>
${progressTable(job.progress)}
${job.notes.length > 0 ? h`<ul class="muted">${job.notes.slice(-5).map((note) => h`<li>${note}</li>`)}</ul>` : ""}
${job.error ? h`<p class="error" role="alert">${job.error}</p>` : ""}
${result ? exportSummary(result.summary, { files, zipUrl: listed?.zipUrl, dir: listed?.dir ?? result.dir, testId: "downloads", fromFile: false }) : ""}`;
}

/** A job's latest count per kind of work; the conversion's page shows the same. */
export function progressTable(progress: readonly JobProgress[]): Safe {
  return h`<table data-testid="progress"><tbody>${progress.map(
    (p) =>
      h`<tr data-kind="${p.kind}" data-done="${p.done}" data-total="${p.total ?? ""}"><td>${p.kind}</td><td><progress value="${p.done}" max="${p.total ?? ""}"></progress></td><td class="num">${p.done}${p.total === undefined ? "" : h` / ${p.total}`}</td></tr>`,
  )}</tbody></table>`;
}

function pastExport(e: ListedExport, zone: string): Safe {
  const rows = e.files.reduce((n, f) => n + f.rows, 0);
  const what = e.files.length === 0 ? "no files" : `${plural(e.files.length, "file")}, ${plural(rows, "row")}`;
  return h`<details class="past" data-export-id="${e.id}"><summary>${when(e.exportedAt, zone)} · ${e.kind} · ${what}</summary>
${e.files.length > 0 ? filesTable(e.files, "past-files") : ""}
${e.zipUrl ? h`<p><a href="${e.zipUrl}" download>All files as a zip</a></p>` : ""}
${e.dir ? h`<p class="muted">In <span class="path">${e.dir}</span>.</p>` : e.files.length > 0 ? h`<p class="muted">Written outside the folders this page serves (as <code>export --out</code> does): listed, not offered for download.</p>` : ""}
</details>`;
}
