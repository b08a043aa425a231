import { chmod, mkdir, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { InvalidArgumentError } from "commander";
import { describe, expect, it } from "vitest";
import { checkPaths, collectTag, parseFileBytes, parseOnly, parsePort, parseTimeZone, parseUserName } from "../../src/cli/validate.js";
import { UsageError } from "../../src/errors.js";
import { withTempDir } from "../helpers/run-cli.js";

describe("flag parsers", () => {
  it("take what fits and refuse the rest, saying what would fit", () => {
    expect(parseFileBytes("900000")).toBe(900_000);
    expect(parseFileBytes("1000")).toBe(1000);
    for (const bad of ["10", "999", "-3", "1e6", "12.5", "lots", ""]) expect(() => parseFileBytes(bad), bad).toThrow(/^expected a whole number of bytes, 1000 or more\.$/);
    expect(parsePort("0")).toBe(0);
    expect(() => parsePort("65536")).toThrow(InvalidArgumentError);
    expect(parseOnly("diary, ratings,diary")).toEqual(["diary", "ratings"]);
    expect(() => parseOnly("diary,films")).toThrow(/got "films"/);
    expect(collectTag("b", collectTag(" a ", undefined))).toEqual(["a", "b"]);
    for (const bad of ["", "  ", "a,b"]) expect(() => collectTag(bad, undefined)).toThrow(/without commas/);
    expect(parseUserName("sandbox-sam")).toBe("sandbox-sam");
    for (const bad of ["", "a/b", "a b", "a?b"]) expect(() => parseUserName(bad)).toThrow(/trakt\.tv\/users\/NAME/);
    expect(parseTimeZone(" Europe/Berlin ")).toBe("Europe/Berlin");
    for (const bad of ["", "  "]) expect(() => parseTimeZone(bad)).toThrow(/^expected an IANA time zone/);
  });
});

describe("path checks", () => {
  const refusal = (promise: Promise<void>) => promise.then(() => undefined, (error: unknown) => (error instanceof UsageError ? error.message : String(error)));

  it("refuses an output that is a file, cannot be made, or is the data folder or one of its own entries", async () => {
    await withTempDir(async (dir) => {
      const home = join(dir, "home");
      await mkdir(join(home, "exports"), { recursive: true });
      await writeFile(join(dir, "file"), "");
      const out = (path: string, output: "folder" | "file" = "folder") => refusal(checkPaths({}, home, [{ flag: "--out", path, output }]));
      expect(await out(join(dir, "new", "deeper"))).toBeUndefined();
      expect(await out(join(home, "exports", "2026"))).toBeUndefined();
      expect(await out(join(dir, "file"))).toMatch(/is a file; give a folder \(it is made if missing\)\.$/);
      expect(await out(join(dir, "file", "sub"))).toMatch(/cannot be made: .*file is a file; give a folder\.$/);
      expect(await out(home)).toMatch(/is the data folder itself; give a folder of its own/);
      for (const entry of ["store.sqlite", "store.sqlite-wal", "token.json", "token.json.lock", "config.toml", "profiles", "export-lock.sqlite", "schedule.json", "uploads"]) {
        expect(await out(join(home, entry, "x")), entry).toBe(`--out ${join(home, entry, "x")} is part of the data folder (its ${entry}); give a folder outside it.`);
      }
      // The same folder by another name is still the data folder.
      await symlink(home, join(dir, "alias"));
      expect(await out(join(dir, "alias", "store.sqlite"))).toMatch(/part of the data folder/);
      // The data folder from the environment when --home is not given.
      expect(await refusal(checkPaths({ TRAKT_LETTERBOXD_HOME: home }, undefined, [{ flag: "--out", path: join(home, "token.json"), output: "folder" }]))).toMatch(/its token\.json/);

      expect(await out(join(dir, "backup.zip"), "file")).toBeUndefined();
      expect(await out(dir, "file")).toMatch(/is a folder; give the path of a zip file to write/);
    });
  });

  it.skipIf(process.getuid?.() === 0)("refuses a folder that cannot be written to (root can write anywhere)", async () => {
    await withTempDir(async (dir) => {
      const locked = join(dir, "locked");
      await mkdir(locked);
      await chmod(locked, 0o555);
      try {
        const out = (path: string) => refusal(checkPaths({}, join(dir, "home"), [{ flag: "--out", path, output: "folder" }]));
        expect(await out(locked)).toMatch(/no permission to write in .*locked; give a folder you can write to\.$/);
        expect(await out(join(locked, "new"))).toMatch(/no permission to write in .*locked/);
      } finally {
        await chmod(locked, 0o755);
      }
    });
  });

  it("refuses an input that is not there, saying what to give", async () => {
    await withTempDir(async (dir) => {
      expect(await refusal(checkPaths({}, dir, [{ flag: "--from", path: join(dir, "nope.zip"), input: "Trakt's data export" }]))).toBe(
        `--from ${join(dir, "nope.zip")}: nothing is there; give Trakt's data export.`,
      );
      expect(await refusal(checkPaths({}, dir, [{ flag: "--from", path: dir, input: "x" }, { flag: "--out", path: undefined, output: "folder" }]))).toBeUndefined();
    });
  });
});
