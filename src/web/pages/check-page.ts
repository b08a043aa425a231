import { cleanVerdict } from "../../export/verify-verdict.js";
import type { FilmProblem } from "../../letterboxd/compare-letterboxd.js";
import { plural } from "../../util/plural.js";
import { h, type Safe } from "../html.js";
import type { CheckFile, LetterboxdCheck } from "../letterboxd-checks.js";
import { formatSize } from "../../util/format-size.js";
import { filesTable, uploadSteps } from "./export-summary.js";
import { postForm, when, type PageFrame } from "./layout.js";

export interface CheckView {
  /** The library has nothing to compare with: the page says what to do instead of offering the form. */
  libraryEmpty: boolean;
  check: LetterboxdCheck | undefined;
  /** The latest check's fix files. */
  files: CheckFile[];
  maxUploadBytes: number;
  /** What the server says to a file over the limit; the script says it before sending. */
  tooLarge: string;
  exportsDir: string;
  /** What to do about an empty library (EmptyLibraryError's message, as the upload would answer). */
  emptyLibrary: string;
}

export function checkPage(frame: PageFrame, view: CheckView): Safe {
  const attrs = h`id="check-form" data-upload data-upload-next="/check" data-upload-sent="Sent; comparing it with your library…" data-max-bytes="${view.maxUploadBytes}" data-too-large="${view.tooLarge}"`;
  return h`<p>After an import into Letterboxd, download your Letterboxd data (on letterboxd.com, <b>Settings → Data → Export</b>) and choose the ZIP here. This computer compares it with your Trakt library, the one the Library page shows, as <code>trakt-letterboxd verify</code> does, and writes import files holding only what Letterboxd lacks.</p>
${view.libraryEmpty
  ? h`<p class="warn" data-testid="empty-library">${view.emptyLibrary}</p>`
  : h`${postForm(
      frame,
      "/check/upload",
      h`<label>Your Letterboxd export (.zip) <input type="file" name="export" accept=".zip,application/zip" required></label>
<button type="submit">Check it</button>
<p data-upload-status hidden><progress></progress> <span></span></p>
<p class="error" role="alert" data-upload-error hidden></p>`,
      attrs.text,
    )}
<p class="muted">The files that fix it go to a new folder under <span class="path">${view.exportsDir}</span>; the uploaded ZIP is deleted once read. Up to ${formatSize(view.maxUploadBytes)}.</p>`}
<div id="check">${view.check ? checkReport(view.check, view.files, frame.timeZone) : ""}</div>`;
}

/** `verify`'s report: counts first, the fix files, then a table per kind of difference with a filter. */
function checkReport(check: LetterboxdCheck, files: readonly CheckFile[], zone: string): Safe {
  const s = check.summary;
  const c = s.counts;
  const tables = kindTables(s.films);
  const verdict = cleanVerdict(s);
  return h`<section data-check-report data-clean="${String(s.clean)}">
<h2>${check.fileName ?? "The uploaded export"}</h2>
${verdict !== undefined
  ? h`<p class="ok" data-testid="check-state">${verdict}</p>`
  : h`<p class="warn" data-testid="check-state">Letterboxd lacks part of your Trakt library: the tables below say what, and the files below fix it.</p>`}
<p class="muted">Compared ${plural(c.films, "film")} of your Trakt library with it (dates are days in ${s.timeZone}), ${when(check.checkedAt, zone)}.</p>
<div class="totals" data-testid="check-counts">${COUNTS.map(([key, label]) => h`<div data-count="${key}"><b>${c[key]}</b>${label}</div>`)}</div>
${s.warnings.length > 0 ? h`<ul data-testid="warnings">${s.warnings.map((w) => h`<li class="warn">Warning: ${w}</li>`)}</ul>` : ""}
${files.length > 0 ? fixFiles(check, files) : ""}
${tables.length > 0 ? filter(tables) : ""}
${tables.map(
  (t) => h`<section data-kind="${t.kind}" data-testid="kind-${t.kind}">
<h3>${t.title} (${t.rows.length})</h3>
<p class="muted">${t.note(s.timeZone)}</p>
<table class="stack"><thead><tr>${t.head.map((cell) => h`<th>${cell}</th>`)}</tr></thead><tbody>${t.rows.map(
    (cells) => h`<tr data-kind="${t.kind}">${cells.map((cell, i) => (i > 0 && t.head[i] ? h`<td data-head="${t.head[i]}">${cell}</td>` : h`<td>${cell}</td>`))}</tr>`,
  )}</tbody></table>
</section>`,
)}
</section>`;
}

const COUNTS = [
  ["films", "films compared"],
  ["found", "found on Letterboxd"],
  ["notFound", "not found"],
  ["unsure", "unsure"],
  ["missingDiaryEntries", "diary entries missing"],
  ["otherDates", "on another date"],
  ["oneDayShifts", "one day off"],
  ["ratingsDiffer", "ratings differ"],
  ["watchlistMissing", "watchlist films missing"],
] as const;

function fixFiles(check: LetterboxdCheck, files: readonly CheckFile[]): Safe {
  return h`<h3>Files that fix it</h3>
${filesTable(files, "fix-files")}
${files.some((f) => f.url !== undefined) ? h`<p><a href="/check/${check.id}/zip" download data-testid="fix-zip">All files as a zip</a></p>` : ""}
<p class="muted">Saved in <span class="path">${check.dir}</span>. Upload them as usual, then download a new Letterboxd export and check it again.</p>
${uploadSteps(files)}`;
}

