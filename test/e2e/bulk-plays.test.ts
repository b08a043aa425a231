import { readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { movie, sam, sampleLibrary, writeTraktExport, type EpisodeHistoryItem, type HistoryItem, type SandboxLibrary } from "../../src/sandbox/index.js";
import { finishUser } from "../../src/sandbox/library-builder.js";
import { readCsv, useE2e, type E2e } from "../helpers/e2e.js";
import { runCli } from "../helpers/run-cli.js";

/** 13:00 in Berlin (the sample account's zone), 1 March 2015. */
const BULK = "2015-03-01T12:00:00.000Z";
/** Later that evening: another instant on the same local day. */
const EVENING = "2015-03-01T18:00:00.000Z";
/** Marked watched in bulk: two rated films (The Room also reviewed), Night on Earth (played once, in 2024), nine never played. */
const BULK_FILMS = [21, 19, 14, 122, 131, 136, 147, 156, 158, 163, 165, 208];
/** Nine films at one instant: one short of the default threshold, with episodes at that instant too. */
const EVENING_FILMS = [215, 217, 224, 235, 246, 303, 304, 305, 306];
const SHOW_EPISODES = 3;

/**
 * The sample library plus a bulk "mark as watched" day, local to this test so the
 * sample's golden files stay as they are.
 */
function libraryWithBulkDay(): SandboxLibrary {
  const library = sampleLibrary();
  const user = sam(library);
  let id = 9_200_000_000;
  const plays = (watchedAt: string, films: number[]): HistoryItem[] => films.map((traktId) => ({ id: id++, watched_at: watchedAt, action: "watch", type: "movie", movie: movie(library, traktId) }));
  const episode = user.history.find((item): item is EpisodeHistoryItem => item.type === "episode");
  if (episode === undefined) throw new Error("the sample has no episode play");
  const episodes = Array.from({ length: SHOW_EPISODES }, (_, i): EpisodeHistoryItem => ({
    ...episode,
    id: id++,
    watched_at: EVENING,
    episode: { ...episode.episode, number: 20 + i, ids: { ...episode.episode.ids, trakt: episode.episode.ids.trakt + 1000 + i } },
  }));
  library.users[0] = finishUser({ ...user, history: [...user.history, ...plays(BULK, BULK_FILMS), ...plays(EVENING, EVENING_FILMS), ...episodes] });
  return library;
}

type Row = Record<string, string>;
const titled = (rows: Row[], title: string) => rows.filter((row) => row.Title === title);

describe('bulk "mark as watched" days (--bulk-plays)', () => {
  let e2e: E2e;
  useE2e({ library: libraryWithBulkDay() }, (made) => ({ e2e } = made));
  const run = (args: string[]) => runCli(args, { cwd: e2e.cwd, env: e2e.env });
  const csv = async (dir: string, file: string) => readCsv(await readFile(join(e2e.cwd, dir, file), "utf8"));
  const bulkTitles = () => {
    let titles: string[] = [];
    e2e.sandbox.mutate((library) => (titles = BULK_FILMS.map((traktId) => movie(library, traktId).title)));
    return titles;
  };

  it("--bulk-plays undated: no diary date for bulk plays, the films still marked watched with their ratings and review; written once", async () => {
    const first = await run(["export", "--incremental", "--bulk-plays", "undated", "--include-shows", "--out", "inc1"]);
    expect(first.code, first.stderr).toBe(0);
    // The evening's nine films and three episodes are not a bulk instant: only the 13:00 one is.
    expect(first.stdout).toContain(
      "1 day holds many films at one time (2015-03-01: 12 films): marked as watched in bulk, so written without a diary date (--bulk-plays undated); a film also played on other days keeps those diary dates.",
    );
    const diary = await csv("inc1", "diary.csv");
    const onBulkDay = diary.filter((row) => row.WatchedDate === "2015-03-01");
    expect(onBulkDay).toHaveLength(EVENING_FILMS.length);
    for (const title of bulkTitles()) expect(onBulkDay.map((row) => row.Title)).not.toContain(title);

    // Seen only in bulk: one undated row each, which marks the film watched; rating and review stand on it.
    const [room] = titled(diary, "The Room");
    expect(room).toMatchObject({ WatchedDate: "", Rating10: "2", Rating: "1", Rewatch: "false" });
    expect(room?.Review).not.toBe("");
    expect(titled(diary, "Lawrence of Arabia")).toEqual([expect.objectContaining({ WatchedDate: "", Rating10: "9" })]);
    // Eleven films seen only in bulk, and the sample's one film seen only on an unknown date.
    expect(diary.filter((row) => row.WatchedDate === "").map((row) => row.Title)).toHaveLength(BULK_FILMS.length - 1 + 1);
    // Night on Earth keeps its real 2024 diary row, now a rewatch: the bulk mark says it was seen before.
    expect(titled(diary, "Night on Earth").map((row) => [row.WatchedDate, row.Rewatch, row.Rating10])).toEqual([["2024-03-16", "true", "8"]]);
    // Every rating still goes to ratings.csv; The Room's review only once, on its diary row.
    const ratings = await csv("inc1", "ratings.csv");
    expect(titled(ratings, "The Room").map((row) => [row.Rating10, row.Review])).toEqual([["2", ""]]);
    expect(titled(ratings, "Lawrence of Arabia").map((row) => row.Rating10)).toEqual(["9"]);

    const again = await run(["export", "--incremental", "--bulk-plays", "undated", "--out", "inc2"]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain("Nothing new since the last export");
    expect(again.stdout).not.toContain("at one time");
  });

  it("keeps bulk plays dated by default and says how to change it; --json names the days; the threshold is a flag", async () => {
    const dated = await run(["export", "--out", "dated"]);
    expect(dated.code, dated.stderr).toBe(0);
    expect(dated.stdout).toContain(
      '1 day holds many films at one time (2015-03-01: 12 films); it looks like "mark as watched" in bulk — `--bulk-plays undated` writes them as watched without a diary date.',
    );
    const diary = await csv("dated", "diary.csv");
    expect(diary.filter((row) => row.WatchedDate === "2015-03-01")).toHaveLength(BULK_FILMS.length + EVENING_FILMS.length);
    expect(titled(diary, "Night on Earth").map((row) => [row.WatchedDate, row.Rewatch])).toEqual([
      ["2015-03-01", "false"],
      ["2024-03-16", "true"],
    ]);

    const json = await run(["export", "--out", "undated", "--bulk-plays", "undated", "--json"]);
    expect(json.code, json.stderr).toBe(0);
    const summary = JSON.parse(json.stdout) as { bulkPlays: unknown };
    expect(summary.bulkPlays).toEqual({ mode: "undated", threshold: 10, days: [{ date: "2015-03-01", films: 12 }] });
    // A full export writes what the first incremental one did.
    expect(await readFile(join(e2e.cwd, "undated", "diary.csv"), "utf8")).toBe(await readFile(join(e2e.cwd, "inc1", "diary.csv"), "utf8"));

    const bulkPlaysOf = async (threshold: string) => {
      const result = await run(["export", "--out", "probe", "--dry-run", "--json", "--bulk-threshold", threshold]);
      expect(result.code, result.stderr).toBe(0);
      return (JSON.parse(result.stdout) as { bulkPlays: unknown }).bulkPlays;
    };
    expect(await bulkPlaysOf("13")).toEqual({ mode: "dated", threshold: 13, days: [] });
    // At 9 the evening's instant counts too: the day holds both instants' films.
    expect(await bulkPlaysOf("9")).toEqual({ mode: "dated", threshold: 9, days: [{ date: "2015-03-01", films: BULK_FILMS.length + EVENING_FILMS.length }] });
  });

  it.each([
    [["--bulk-plays", "sometimes"], /--bulk-plays.*sometimes.*expected dated or undated/],
    [["--bulk-threshold", "1"], /--bulk-threshold.*2 or more/],
  ])("refuses %s with exit 2 before any request", async (flag, message) => {
    const before = e2e.sandbox.requests.length;
    const result = await run(["export", "--out", "bad", ...flag]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(e2e.sandbox.requests.length).toBe(before);
  });

  it('takes bulk_plays = "undated" from config.toml, for export --from too', async () => {
    const zip = join(e2e.cwd, "trakt-export.zip");
    let user = sam(sampleLibrary());
    e2e.sandbox.mutate((library) => (user = sam(library)));
    await writeTraktExport(user, zip, { zip: true });
    await writeFile(join(e2e.home, "config.toml"), 'bulk_plays = "undated"\n');
    try {
      const result = await run(["export", "--from", zip, "--out", "from"]);
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toContain("2015-03-01: 12 films): marked as watched in bulk");
      // The same rows as online, Directors aside (only the API gives them).
      const noDirectors = (rows: Row[]) => rows.map((row) => ({ ...row, Directors: "" }));
      expect(noDirectors(await csv("from", "diary.csv"))).toEqual(noDirectors(await csv("undated", "diary.csv")));
    } finally {
      await rm(join(e2e.home, "config.toml"));
    }
  });
});
