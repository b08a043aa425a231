import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { addPlays, addToWatchlist, removePlay, sam, setRating } from "../../src/sandbox/index.js";
import { expectMatchesGolden, listFiles, readCsv, useE2e, type E2e } from "../helpers/e2e.js";
import { ROOT, runCli } from "../helpers/run-cli.js";

const GOLDEN = join(ROOT, "test", "e2e", "golden", "sample");

describe("the weekly routine: export, then export --incremental", () => {
  let e2e: E2e;
  useE2e({}, (made) => ({ e2e } = made));
  const run = (args: string[]) => runCli(args, { cwd: e2e.cwd, env: e2e.env });
  const requestsDuring = async (args: string[]) => {
    const before = e2e.sandbox.requests.length;
    const result = await run(args);
    return { result, requests: e2e.sandbox.requests.slice(before).map((r) => r.path) };
  };

  it("writes exactly what is new, with few requests, then nothing", async () => {
    const first = await run(["export", "--out", "week0"]);
    expect(first.code).toBe(0);
    await expectMatchesGolden(join(e2e.cwd, "week0"), GOLDEN);

    // A week on Trakt: a rewatch of a film first seen in 2016, a first watch, a changed
    // rating, a film added to the watchlist, and a play deleted.
    let removed = 0;
    e2e.sandbox.mutate((library) => {
      removed = sam(library).history.find((h) => h.type === "movie" && h.movie.title === "Dune: Part Two")?.id ?? 0;
    });
    addPlays(e2e.sandbox, [
      { traktId: 3, watchedAt: "2026-11-20T21:30:00.000Z" },
      { traktId: 19, watchedAt: "2026-11-21T23:10:00.000Z" },
    ]);
    setRating(e2e.sandbox, 21, 4);
    addToWatchlist(e2e.sandbox, 22);
    removePlay(e2e.sandbox, removed);

    const { result: week1, requests } = await requestsDuring(["export", "--incremental", "--out", "week1"]);
    expect(week1.code).toBe(0);
    expect(week1.stdout).toContain("Incremental export");
    expect(requests.length).toBeLessThanOrEqual(6);
    expect(await listFiles(join(e2e.cwd, "week1"))).toEqual(["diary.csv", "ratings.csv", "watchlist.csv"]);
    const diary = readCsv(await readFile(join(e2e.cwd, "week1", "diary.csv"), "utf8"));
    expect(diary.map((r) => [r.Title, r.WatchedDate, r.Rewatch, r.Rating10])).toEqual([
      ["千と千尋の神隠し", "2026-11-20", "true", "10"],
      // 23:10 UTC is the next day in Berlin.
      ["Lawrence of Arabia", "2026-11-22", "false", "9"],
    ]);
    const ratings = readCsv(await readFile(join(e2e.cwd, "week1", "ratings.csv"), "utf8"));
    // The review went out with the first export; Letterboxd keeps it, so it is not repeated.
    expect(ratings.map((r) => [r.Title, r.Rating10, r.Review])).toEqual([["The Room", "4", ""]]);
    const watchlist = readCsv(await readFile(join(e2e.cwd, "week1", "watchlist.csv"), "utf8"));
    expect(watchlist.map((r) => r.Title)).toEqual(["Metropolis"]);

    const status = JSON.parse((await run(["status", "--json"])).stdout) as { counts: { plays: number; exports: number }; lastExport: { kind: string } };
    expect(status.counts.plays).toBe(337 + 2 - 1);
    expect(status.counts.exports).toBe(2);
    expect(status.lastExport.kind).toBe("incremental");

    const { result: week2, requests: quiet } = await requestsDuring(["export", "--incremental", "--out", "week2"]);
    expect(week2.code).toBe(0);
    expect(week2.stdout).toContain("Nothing new since the last export");
    expect(quiet.length).toBeLessThanOrEqual(3);
    await expect(listFiles(join(e2e.cwd, "week2"))).rejects.toThrow();

    // Nothing new into last week's folder: its files (maybe not uploaded yet) stay as they were.
    const week1Diary = await readFile(join(e2e.cwd, "week1", "diary.csv"), "utf8");
    expect((await run(["export", "--incremental", "--out", "week1"])).stdout).toContain("Nothing new since the last export");
    expect(await listFiles(join(e2e.cwd, "week1"))).toEqual(["diary.csv", "ratings.csv", "watchlist.csv"]);
    expect(await readFile(join(e2e.cwd, "week1", "diary.csv"), "utf8")).toBe(week1Diary);
  });

  it("keeps a plain export a full export after incremental ones", async () => {
    const full = await run(["export", "--out", "full-again"]);
    expect(full.code).toBe(0);
    const diary = readCsv(await readFile(join(e2e.cwd, "full-again", "diary.csv"), "utf8"));
    expect(diary.length).toBe(331 + 2 - 1);
  });

  it("prints the store's status for people and scripts", async () => {
    const text = await run(["status"]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/Account: sandbox-sam, time zone Europe\/Berlin/);
    // The store's counts and the last export's are labelled, and why they differ is said.
    expect(text.stdout).toMatch(/^In the store: \d+ films, 338 plays, /m);
    expect(text.stdout).toMatch(/^Last export: .*, full \(3 exports in all\)$/m);
    expect(text.stdout).toMatch(/^Written by the last export: \d+ plays, .* \(what its files hold: the store also keeps what --only left out, entries no file could use, and what was synced since\)$/m);
  });
});
