/**
 * The page's only stylesheet and script, served by the app itself (no CDN, no build
 * step). The script only follows live state; every page works from the server's HTML.
 */
export const STYLE_CSS = `
:root { color-scheme: light dark; --fg: #1d232b; --bg: #fbfbfa; --muted: #687280; --accent: #00b020; --bad: #c0392b; --line: #d9dde2; }
@media (prefers-color-scheme: dark) { :root { --fg: #e6e8ea; --bg: #14181c; --muted: #9aa4af; --line: #2c3440; } }
* { box-sizing: border-box; }
/* The attribute wins over the display rules below (forms and filters are flex boxes). */
[hidden] { display: none !important; }
body { margin: 0; font: 15px/1.5 system-ui, sans-serif; color: var(--fg); background: var(--bg); }
header { display: flex; flex-wrap: wrap; gap: .3rem 1.5rem; align-items: baseline; padding: .8rem 1.5rem; border-bottom: 1px solid var(--line); }
header .brand { font-weight: 700; }
header nav { display: flex; flex-wrap: wrap; gap: .3rem 1rem; }
header nav a { color: var(--muted); text-decoration: none; white-space: nowrap; }
header nav a[aria-current="page"] { color: var(--fg); border-bottom: 2px solid var(--accent); }
header .who { margin-left: auto; color: var(--muted); overflow-wrap: anywhere; }
main { max-width: 60rem; margin: 0 auto; padding: 1rem 1.5rem 3rem; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.15rem; margin-top: 2rem; }
.muted { color: var(--muted); }
.error { color: var(--bad); font-weight: 600; }
.warn { color: #b7791f; }
.ok { color: var(--accent); font-weight: 600; }
.code { font: 700 2rem/1.2 ui-monospace, monospace; letter-spacing: .15em; }
.path, code { overflow-wrap: anywhere; }
time, code.cron { white-space: nowrap; }
button { font: inherit; padding: .4rem .9rem; border-radius: 4px; border: 1px solid var(--line); background: var(--accent); color: #fff; cursor: pointer; }
button.secondary { background: transparent; color: var(--fg); }
button:disabled { opacity: .45; cursor: not-allowed; }
form { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; margin: 1rem 0; }
form > p { flex-basis: 100%; margin: 0; }
label { max-width: 100%; }
input[type=text], input[type=search] { font: inherit; padding: .35rem .5rem; width: 14rem; max-width: 100%; }
input[name=cron] { font-family: ui-monospace, monospace; }
[aria-invalid=true] { border-color: var(--bad); outline: 1px solid var(--bad); }
.filters { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: center; margin: 1.5rem 0 .5rem; } .filters label { white-space: nowrap; }
input[type=file] { font: inherit; max-width: 100%; }
table { border-collapse: collapse; margin: .5rem 0; max-width: 100%; }
th, td { text-align: left; padding: .2rem .8rem .2rem 0; border-bottom: 1px solid var(--line); overflow-wrap: break-word; }
td.num, th.num { text-align: right; white-space: nowrap; }
.totals { display: flex; flex-wrap: wrap; gap: 1rem 1.5rem; }
.totals div { min-width: 6rem; } .totals b { display: block; font-size: 1.4rem; }
details.past { border-bottom: 1px solid var(--line); padding: .35rem 0; }
details.past > summary { cursor: pointer; }
details.past[open] > summary { margin-bottom: .3rem; }
svg.chart { display: block; width: 100%; }
svg.chart .bar { fill: var(--accent); } svg.chart .bar:hover { opacity: .75; }
svg.chart .grid { stroke: var(--line); }
svg.chart text { fill: var(--muted); font-size: 12px; } svg.chart .value, svg.chart .label { fill: var(--fg); }
svg.chart .tick { paint-order: stroke; stroke: var(--bg); stroke-width: 3px; }
progress { width: 16rem; max-width: 100%; }
[data-testid=progress] { width: 100%; max-width: 32rem; }
[data-testid=progress] td:nth-child(2) { width: 100%; } [data-testid=progress] progress { width: 100%; }
@media (max-width: 40rem) {
  header, main { padding-left: 1rem; padding-right: 1rem; }
  svg.chart .wide { display: none; }
  /* Tables of sentences (the run log, the check's differences): one block per row, its cells one under another. */
  table.stack, table.stack tbody, table.stack tr, table.stack td { display: block; }
  table.stack thead { display: none; }
  table.stack tr { border-bottom: 1px solid var(--line); padding: .35rem 0; }
  table.stack td { border: 0; padding: 0; }
  table.stack td:empty { display: none; }
  table.stack td[data-head]::before { content: attr(data-head) ": "; color: var(--muted); }
}
`;

