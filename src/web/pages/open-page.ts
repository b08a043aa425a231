import type { ConversionJob, ConvertedFile } from "../conversions.js";
import { h, type Safe } from "../html.js";
import { formatSize } from "../../util/format-size.js";
import { progressTable } from "./export-page.js";
import { exportSummary } from "./export-summary.js";
import { postForm, when, type PageFrame } from "./layout.js";

export interface OpenView {
  job: ConversionJob | undefined;
  /** The finished job's files. */
  files: ConvertedFile[];
  maxUploadBytes: number;
  /** What the server says to a file over the limit; the script says it before sending. */
  tooLarge: string;
  exportsDir: string;
}

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
<p class="muted">The files go to a new folder under <span class="path">${view.exportsDir}</span>; the uploaded ZIP is deleted once converted. Up to ${formatSize(view.maxUploadBytes)}.</p>
<div id="conversion" ${running ? h`data-open-live` : view.job ? h`data-open-state="${view.job.state}"` : ""}>${view.job ? conversionFragment(view.job, view.files, frame.timeZone) : ""}</div>`;
}

/** The conversion's state, progress and (when done) its summary; the SSE route sends the same markup. */
export function conversionFragment(job: ConversionJob, files: readonly ConvertedFile[], zone: string): Safe {
  const title = { running: "Converting…", done: "Converted", failed: "Conversion failed" }[job.state];
  const zipUrl = files.some((f) => f.url !== undefined) ? `/open/${job.id}/zip` : undefined;
  return h`<h2 data-testid="conversion-state">${title}</h2>
<p class="muted">${job.fileName ?? "The uploaded file"}, started ${when(job.startedAt, zone)}${job.finishedAt ? h`, ended ${when(job.finishedAt, zone)}` : ""}.</p>
${job.state === "running" ? progressTable(job.progress) : ""}
${job.error ? h`<p class="error" role="alert">${job.error}</p><p class="muted">Choose the file again, or another, above.</p>` : ""}
${job.result ? exportSummary(job.result.summary, { files, zipUrl, dir: job.result.dir, testId: "converted-files", fromFile: true }) : ""}`;
}

