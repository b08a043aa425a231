import { localTime } from "../../schedule/index.js";
import { h, raw, type Safe } from "../html.js";
import { CSRF_FIELD } from "../session.js";

export type PageName = "connect" | "library" | "export" | "open" | "check" | "schedule";

const NAV: readonly [PageName, string][] = [
  ["connect", "Connect"],
  ["library", "Library"],
  ["export", "Export"],
  ["open", "Open a Trakt export"],
  ["check", "Check Letterboxd"],
  ["schedule", "Schedule"],
];

export interface PageFrame {
  page: PageName;
  csrf: string;
  /** The connected Trakt user, for the header. */
  username: string | undefined;
  /** The zone the page shows times in (readingTimeZone). */
  timeZone: string;
}

export function layout(frame: PageFrame, title: string, body: Safe): Safe {
  return h`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="csrf-token" content="${frame.csrf}">
<title>${title} · trakt-letterboxd</title>
<link rel="stylesheet" href="/assets/style.css">
<script src="/assets/app.js" defer></script>
</head>
<body>
<header>
<span class="brand">trakt-letterboxd</span>
<nav>${NAV.map(([page, label]) => h`<a href="/${page}"${page === frame.page ? h` aria-current="page"` : ""}>${label}</a>`)}</nav>
<span class="who" data-testid="who">${frame.username ? h`Trakt: ${frame.username}` : "Not connected"}</span>
</header>
<main>
<h1>${title}</h1>
${body}
</main>
</body>
</html>`;
}

/** A form that POSTs to `action` with the session's CSRF token. */
export function postForm(frame: PageFrame, action: string, inner: Safe, attrs = ""): Safe {
  return h`<form method="post" action="${action}" ${raw(attrs)}><input type="hidden" name="${CSRF_FIELD}" value="${frame.csrf}">${inner}</form>`;
}

/** `<time datetime="2026-04-01T01:00:00.000Z">2026-04-01 03:00 (Europe/Berlin)</time>`: an instant as people read it (localTime, as the terminal shows it). */
export function when(at: string | Date, zone: string): Safe {
  const date = new Date(at);
  return h`<time datetime="${date.toISOString()}">${localTime(date, zone)}</time>`;
}
