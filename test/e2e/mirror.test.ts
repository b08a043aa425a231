import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { listFiles, readCsv, useE2e, type E2e } from "../helpers/e2e.js";
import { runCli } from "../helpers/run-cli.js";

describe("a plain export mirrors Trakt, whatever /sync/last_activities says", () => {
  let e2e: E2e;
  let dir: string;
  useE2e({}, (made) => ({ e2e, dir } = made));

  it("sees ratings, watchlist and lists that changed without their stamps moving", async () => {
    const run = (args: string[], env: Record<string, string> = {}) => runCli(args, { cwd: e2e.cwd, env: { ...e2e.env, ...env } });
    expect((await run(["export", "--out", "before"])).code).toBe(0);

    // Trakt changed the data but not the stamps (seen in 2026: stamps that lag or never move).
    e2e.sandbox.mutate((library) => {
      const user = library.users[0]!;
      const cats = user.ratings.find((r) => r.movie.title === "Cats")!;
      cats.rating = 3;
      user.watchlist.splice(0, 1);
      user.watchlist.forEach((item, i) => (item.rank = i + 1));
      const list = user.lists[0]!;
      list.items.reverse().forEach((item, i) => (item.rank = i + 1));
    });
    const after = await run(["export", "--out", "after"]);
    expect(after.code, after.stderr).toBe(0);
    const ratings = readCsv(await readFile(join(e2e.cwd, "after", "ratings.csv"), "utf8"));
    expect(ratings.find((r) => r.Title === "Cats")?.Rating10).toBe("3");
    expect(readCsv(await readFile(join(e2e.cwd, "after", "watchlist.csv"), "utf8"))).toHaveLength(29);

    // The same as an export into an empty data folder, file for file.
    const fresh = join(dir, "fresh-home");
    await mkdir(fresh, { recursive: true });
    await writeFile(join(fresh, "token.json"), await readFile(join(e2e.home, "token.json")), { mode: 0o600 });
    const clean = await run(["export", "--out", "clean"], { TRAKT_LETTERBOXD_HOME: fresh });
    expect(clean.code, clean.stderr).toBe(0);
    const files = await listFiles(join(e2e.cwd, "clean"));
    expect(await listFiles(join(e2e.cwd, "after"))).toEqual(files);
    for (const file of files) expect(await readFile(join(e2e.cwd, "after", file), "utf8"), file).toBe(await readFile(join(e2e.cwd, "clean", file), "utf8"));

    // --incremental keeps trusting the stamps: nothing new.
    const incremental = await run(["export", "--incremental", "--out", "incr"]);
    expect(incremental.stdout).toContain("Nothing new since the last export");
  });
});
