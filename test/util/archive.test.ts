import { mkdir, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { UsageError } from "../../src/errors.js";
import { DamagedArchiveError, openArchive } from "../../src/util/archive.js";
import { withTempDir } from "../helpers/run-cli.js";

const text = (s: string) => new TextEncoder().encode(s);

describe("openArchive: a folder or a zip as named files", () => {
  it("reads a zip's files by name, and a folder's the same way", async () => {
    await withTempDir(async (dir) => {
      const files = { "a.json": text("[1]"), "sub/b.json": text('{"x":2}') };
      await writeFile(join(dir, "x.zip"), zipSync(files));
      await mkdir(join(dir, "folder", "sub"), { recursive: true });
      for (const [name, data] of Object.entries(files)) await writeFile(join(dir, "folder", name), data);
      for (const path of [join(dir, "x.zip"), join(dir, "folder")]) {
        const archive = await openArchive(path);
        expect([...archive.names].sort()).toEqual(["a.json", "sub/b.json"]);
        expect((await archive.read("sub/b.json")).toString()).toBe('{"x":2}');
        await expect(archive.read("missing.json")).rejects.toThrow("has no file missing.json");
        archive.close();
      }
    });
  });

  it("refuses an entry that inflates past the limit, whatever its header declares", async () => {
    await withTempDir(async (dir) => {
      // 10 MB of zeros compress to a few KB: a small bomb.
      await writeFile(join(dir, "bomb.zip"), zipSync({ "big.json": new Uint8Array(10_000_000) }, { level: 9 }));
      const archive = await openArchive(join(dir, "bomb.zip"), { maxEntryBytes: 1_000_000 });
      await expect(archive.read("big.json")).rejects.toThrow("inflates to more than any export file holds");
      archive.close();
      const total = await openArchive(join(dir, "bomb.zip"), { maxTotalBytes: 5_000_000 });
      await expect(total.read("big.json")).rejects.toThrow("inflates to more than");
      total.close();
    });
  });

  it("refuses a zip whose declared size lies", async () => {
    await withTempDir(async (dir) => {
      const zip = zipSync({ "a.json": text(`[${"1,".repeat(500)}1]`) }, { level: 9 });
      // Patch the central directory's uncompressed size (offset 24 of its header) to claim 3 bytes.
      const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
      let central = -1;
      for (let i = zip.length - 22; i >= 0; i--) if (view.getUint32(i, true) === 0x02014b50) central = i;
      view.setUint32(central + 24, 3, true);
      await writeFile(join(dir, "lying.zip"), zip);
      const archive = await openArchive(join(dir, "lying.zip"));
      await expect(archive.read("a.json")).rejects.toThrow("cannot be unpacked");
      archive.close();
    });
  });

  it("refuses a missing path, a truncated zip and a file that is not a zip, with a UsageError", async () => {
    await withTempDir(async (dir) => {
      const zip = zipSync({ "a.json": text("[]") });
      await writeFile(join(dir, "cut.zip"), zip.subarray(0, zip.length - 10));
      await writeFile(join(dir, "plain.txt"), "hello");
      await expect(openArchive(join(dir, "none.zip"))).rejects.toMatchObject({ name: "UsageError", message: expect.stringContaining("Nothing at") });
      const cut: unknown = await openArchive(join(dir, "cut.zip")).catch((e: unknown) => e);
      expect(cut).toBeInstanceOf(UsageError);
      expect((cut as Error).message).toMatch(/cut\.zip is not a readable zip file \(.*\); download it again, or give its unzipped folder\.$/);
      // A caller that knows where the file came from gives its own next step.
      expect((cut as DamagedArchiveError).withRemedy("make a new backup").message).toMatch(/not a readable zip file \(.*\); make a new backup\.$/);
      await expect(openArchive(join(dir, "plain.txt"))).rejects.toBeInstanceOf(UsageError);
    });
  });

  it("lists a folder's regular files only: a symlink could point anywhere", async () => {
    await withTempDir(async (dir) => {
      await mkdir(join(dir, "f"));
      await writeFile(join(dir, "f", "real.json"), "[]");
      await symlink("/etc/passwd", join(dir, "f", "link.json"));
      const archive = await openArchive(join(dir, "f"));
      expect(archive.names).toEqual(["real.json"]);
      await expect(archive.read("link.json")).rejects.toThrow("has no file");
    });
  });
});