export const APP_JS = `
"use strict";
(function () {
  var login = document.querySelector("[data-login-status=pending]");
  if (login) {
    var timer = setInterval(function () {
      fetch("/api/connect", { headers: { accept: "application/json" } }).then(function (r) { return r.ok ? r.json() : null; }).then(function (state) {
        if (!state) return;
        var polls = document.querySelector("[data-polls]");
        if (polls && typeof state.polls === "number") polls.textContent = String(state.polls);
        if (state.status !== "pending") { clearInterval(timer); location.reload(); }
      }).catch(function () {});
    }, 1000);
  }
  var job = document.querySelector("[data-export-live]");
  if (job) {
    var events = new EventSource("/export/events");
    var show = function (e) { var data = JSON.parse(e.data); job.innerHTML = data.html; return data; };
    events.addEventListener("progress", show);
    ["done", "failed"].forEach(function (name) {
      events.addEventListener(name, function (e) {
        var data = show(e);
        events.close();
        var past = document.getElementById("past-exports");
        if (past && typeof data.past === "string") past.innerHTML = data.past;
        document.querySelectorAll("button[data-while-running]").forEach(function (b) { b.disabled = false; b.removeAttribute("data-while-running"); });
        job.removeAttribute("data-export-live");
        job.setAttribute("data-export-state", name);
      });
    });
  }

  // "Open a Trakt export" and "Check my Letterboxd import": the ZIP goes as the raw request body (XHR for its upload progress), then the page at data-upload-next shows what became of it.
  var form = document.querySelector("form[data-upload]");
  var conversion = document.getElementById("conversion");
  if (form) {
    var status = form.querySelector("[data-upload-status]");
    var bar = status.querySelector("progress");
    var said = status.querySelector("span");
    var problem = form.querySelector("[data-upload-error]");
    var button = form.querySelector("button[type=submit]");
    var mb = function (n) { return (n / 1048576).toFixed(1) + " MiB"; };
    var fail = function (text) { problem.textContent = text; problem.hidden = false; status.hidden = true; button.disabled = false; };
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var file = form.querySelector("input[type=file]").files[0];
      if (!file) return;
      problem.hidden = true;
      if (file.size > Number(form.getAttribute("data-max-bytes"))) return fail(form.getAttribute("data-too-large"));
      var xhr = new XMLHttpRequest();
      xhr.open("POST", form.getAttribute("action") + "?name=" + encodeURIComponent(file.name));
      xhr.setRequestHeader("Content-Type", "application/zip");
      xhr.setRequestHeader("X-CSRF-Token", document.querySelector("meta[name=csrf-token]").content);
      xhr.upload.addEventListener("progress", function (p) {
        if (!p.lengthComputable) return;
        bar.max = p.total; bar.value = p.loaded;
        said.textContent = p.loaded < p.total ? "Sending " + mb(p.loaded) + " of " + mb(p.total) + "…" : form.getAttribute("data-upload-sent") || "Sent; starting the conversion…";
      });
      xhr.addEventListener("load", function () {
        if (xhr.status === 200 || xhr.status === 202) return location.assign(form.getAttribute("data-upload-next") || "/open");
        fail(xhr.status === 401 ? "The page's session has ended: open the address trakt-letterboxd serve printed again." : xhr.responseText || "The upload failed (HTTP " + xhr.status + ").");
      });
      xhr.addEventListener("error", function () { fail("The upload broke off: is trakt-letterboxd serve still running?"); });
      button.disabled = true;
      status.hidden = false;
      bar.removeAttribute("value");
      said.textContent = "Sending " + file.name + "…";
      xhr.send(file);
    });
  }
  if (conversion && conversion.hasAttribute("data-open-live")) {
    var conversionEvents = new EventSource("/open/events");
    var showConversion = function (e) { conversion.innerHTML = JSON.parse(e.data).html; };
    conversionEvents.addEventListener("progress", showConversion);
    ["done", "failed"].forEach(function (name) {
      conversionEvents.addEventListener(name, function (e) {
        showConversion(e);
        conversionEvents.close();
        conversion.removeAttribute("data-open-live");
        conversion.setAttribute("data-open-state", name);
        if (form) form.hidden = false;
      });
    });
  }

  // "Check my Letterboxd import": the report's rows filtered by text and by kind.
  var report = document.querySelector("[data-check-report]");
  var filter = report && report.querySelector("[data-check-filter]");
  if (filter) {
    var words = filter.querySelector("[data-filter-text]");
    var kinds = filter.querySelectorAll("[data-filter-kind]");
    var count = filter.querySelector("[data-filter-count]");
    var applyFilter = function () {
      var text = words.value.trim().toLowerCase();
      var on = {};
      kinds.forEach(function (k) { on[k.getAttribute("data-filter-kind")] = k.checked; });
      var shown = 0;
      var total = 0;
      report.querySelectorAll("section[data-kind]").forEach(function (section) {
        var visible = 0;
        section.querySelectorAll("tbody tr").forEach(function (tr) {
          var show = on[section.getAttribute("data-kind")] === true && (text === "" || tr.textContent.toLowerCase().indexOf(text) >= 0);
          tr.hidden = !show;
          total++;
          if (show) visible++;
        });
        section.hidden = visible === 0;
        shown += visible;
      });
      count.textContent = shown + " of " + total + " rows shown";
    };
    words.addEventListener("input", applyFilter);
    kinds.forEach(function (k) { k.addEventListener("change", applyFilter); });
    filter.hidden = false;
    applyFilter();
  }
})();
`;
