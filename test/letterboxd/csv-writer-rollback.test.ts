import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { afterEach, beforeEach, expect, it, vi } from "vitest";
import { OutputError } from "../../src/errors.js";
import { writeExportFiles } from "../../src/letterboxd/index.js";

// Renaming a temporary onto ratings.csv fails, as it does on Windows while a spreadsheet holds the file open.
vi.mock("node:fs/promises", async (importOriginal) => {
  const actual = await importOriginal<typeof import("node:fs/promises")>();
  return {
    ...actual,
    rename: vi.fn(async (from: string, to: string) => {
      if (basename(to) === "ratings.csv" && basename(from).endsWith(".tmp")) {
        throw Object.assign(new Error(`EBUSY: resource busy or locked, rename '${from}' -> '${to}'`), { code: "EBUSY" });
      }
      return actual.rename(from, to);
    }),
  };
});

let out: string;
beforeEach(async () => {
  out = await mkdtemp(join(tmpdir(), "letterboxd-rollback-"));
});
afterEach(async () => {
  await rm(out, { recursive: true, force: true });
});

it("puts the earlier export back when renaming into place fails part-way", async () => {
  await writeFile(join(out, "diary.csv"), "old diary\n");
  await writeFile(join(out, "watchlist.csv"), "old watchlist\n");
  const files = [
    { name: "diary", header: ["Title"], records: [["New"]] },
    { name: "ratings", header: ["Title"], records: [["New"]] },
  ];
  const attempt = writeExportFiles(out, files);
  await expect(attempt).rejects.toThrow(OutputError);
  await expect(attempt).rejects.toThrow(/Could not replace .*ratings\.csv: EBUSY/);
  expect((await readdir(out)).sort()).toEqual(["diary.csv", "watchlist.csv"]);
  expect(await readFile(join(out, "diary.csv"), "utf8")).toBe("old diary\n");
  expect(await readFile(join(out, "watchlist.csv"), "utf8")).toBe("old watchlist\n");
});
