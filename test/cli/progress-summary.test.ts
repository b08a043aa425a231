import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { createProgress } from "../../src/cli/progress.js";
import { styleFor } from "../../src/cli/style.js";
import { formatSummary } from "../../src/cli/summary.js";
import type { ExportSummary } from "../../src/export/run-export.js";

function capture(isTTY: boolean) {
  const stream = new PassThrough() as PassThrough & { isTTY?: boolean; columns?: number };
  stream.isTTY = isTTY;
  stream.columns = 120;
  let text = "";
  stream.on("data", (chunk: Buffer) => (text += chunk.toString()));
  return { stream, text: () => text };
}

describe("progress", () => {
  it("redraws one line with counts per kind on a terminal", () => {
    const { stream, text } = capture(true);
    const progress = createProgress(stream);
    progress.update({ kind: "history", done: 250, total: 1000 });
    progress.update({ kind: "ratings", done: 100, total: 100 });
    progress.note("Waiting 3 s for Trakt's rate limit…");
    progress.done();
    expect(text()).toContain("\r\x1b[2KFetching: history 250/1000 [###-------]");
    expect(text()).toContain("Waiting 3 s for Trakt's rate limit…\n");
    expect(text()).toMatch(/ratings 100\/100 \[##########\]\n$/);
  });

  it("prints plain lines, at most one per kind per quarter, when not a terminal", () => {
    const { stream, text } = capture(false);
    const progress = createProgress(stream);
    for (let done = 0; done <= 1000; done += 50) progress.update({ kind: "history", done, total: 1000 });
    progress.done();
    expect(text().split("\n").filter(Boolean)).toEqual([
      "Fetching history: 0 of 1000",
      "Fetching history: 250 of 1000",
      "Fetching history: 500 of 1000",
      "Fetching history: 750 of 1000",
      "Fetching history: 1000 of 1000",
    ]);
    expect(text()).not.toContain("\x1b");
  });

  it("ends with the final count when not a terminal and no total is known", () => {
    const { stream, text } = capture(false);
    const progress = createProgress(stream, "Reading");
    for (let done = 100; done <= 337; done += 100) progress.update({ kind: "history", done, total: undefined });
    progress.update({ kind: "history", done: 337, total: undefined });
    progress.update({ kind: "ratings", done: 5, total: undefined });
    progress.done();
    expect(text().split("\n").filter(Boolean)).toEqual([
      "Reading history: 100",
      "Reading ratings: 5",
      "Reading history: 337",
    ]);
  });
});

describe("summary", () => {
  const summary: ExportSummary = {
    user: undefined,
    kind: "full",
    nothingNew: false,
    timeZone: "Europe/Berlin",
    timeZoneSource: "account",
    outDir: "/work/out",
    dryRun: false,
    files: [
      { name: "diary", path: "/work/out/diary-1.csv", rows: 9000, bytes: 899_000 },
      { name: "diary", path: "/work/out/diary-2.csv", rows: 12, bytes: 900 },
    ],
    counts: { films: 10, plays: 9100, ratings: 3, reviews: 1, watchlist: 0, lists: 0 },
    filmsWritten: 8,
    titleOnlyFilms: [{ title: "Home Movie", year: null, traktId: 7, directors: ["Ann"] }],
    warnings: ["A play of an unknown film was skipped."],
    bulkPlays: { mode: "dated", threshold: 10, days: [] },
    requests: 42,
    skipped: {},
    skippedReasons: {},
    timings: { syncMs: 1, buildMs: 1, writeMs: 1 },
  };

  it("lists rows per file, the films matched only by title, and warnings", () => {
    const text = formatSummary(summary, "/work");
    expect(text).toContain("Your Trakt library: 10 films, 9100 plays, 3 ratings, 1 review, 0 on the watchlist, 0 lists (42 requests to Trakt this run).");
    expect(text).toContain("Wrote 8 films in 2 files:");
    expect(text).toContain("Watch dates are calendar days in Europe/Berlin (your Trakt account's zone).");
    const zone = (timeZoneSetting?: "flag" | "env" | "config") =>
      formatSummary({ ...summary, timeZoneSource: "settings", ...(timeZoneSetting ? { timeZoneSetting } : {}) }, "/work").split("\n")[1];
    expect(zone("flag")).toBe("Watch dates are calendar days in Europe/Berlin (from --timezone).");
    expect(zone("env")).toBe("Watch dates are calendar days in Europe/Berlin (from TRAKT_LETTERBOXD_TZ).");
    expect(zone("config")).toBe("Watch dates are calendar days in Europe/Berlin (from config.toml).");
    expect(zone()).toBe("Watch dates are calendar days in Europe/Berlin (as set).");
    expect(text).toMatch(/out\/diary-1\.csv\s+9000 rows\s+877\.9 KiB/);
    expect(text).toMatch(/out\/diary-2\.csv\s+12 rows\s+900 B/);
    expect(text).toContain("1 film has no IMDb or TMDb id; Letterboxd can match it only by title");
    expect(text).toContain("Home Movie (year unknown, Ann)");
    expect(text).toContain("Warning: A play of an unknown film was skipped.");
  });

  it("gives upload steps for the files written only, with plurals", () => {
    const file = (name: string, rows = 2) => ({ name, path: `/work/out/${name}.csv`, rows, bytes: 100 });
    const steps = (files: ReturnType<typeof file>[]) => formatSummary({ ...summary, files }, "/work").split("\n").find((l) => l.startsWith("Upload"));
    expect(steps([file("diary")])).toBe("Upload the diary file at https://letterboxd.com/import/.");
    expect(steps([file("diary"), file("ratings")])).toBe(
      "Upload the diary file first, then the ratings file at https://letterboxd.com/import/.",
    );
    expect(steps([{ ...file("diary"), path: "/work/out/diary-1.csv" }, { ...file("diary"), path: "/work/out/diary-2.csv" }])).toBe(
      "Upload the 2 diary files (in order) at https://letterboxd.com/import/.",
    );
    expect(steps([file("watchlist"), file("lists/a")])).toBe("Upload the watchlist file with the import on your Letterboxd watchlist page; the list file as a new list.");
    expect(steps([file("shows")])).toBeUndefined();
    const text = formatSummary({ ...summary, files: [file("lists/a", 1), file("lists/b")], filmsWritten: 1, requests: 1 }, "/work");
    expect(text).toContain("(1 request to Trakt this run)");
    expect(text).toContain("Wrote 1 film in 2 files:");
    expect(text).toMatch(/out\/lists\/a\.csv\s+1 row {2}/);
    expect(text).toContain("each list file as a new list");
  });

  it("makes headings bold and warnings yellow only when given a style", () => {
    const bold = formatSummary(summary, "/work", { style: styleFor({ isTTY: false }, { FORCE_COLOR: "1" }) });
    expect(bold).toContain("\x1b[1mYour Trakt library:\x1b[22m 10 films");
    expect(bold).toContain("\x1b[1mWrote 8 films in 2 files:\x1b[22m");
    expect(bold).toContain("\x1b[33mWarning:\x1b[39m A play of an unknown film was skipped.");
    expect(formatSummary(summary, "/work")).not.toContain("\x1b");
  });

  it("says so when nothing is to be written, and marks a dry run", () => {
    expect(formatSummary({ ...summary, files: [] }, "/work")).toContain("Nothing to write");
    expect(formatSummary({ ...summary, kind: "incremental", nothingNew: true, files: [] }, "/work")).toContain("Nothing new since the last export: no Letterboxd file written (the output folder is left as it was).");
    expect(formatSummary({ ...summary, dryRun: true }, "/work")).toContain("Would write 8 films in 2 files (dry run, nothing written):");
    expect(formatSummary({ ...summary, dryRun: true }, "/work")).not.toContain("Upload");
  });

  it("names the days many films were marked watched at one time, with correct plurals, and what --bulk-plays does", () => {
    expect(formatSummary(summary, "/work")).not.toContain("at one time");
    const one = { ...summary.bulkPlays, days: [{ date: "2015-03-01", films: 40 }] };
    expect(formatSummary({ ...summary, bulkPlays: one }, "/work")).toContain(
      '1 day holds many films at one time (2015-03-01: 40 films); it looks like "mark as watched" in bulk — `--bulk-plays undated` writes them as watched without a diary date.',
    );
    const days = [10, 11, 12, 13, 14, 15, 16].map((films, i) => ({ date: `2015-03-0${i + 1}`, films }));
    const dated = formatSummary({ ...summary, bulkPlays: { ...summary.bulkPlays, days } }, "/work");
    expect(dated).toContain("7 days hold many films at one time (2015-03-01: 10 films, 2015-03-02: 11 films, 2015-03-03: 12 films, 2015-03-04: 13 films, 2015-03-05: 14 films, … and 2 more (see --json)); they look like");
    const undated = formatSummary({ ...summary, bulkPlays: { mode: "undated", threshold: 10, days: days.slice(0, 2) } }, "/work");
    expect(undated).toContain("2 days hold many films at one time (2015-03-01: 10 films, 2015-03-02: 11 films): marked as watched in bulk, so written without a diary date (--bulk-plays undated)");
  });
});
