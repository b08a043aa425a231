import { barChart, columnChart } from "../charts.js";
import { plural } from "../../util/plural.js";
import { h, raw, type Safe } from "../html.js";
import type { LibraryStats } from "../library-stats.js";

/** Months drawn in the per-month chart; the table and the JSON hold all of them. */
export const CHART_MONTHS = 24;

export function libraryPage(stats: LibraryStats | undefined): Safe {
  if (stats === undefined) {
    return h`<p>The local store is empty: <a href="/export">run an export</a> first (it fills the store from Trakt).</p>`;
  }
  const t = stats.totals;
  const months = stats.perMonth.slice(-CHART_MONTHS);
  const film = (f: { title: string; year: number | null }) => (f.year === null ? f.title : `${f.title} (${f.year})`);
  return h`<p class="muted">${stats.username ? h`Library of <b>${stats.username}</b>, from` : "From"} the local store; dates are days in ${stats.timeZone}, as in diary.csv. The numbers are also at <a href="/api/library">/api/library</a> (JSON).</p>
<div class="totals" data-testid="totals">
${[
  ["films in the store", t.films],
  ["plays", t.plays],
  ["diary entries", t.diaryEntries],
  ["ratings", t.ratings],
  ["reviews", t.reviews],
  ["on the watchlist", t.watchlist],
  ["lists", t.lists],
].map(([label, n]) => h`<div><b>${n}</b>${label}</div>`)}
</div>

<section data-chart="per-year">
<h2>Films watched per year</h2>
${raw(columnChart(stats.perYear.map((y) => ({ label: y.year, value: y.films })), { title: "Diary entries per year" }))}
${table(["Year", "Films watched"], stats.perYear.map((y) => [y.year, y.films]))}
</section>

<section data-chart="per-month">
<h2>Films watched per month</h2>
${stats.perMonth.length > CHART_MONTHS ? h`<p class="muted">The last ${CHART_MONTHS} months; the table has all ${stats.perMonth.length}.</p>` : ""}
${raw(columnChart(months.map((m) => ({ label: m.month, value: m.films })), { title: "Diary entries per month" }))}
${table(["Month", "Films watched"], stats.perMonth.map((m) => [m.month, m.films]), true)}
${stats.undated > 0 ? h`<p class="muted">${plural(stats.undated, "film was", "films were")} watched on unknown dates (not counted above).</p>` : ""}
</section>

<section data-chart="ratings">
<h2>Ratings</h2>
${raw(columnChart(stats.ratings.map((r) => ({ label: String(r.rating), value: r.films })), { title: "Films per rating (1–10)" }))}
${table(["Rating (1–10)", "Films"], stats.ratings.map((r) => [r.rating, r.films]))}
</section>

<section data-chart="rewatched">
<h2>Most rewatched</h2>
${stats.mostRewatched.length === 0 ? h`<p class="muted">No film watched on more than one day yet.</p>` : raw(barChart(stats.mostRewatched.map((f) => ({ label: film(f), value: f.timesWatched })), { title: "Days each film was watched" }))}
${table(["Film", "Days watched"], stats.mostRewatched.map((f) => [film(f), f.timesWatched]))}
</section>

<section data-testid="without-ids">
<h2>Films Letterboxd may not match</h2>
${stats.withoutIds.length === 0
  ? h`<p class="ok">Every exported film has an IMDb or TMDb id.</p>`
  : h`<p class="muted">These have neither an IMDb nor a TMDb id on Trakt; Letterboxd matches them by title, year and director only. Check them on its import screen, or add the ids on Trakt.</p>
${table(["Film", "Directors"], stats.withoutIds.map((f) => [film(f), f.directors.join(", ")]))}`}
</section>`;
}

function table(head: string[], rows: (string | number)[][], collapsed = false): Safe {
  const body = h`<table><thead><tr>${head.map((c, i) => h`<th${i > 0 ? h` class="num"` : ""}>${c}</th>`)}</tr></thead><tbody>${rows.map(
    (row) => h`<tr>${row.map((c, i) => h`<td${i > 0 ? h` class="num"` : ""}>${c}</td>`)}</tr>`,
  )}</tbody></table>`;
  return collapsed || rows.length > 12 ? h`<details><summary>The numbers</summary>${body}</details>` : body;
}