/** Hidden until the script shows it: without JavaScript every row stays shown. */
function filter(tables: readonly KindTable[]): Safe {
  return h`<div class="filters" data-check-filter hidden>
<label>Filter <input type="search" data-filter-text placeholder="title, year or date"></label>
${tables.map((t) => h`<label><input type="checkbox" data-filter-kind="${t.kind}" checked> ${t.title}</label>`)}
<span class="muted" data-filter-count></span>
</div>`;
}

type Cell = string | Safe;

interface KindTable {
  kind: string;
  title: string;
  note: (timeZone: string) => string;
  head: string[];
  rows: Cell[][];
}

/** The report's kinds, in `verify`'s order, each with its rows; kinds without rows are left out. */
function kindTables(films: readonly FilmProblem[]): KindTable[] {
  const rows = (pick: (p: FilmProblem) => Cell[][]) => films.flatMap(pick);
  const tables: KindTable[] = [
    {
      kind: "missing",
      title: "Diary entries missing",
      note: () => "Letterboxd has no diary entry of the film on this day. The fix's diary.csv logs them.",
      head: ["Film", "Watched on"],
      rows: rows((p) => p.missingDates.map((date) => [film(p), date])),
    },
    {
      kind: "other-date",
      title: "Entries on another date",
      note: (zone) =>
        `Letterboxd has the film a day before or after Trakt's date (days in ${zone}). A one-day shift is likely a time-zone difference between the import and this check. The fix's diary.csv logs them on Trakt's dates: delete the shifted entries on Letterboxd if you import it.`,
      head: ["Film", "On Trakt", "On Letterboxd", ""],
      rows: rows((p) => p.otherDates.map((o) => [film(p), o.trakt, o.letterboxd, o.oneDay ? "one day off: likely a time-zone difference" : ""])),
    },
    {
      kind: "not-watched",
      title: "Not marked watched",
      note: () => "Seen on Trakt on unknown dates only, and not watched on Letterboxd. The fix's diary.csv marks them.",
      head: ["Film"],
      rows: rows((p) => (p.notWatched ? [[film(p)]] : [])),
    },
    {
      kind: "rating",
      title: "Ratings that differ",
      note: () => "On Letterboxd's scale of half stars. The fix's ratings.csv sets Trakt's.",
      head: ["Film", "Trakt", "Letterboxd", "Set on Letterboxd"],
      rows: rows((p) => (p.rating ? [[film(p), stars(p.rating.trakt), p.rating.letterboxd === null ? "not rated" : stars(p.rating.letterboxd), p.rating.letterboxdDate ?? ""]] : [])),
    },
    {
      kind: "watchlist",
      title: "Watchlist films missing",
      note: () => "Neither on Letterboxd's watchlist nor watched there. The fix's watchlist.csv adds them.",
      head: ["Film"],
      rows: rows((p) => (p.watchlistMissing ? [[film(p)]] : [])),
    },
    {
      kind: "not-found",
      title: "Films not found",
      note: () =>
        "No film of this title and year (or a year off) in your Letterboxd export: Letterboxd may call it otherwise, or the import skipped it. Their rows are in the fix files; Letterboxd's importer matches them by IMDb or TMDb id.",
      head: ["Film"],
      rows: rows((p) => (p.match === "none" ? [[film(p, false)]] : [])),
    },
    {
      kind: "unsure",
      title: "Unsure matches",
      note: () => "More than one Letterboxd film fits equally, so none was chosen: see which is yours.",
      head: ["Film", "Letterboxd films that fit"],
      rows: rows((p) => (p.match === "unsure" ? [[film(p, false), h`${(p.candidates ?? []).map((f, i) => h`${i > 0 ? " or " : ""}${letterboxdLink(f.uri, `${f.name} (${f.year ?? "?"})`)}`)}`]] : [])),
    },
  ];
  return tables.filter((t) => t.rows.length > 0);
}

/** The Trakt film, linked to its Letterboxd page when matched, with how it was matched when that is not plain (`match`: also when not found or unsure). */
function film(p: FilmProblem, match = true): Safe {
  const name = `${p.film.title} (${p.film.year ?? "year unknown"})`;
  const lb = p.letterboxd;
  const otherwise = lb !== undefined && (lb.yearOff || lb.name !== p.film.title);
  return h`${lb ? letterboxdLink(lb.uri, name) : name}${otherwise && lb ? h` <span class="muted">(on Letterboxd: ${lb.name} (${lb.year ?? "?"})${lb.yearOff ? ", a year off" : ""})</span>` : ""}${match && p.match !== "found" ? h` <span class="muted">(${p.match === "none" ? "not found on Letterboxd" : "unsure"})</span>` : ""}`;
}

/** A link to a film's Letterboxd page; the URI comes from the uploaded file, so only Letterboxd's own addresses become links. */
function letterboxdLink(uri: string | null, text: string): Cell {
  return uri !== null && /^https:\/\/(letterboxd\.com|boxd\.it)\//.test(uri) ? h`<a href="${uri}" target="_blank" rel="noopener noreferrer">${text}</a>` : text;
}

/** 3.5 → `★★★½ (3.5)` */
function stars(rating: number): string {
  return `${"★".repeat(Math.floor(rating))}${rating % 1 ? "½" : ""} (${rating})`;
}
