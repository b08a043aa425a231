import type { ListedExport } from "../export-files.js";
import type { ExportJob } from "../export-jobs.js";
import type { JobProgress } from "../jobs.js";
import { h, type Safe } from "../html.js";
import { postForm, stamp, type PageFrame } from "./layout.js";

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
<p class="muted">Files go to a new folder under ${view.exportsDir}. A full export writes everything; an incremental one only what no earlier export wrote.</p>
<div id="job" ${running ? h`data-export-live` : view.job ? h`data-export-state="${view.job.state}"` : ""}>${view.job ? jobFragment(view.job, view.jobFiles) : ""}</div>

<h2>Past exports</h2>
<div id="past-exports">${pastExports(view.past)}</div>`;
}

/** The past exports' table; the SSE route sends it again when an export ends. */
export function pastExports(past: readonly ListedExport[]): Safe {
  return past.length === 0
    ? h`<p class="muted">None yet.</p>`
    : h`<table data-testid="past-exports"><thead><tr><th>When</th><th>Kind</th><th>Files</th><th></th></tr></thead><tbody>${past.map(pastRow)}</tbody></table>`;
}

/** The job's state, progress and (when done) its downloads; the SSE route sends the same markup. */
export function jobFragment(job: ExportJob, files: ListedExport | undefined): Safe {
  const title = { running: "Exporting…", done: "Export finished", failed: "Export failed" }[job.state];
  return h`<h2 data-testid="job-state">${title}</h2>
<p class="muted">${job.kind === "full" ? "Full" : "Incremental"} export${job.source === "schedule" ? " (scheduled)" : ""}, started ${stamp(job.startedAt)}${job.finishedAt ? h`, ended ${stamp(job.finishedAt)}` : ""}.</p>
${progressTable(job.progress)}
${job.notes.length > 0 ? h`<ul class="muted">${job.notes.slice(-5).map((note) => h`<li>${note}</li>`)}</ul>` : ""}
${job.error ? h`<p class="error" role="alert">${job.error}</p>` : ""}
${job.result?.summary.nothingNew ? h`<p class="ok">Nothing new since the last export; no file written.</p>` : ""}
${files ? downloads(files) : ""}`;
}

/** A job's latest count per kind of work; the conversion's page shows the same. */
export function progressTable(progress: readonly JobProgress[]): Safe {
  return h`<table data-testid="progress"><tbody>${progress.map(
    (p) => h`<tr data-kind="${p.kind}" data-done="${p.done}" data-total="${p.total ?? ""}"><td>${p.kind}</td><td><progress value="${p.done}" max="${p.total ?? ""}"></progress></td><td class="num">${p.done}${p.total === undefined ? "" : h` / ${p.total}`}</td></tr>`,
  )}</tbody></table>`;
}

function downloads(listed: ListedExport): Safe {
  return h`<ul data-testid="downloads">${listed.files.map((f) => h`<li>${f.url ? h`<a href="${f.url}" download>${f.fileName}</a>` : f.fileName} <span class="muted">${f.rows} rows</span></li>`)}</ul>
${listed.zipUrl ? h`<p><a href="${listed.zipUrl}" download data-testid="zip">All files as a zip</a></p>` : ""}`;
}

function pastRow(e: ListedExport): Safe {
  return h`<tr data-export-id="${e.id}"><td>${stamp(e.exportedAt)}</td><td>${e.kind}</td><td>${e.files.length === 0 ? h`<span class="muted">no files</span>` : h`${e.files.map((f) => h`${f.url ? h`<a href="${f.url}" download>${f.fileName}</a>` : h`<span title="not in a folder this page serves">${f.fileName}</span>`} <span class="muted">(${f.rows})</span><br>`)}`}</td><td>${e.zipUrl ? h`<a href="${e.zipUrl}" download>zip</a>` : ""}</td></tr>`;
}

