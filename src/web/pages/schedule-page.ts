import type { RunLogEntry, ScheduleConfig } from "../../schedule/index.js";
import { h, type Safe } from "../html.js";
import { postForm, when, type PageFrame } from "./layout.js";

export interface ScheduleView {
  config: ScheduleConfig | undefined;
  /** When this server runs it next; undefined when off. */
  nextRun: Date | undefined;
  /** The zone the schedule runs in (ScheduleRunner.timeZone); its times are shown in it. */
  timeZone: string;
  log: RunLogEntry[];
  /** What was typed into the form, shown again with the error it got. */
  typed?: string;
  error?: string;
  notice?: string;
}

const PRESETS: readonly [string, string][] = [
  ["0 3 * * *", "every night at 03:00"],
  ["0 3 * * 1", "every Monday at 03:00"],
  ["0 */6 * * *", "every 6 hours"],
];

export function schedulePage(frame: PageFrame, view: ScheduleView): Safe {
  const { config, timeZone: zone } = view;
  return h`${view.error ? h`<p class="error" role="alert" id="cron-error">${view.error}</p>` : ""}${view.notice ? h`<p class="ok">${view.notice}</p>` : ""}
${config
  ? h`<p data-testid="schedule-current">Incremental exports run on <code class="cron">${config.cron}</code> (${zone} time) into dated folders under <span class="path">${config.dir}</span>.${view.nextRun ? h` Next run: <b data-testid="next-run">${when(view.nextRun, zone)}</b>.` : ""}</p>`
  : h`<p data-testid="schedule-current">No schedule set.</p>`}
${postForm(
  frame,
  "/schedule",
  h`<label>Cron schedule <input type="text" name="cron" value="${view.typed ?? config?.cron ?? "0 3 * * *"}" required aria-describedby="cron-help"${view.error ? h` aria-invalid="true"` : ""}></label>
<button type="submit">Save</button>
<p id="cron-help" class="muted">Five fields: minute, hour, day of month, month, day of week, read in ${zone} time. For example: ${PRESETS.map(([cron, label], i) => h`${i > 0 ? ", " : ""}<code class="cron">${cron}</code> ${label}`)}.</p>`,
)}
${config ? postForm(frame, "/schedule/off", h`<button type="submit" class="secondary">Turn the schedule off</button>`) : ""}
<p class="muted">The schedule runs while <code>trakt-letterboxd serve</code> or <code>trakt-letterboxd schedule</code> runs. A failed run is logged here and tried again at the next tick; two runs never overlap.</p>

<h2>Recent runs</h2>
${view.log.length === 0
  ? h`<p class="muted">None yet.</p>`
  : h`<table class="stack" data-testid="run-log"><thead><tr><th>When</th><th>Result</th><th>What happened</th></tr></thead><tbody>${view.log.map(
      (e) => h`<tr data-status="${e.status}"><td>${when(e.at, zone)}</td><td class="${e.status === "failed" ? "error" : e.status === "succeeded" ? "ok" : "muted"}">${e.status}</td><td>${e.message}</td></tr>`,
    )}</tbody></table>`}`;
}
