import { parse } from "csv-parse/sync";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { OutputError } from "../../src/errors.js";
import { writeExportFiles } from "../../src/letterboxd/index.js";
import type { CsvFile } from "../../src/letterboxd/index.js";

let out: string;
beforeEach(async () => {
  out = await mkdtemp(join(tmpdir(), "letterboxd-writer-"));
});
afterEach(async () => {
  await rm(out, { recursive: true, force: true });
});

const header = ["Title", "Year"];
const file = (name: string, count: number): CsvFile => ({
  name,
  header,
  records: Array.from({ length: count }, (_, i) => [`Film ${i + 1}`, "1999"]),
});

/** Every file under `dir`, relative, sorted; hidden temporaries included. */
async function tree(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1))
    .sort();
}

async function rows(path: string): Promise<string[][]> {
  return parse(await readFile(path, "utf8")) as string[][];
}

describe("writeExportFiles", () => {
  it("writes each file with its header, reports path, rows and bytes, and skips files without rows", async () => {
    const written = await writeExportFiles(out, [file("diary", 2), file("ratings", 0), file("lists/best-of-2024", 1)]);
    expect(written).toEqual([
      { path: join(out, "diary.csv"), name: "diary", rows: 2, bytes: 35 },
      { path: join(out, "lists/best-of-2024.csv"), name: "lists/best-of-2024", rows: 1, bytes: 23 },
    ]);
    expect(await tree(out)).toEqual(["diary.csv", "lists/best-of-2024.csv"]);
    expect(await readFile(join(out, "diary.csv"), "utf8")).toBe("Title,Year\nFilm 1,1999\nFilm 2,1999\n");
    expect(await rows(join(out, "lists/best-of-2024.csv"))).toEqual([header, ["Film 1", "1999"]]);
  });

  it("splits files over maxFileBytes into numbered parts", async () => {
    // Header 11 bytes, each record 12: 11 + 2 × 12 = 35 fits, a third record does not.
    const written = await writeExportFiles(out, [file("diary", 5)], { maxFileBytes: 35 });
    expect(written.map(({ path, rows: count, bytes }) => [path.slice(out.length + 1), count, bytes])).toEqual([
      ["diary-1.csv", 2, 35],
      ["diary-2.csv", 2, 35],
      ["diary-3.csv", 1, 23],
    ]);
    expect((await rows(join(out, "diary-3.csv")))).toEqual([header, ["Film 5", "1999"]]);
  });

  it("removes files of an earlier export that this one did not write, and nothing else", async () => {
    await mkdir(join(out, "lists"));
    for (const name of ["diary-1.csv", "diary-2.csv", "ratings.csv", "watchlist-3.csv", "lists/old.csv", "notes.txt", "mine.csv", "diary-final.csv", "lists/keep.txt"]) {
      await writeFile(join(out, name), "old\n");
    }
    await writeExportFiles(out, [file("diary", 1), file("ratings", 0)]);
    expect(await tree(out)).toEqual(["diary-final.csv", "diary.csv", "lists/keep.txt", "mine.csv", "notes.txt"]);
  });

  it("keeps earlier files when removeStale is false", async () => {
    await writeFile(join(out, "ratings.csv"), "old\n");
    await writeExportFiles(out, [file("diary", 1)], { removeStale: false });
    expect(await tree(out)).toEqual(["diary.csv", "ratings.csv"]);
  });

  it("replaces an earlier file of the same name", async () => {
    await writeFile(join(out, "diary.csv"), "old\n");
    await writeExportFiles(out, [file("diary", 1)]);
    expect(await readFile(join(out, "diary.csv"), "utf8")).toBe("Title,Year\nFilm 1,1999\n");
  });

  it("creates the output folder", async () => {
    const nested = join(out, "a", "b");
    await writeExportFiles(nested, [file("watchlist", 1)]);
    expect(await tree(nested)).toEqual(["watchlist.csv"]);
  });

  it("changes nothing when a file cannot be written: old files stay, no temporaries are left", async () => {
    await writeFile(join(out, "diary.csv"), "old diary\n");
    await writeFile(join(out, "ratings-2.csv"), "old ratings\n");
    // A file where the lists folder should be makes writing lists/*.csv fail after diary's temporary is written.
    await writeFile(join(out, "lists"), "not a folder\n");
    const attempt = writeExportFiles(out, [file("diary", 1), file("lists/best", 1)]);
    await expect(attempt).rejects.toThrow(OutputError);
    await expect(attempt).rejects.toThrow(/Could not write .*lists\/best\.csv/);
    expect(await tree(out)).toEqual(["diary.csv", "lists", "ratings-2.csv"]);
    expect(await readFile(join(out, "diary.csv"), "utf8")).toBe("old diary\n");
  });

  it("throws an OutputError naming the file when one record cannot fit, before writing anything", async () => {
    await expect(writeExportFiles(out, [file("diary", 1), { name: "ratings", header, records: [["x".repeat(50), ""]] }], { maxFileBytes: 40 })).rejects.toThrow(
      /ratings\.csv/,
    );
    expect(await tree(out)).toEqual([]);
  });

  it("refuses two files that would land on one path", async () => {
    await expect(writeExportFiles(out, [file("lists/best", 3), file("lists/best-2", 1)], { maxFileBytes: 40 })).rejects.toThrow(OutputError);
    expect(await tree(out)).toEqual([]);
  });

  it("refuses names outside the output folder", async () => {
    await expect(writeExportFiles(out, [file("../escape", 1)])).rejects.toThrow(RangeError);
    await expect(writeExportFiles(out, [file("/etc/escape", 1)])).rejects.toThrow(RangeError);
  });
});
