import { describe, expect, it } from "vitest";
import type { LibraryStats } from "../../src/web/index.js";
import { exportPage } from "../../src/web/pages/export-page.js";
import { layout } from "../../src/web/pages/layout.js";
import { libraryPage } from "../../src/web/pages/library-page.js";
import { openPage } from "../../src/web/pages/open-page.js";
import { convertedSummary } from "./web-helpers.js";

// What people name films, lists and reviews: quotes, markup, non-Latin scripts, emoji.
const EVIL = `"><script>alert('x')</script> & <img src=x onerror=alert(1)>`;
const LONG = "東京物語 — 𠮷野家の😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀";
const frame = { page: "export" as const, csrf: "token", username: `sam${EVIL}`, timeZone: "Europe/Berlin" };

function stats(): LibraryStats {
  return {
    username: EVIL,
    timeZone: "Europe/Berlin",
    totals: { films: 2, plays: 3, diaryEntries: 3, ratings: 0, reviews: 0, watchlist: 0, lists: 0 },
    perYear: [{ year: "2024", films: 3 }],
    perMonth: [{ month: "2024-01", films: 3 }],
    ratings: Array.from({ length: 10 }, (_, i) => ({ rating: i + 1, films: 0 })),
    mostRewatched: [
      { traktId: 1, title: EVIL, year: 2001, timesWatched: 2 },
      { traktId: 2, title: LONG, year: null, timesWatched: 2 },
    ],
    withoutIds: [{ traktId: 1, title: EVIL, year: 2001, directors: [EVIL] }],
    undated: 0,
  };
}

/** No markup from the data: only the page's own tags and attributes. */
function expectInert(html: string): void {
  expect(html).not.toContain("<script>");
  expect(html).not.toContain("<img");
  expect(html).not.toMatch(/"><script/);
  expect(html).toContain("&#34;&#62;&#60;script&#62;alert(&#39;x&#39;)&#60;/script&#62; &#38; &#60;img");
}

describe("pages with hostile and non-Latin names", () => {
  it("the library page escapes titles, directors and the user name, in tables and charts", () => {
    const html = libraryPage(stats()).text;
    expectInert(html);
    expect(html).toContain(`data-label="${"&#34;&#62;&#60;script&#62;"}`);
    expect(html).toContain("東京物語 — 𠮷野家の😀");
    // The chart's label is cut by characters, never inside one.
    expect(html).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
    expect(html).toContain("…</text>");
  });

  it("the export page and its header escape file names and the user name", () => {
    const html = layout(frame, "Export", exportPage(frame, {
      connected: true,
      job: undefined,
      jobFiles: undefined,
      exportsDir: `/tmp/${EVIL}`,
      past: [{ id: 1, exportedAt: "2026-04-01T00:00:00.000Z", kind: "full", counts: { plays: 0, ratings: 0, reviews: 0, watchlist: 0, lists: 1 }, files: [{ name: `lists/${EVIL}`, fileName: `lists/${EVIL}.csv`, rows: 1, bytes: 1 }] }],
    })).text;
    expect(html).toContain("Trakt: sam&#34;&#62;");
    expectInert(html);
  });

  it("the Open a Trakt export page escapes the uploaded file's name, file names, titles and warnings", () => {
    const dir = `/tmp/${EVIL}`;
    const html = openPage(
      { ...frame, page: "open" },
      {
        job: {
          id: 1,
          fileName: EVIL,
          state: "done",
          startedAt: "2026-04-01T00:00:00.000Z",
          finishedAt: "2026-04-01T00:00:01.000Z",
          progress: [{ kind: EVIL, done: 1, total: 1 }],
          notes: [],
          result: {
            dir,
            summary: convertedSummary(dir, [{ name: `lists/${EVIL}`, path: `${dir}/lists/${EVIL}.csv`, rows: 1, bytes: 10 }], {
              timeZone: EVIL,
              timeZoneSource: "settings",
              counts: { films: 1, plays: 1, ratings: 0, reviews: 0, watchlist: 0, lists: 1 },
              titleOnlyFilms: [{ title: EVIL, year: null, traktId: 1, directors: [EVIL], originalTitle: LONG }],
              warnings: [EVIL],
            }),
          },
        },
        files: [{ name: `lists/${EVIL}`, fileName: `lists/${EVIL}.csv`, path: `${dir}/lists/${EVIL}.csv`, rows: 1, bytes: 10, url: "/open/1/files/0" }],
        maxUploadBytes: 1024,
        tooLarge: EVIL,
        exportsDir: dir,
      },
    ).text;
    expectInert(html);
    expect(html).toContain("東京物語");
  });
});
