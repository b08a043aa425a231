import { join } from "node:path";
import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { sampleLibrary, type SandboxLibrary } from "../../src/sandbox/index.js";
import { expectMatchesGolden, readCsv, useE2e, type E2e } from "../helpers/e2e.js";
import { ROOT, runCli } from "../helpers/run-cli.js";

const GOLDEN = join(ROOT, "test", "e2e", "golden", "sample");
const GHOST_MOVIE = { title: null, year: null, ids: { trakt: null, slug: null, imdb: null, tmdb: null } };

/** The sample library with the "ghost" rows Trakt serves in 2026 (trakt/trakt-api#783): entries whose film is gone. */
function libraryWithGhosts(): SandboxLibrary {
  const library = sampleLibrary();
  const user = library.users[0]!;
  const newest = user.history[0]!;
  const ghost = (id: number, movie: unknown) => ({ ...newest, id, type: "movie", movie }) as unknown as (typeof user.history)[number];
  user.history.unshift(ghost(9_100_000_001, null), ghost(9_100_000_002, GHOST_MOVIE));
  user.ratings.unshift({ ...user.ratings[0]!, movie: null as never });
  user.watchlist.push({ ...user.watchlist[0]!, rank: 99, id: 7_999_999, movie: null as never });
  user.lists[0]!.items.push({ ...(user.lists[0]!.items[0] as object), rank: 99, id: 8_999_999, type: "movie", movie: GHOST_MOVIE } as never);
  user.reviews.push({ ...user.reviews[0]!, comment: { ...user.reviews[0]!.comment, id: 699_999 }, movie: null as never });
  // Fields Trakt's contract allows to be missing or added: an unknown field, no rating type.
  Object.assign(user.history[2]!, { extra: { x: 1 } });
  return library;
}

describe("ghost entries from Trakt's API: skipped and counted, never the page", () => {
  let e2e: E2e;
  useE2e({ library: libraryWithGhosts() }, (made) => ({ e2e } = made));

  it("exports every real film exactly as without them, and says what was skipped and why", async () => {
    const result = await runCli(["export", "--out", "out"], { cwd: e2e.cwd, env: e2e.env });
    expect(result.code, result.stderr).toBe(0);
    await expectMatchesGolden(join(e2e.cwd, "out"), GOLDEN);
    expect(result.stdout).toContain("Skipped 6 entries without a film (2 history, 1 ratings, 1 watchlist, 1 lists, 1 reviews)");
    expect(result.stdout).toMatch(/the first history entry skipped: movie: .*(object|null)/);

    const json = await runCli(["export", "--out", "out2", "--json", "--dry-run"], { cwd: e2e.cwd, env: e2e.env });
    expect(json.code, json.stderr).toBe(0);
    const summary = JSON.parse(json.stdout) as { skipped: Record<string, number>; skippedReasons: Record<string, string> };
    expect(summary.skipped).toEqual({ history: 2, ratings: 1, watchlist: 1, lists: 1, reviews: 1 });
    expect(Object.keys(summary.skippedReasons).sort()).toEqual(["history", "lists", "ratings", "reviews", "watchlist"]);
    expect(readCsv(await readFile(join(e2e.cwd, "out", "diary.csv"), "utf8"))).toHaveLength(331);
  });
});
