import { mkdtemp, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { replaceBackupItems } from "../../src/store/backup-items.js";
import { writeBackup, type WriteBackupOptions } from "../../src/backup/index.js";
import { OutputError } from "../../src/errors.js";
import { openStore, type Store } from "../../src/store/index.js";

let dir: string;
let store: Store;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "tl-backup-"));
  store = openStore(join(dir, "store.sqlite"));
  store.transaction(() => replaceBackupItems(store, "settings", [{ user: { username: "sam", private: false, name: null }, account: { timezone: "UTC" } }]));
});
afterEach(async () => {
  store.close();
  await rm(dir, { recursive: true, force: true });
});

const write = (out: string, options: Partial<WriteBackupOptions> = {}) => writeBackup({ store, out, zip: false, version: "test", username: "sam", now: () => 0, ...options });
const snapshot = async (path: string) => Object.fromEntries(await Promise.all((await readdir(path)).map(async (name) => [name, await readFile(join(path, name), "utf8")])));
const leftovers = async () => (await readdir(dir)).filter((name) => name.startsWith(".bk"));
/** Fails the write once `name` is done, as a full disk would half-way. */
const failAfter = (name: string) => ({
  now: () => 1000,
  onFile: (file: { name: string }) => {
    if (file.name === name) throw new Error("disk full");
  },
});

describe("writing a backup", () => {
  it("a write failing half-way leaves the previous folder as it was, and nothing beside it", async () => {
    const out = join(dir, "bk");
    await write(out);
    const before = await snapshot(out);
    const failed = write(out, failAfter("history-episodes.json"));
    await expect(failed).rejects.toBeInstanceOf(OutputError);
    await expect(failed).rejects.toThrow(/disk full\. The previous backup there is unchanged/);
    expect(await snapshot(out)).toEqual(before);
    expect(await leftovers()).toEqual([]);
  });

  it("the same for a zip", async () => {
    const out = join(dir, "bk.zip");
    await write(out, { zip: true });
    const before = await readFile(out);
    await expect(write(out, { zip: true, ...failAfter("lists.json") })).rejects.toBeInstanceOf(OutputError);
    expect(await readFile(out)).toEqual(before);
    expect(await leftovers()).toEqual([]);
  });

  it("never replaces a file that is not a zip with --zip", async () => {
    const out = join(dir, "notes.txt");
    await writeFile(out, "my notes\n");
    await expect(write(out, { zip: true })).rejects.toThrow(/is not a zip file/);
    expect(await readFile(out, "utf8")).toBe("my notes\n");
    await write(join(dir, "bk.zip"), { zip: true });
    await write(join(dir, "bk.zip"), { zip: true });
  });

  it("brings back the previous folder when a backup was killed between moving it aside and putting the new one in place", async () => {
    const out = join(dir, "bk");
    await write(out);
    const before = await snapshot(out);
    await rename(out, join(dir, ".bk.old-0123456789.tmp"));
    await expect(write(out, failAfter("settings.json"))).rejects.toBeInstanceOf(OutputError);
    expect(await snapshot(out)).toEqual(before);
    expect(await leftovers()).toEqual([]);
  });
});
