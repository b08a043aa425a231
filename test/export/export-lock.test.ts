import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { withExportLock } from "../../src/export/export-lock.js";
import { ROOT, withTempDir } from "../helpers/run-cli.js";

const LOCK_MODULE = pathToFileURL(join(ROOT, "dist", "export", "export-lock.js")).href;

/** A process that tries the lock once: prints "held" and keeps it `holdMs`, or prints "busy". */
function contender(home: string, holdMs: number): { child: ChildProcess; said: Promise<string>; ended: Promise<void> } {
  const code = `const { withExportLock } = await import(${JSON.stringify(LOCK_MODULE)});
    try { await withExportLock(${JSON.stringify(home)}, async () => { console.log("held"); await new Promise((r) => setTimeout(r, ${holdMs})); }); }
    catch (error) { console.log(error.name === "ExportBusyError" ? "busy" : String(error)); }`;
  const child = spawn(process.execPath, ["--input-type=module", "-e", code], { stdio: ["ignore", "pipe", "inherit"] });
  let out = "";
  const said = new Promise<string>((resolve) => child.stdout?.on("data", (chunk: Buffer) => {
    out += chunk.toString();
    if (out.includes("\n")) resolve(out.trim());
  }));
  const ended = new Promise<void>((resolve) => child.once("close", () => resolve()));
  return { child, said, ended };
}

describe("the export lock", () => {
  it("is held by exactly one of many processes racing for it", async () => {
    await withTempDir(async (home) => {
      const racers = Array.from({ length: 6 }, () => contender(home, 1500));
      const answers = await Promise.all(racers.map((r) => r.said));
      expect(answers.filter((a) => a === "held")).toHaveLength(1);
      expect(answers.filter((a) => a === "busy")).toHaveLength(5);
      await Promise.all(racers.map((r) => r.ended));
    });
  });

  it("is free again as soon as its holder is killed, for exactly one of the next racers", async () => {
    await withTempDir(async (home) => {
      const holder = contender(home, 60_000);
      expect(await holder.said).toBe("held");
      await expect(withExportLock(home, async () => "no")).rejects.toThrow(/Another export is running from this data folder \(process \d+\)/);
      holder.child.kill("SIGKILL");
      await holder.ended;
      const racers = Array.from({ length: 4 }, () => contender(home, 1000));
      const answers = await Promise.all(racers.map((r) => r.said));
      expect(answers.filter((a) => a === "held")).toHaveLength(1);
      await Promise.all(racers.map((r) => r.ended));
      expect(await withExportLock(home, async () => "mine")).toBe("mine");
    });
  });

  it("is released when its holder's work fails, and only then", async () => {
    await withTempDir(async (home) => {
      await expect(withExportLock(home, async () => {
        await expect(withExportLock(home, async () => "inner")).rejects.toThrow("Another export is running");
        throw new Error("boom");
      })).rejects.toThrow("boom");
      expect(await withExportLock(home, async () => "after")).toBe("after");
    });
  });
});
