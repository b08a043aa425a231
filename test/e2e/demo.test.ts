import { access, readdir } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, withTempDir } from "../helpers/run-cli.js";

describe("demo (built command)", () => {
  it("keeps its data folder in --home (made if missing), so status works on it afterwards", { timeout: 60_000 }, async () => {
    await withTempDir(async (cwd) => {
      const home = join(cwd, "demo-home");
      const demo = await runCli(["demo", "--home", home], { cwd, timeoutMs: 50_000 });
      expect(demo.code, demo.stderr).toBe(0);
      expect(demo.stdout).toContain("Demo done");
      expect(await readdir(join(cwd, "letterboxd-export-api"))).toContain("diary.csv");
      await access(join(home, "token.json"));
      const status = await runCli(["status", "--home", home], { cwd });
      expect(status.code, status.stderr).toBe(0);
      expect(status.stdout).toMatch(/Account: sandbox-sam/);
    });
  });
});
