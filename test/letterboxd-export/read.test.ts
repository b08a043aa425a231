import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { readLetterboxdExport } from "../../src/letterboxd-export/read-letterboxd-export.js";
import { withTempDir } from "../helpers/run-cli.js";

const text = (s: string) => new TextEncoder().encode(s);
const crlf = (s: string) => s.replace(/\n/g, "\r\n");

/** A Letterboxd export as the site writes it, with the oddities a reader must survive. */
const FILES: Record<string, string> = {
  // A BOM, CRLF line ends, and a column Letterboxd may add one day.
  "diary.csv": `\uFEFF${crlf(`Date,Name,Year,Letterboxd URI,Rating,Rewatch,Tags,Watched Date,Extra
2024-03-17,Night on Earth,1991,https://boxd.it/abc1,4,,"trakt, import 2026",2024-03-16,x
2024-04-02,Lola rennt,1998,https://boxd.it/abc2,3.5,Yes,,2024-04-01,
2024-04-03,"Crouching Tiger, Hidden Dragon",2000,https://boxd.it/abc3,,,,2017-05-20,
`)}`,
  "reviews.csv": `Date,Name,Year,Letterboxd URI,Rating,Rewatch,Review,Tags,Watched Date
2024-04-03,"Crouching Tiger, Hidden Dragon",2000,https://boxd.it/abc3,4,,"Wire-work, ""wuxia""
and heartbreak.",,2017-05-20
`,
  "ratings.csv": `Date,Name,Year,Letterboxd URI,Rating
2024-03-17,Night on Earth,1991,https://letterboxd.com/film/night-on-earth/,4
2024-01-01,Cats,2019,https://letterboxd.com/film/cats-2019/,0.5
`,
  "watched.csv": `Date,Name,Year,Letterboxd URI
2024-03-17,Night on Earth,1991,https://letterboxd.com/film/night-on-earth/
2024-02-01,Casablanca,1942,https://letterboxd.com/film/casablanca/
`,
  "watchlist.csv": `Date,Name,Year,Letterboxd URI
2023-01-01,Левиафан,2014,https://letterboxd.com/film/leviathan-2014/
`,
  "profile.csv": `Date Joined,Username,Given Name,Family Name,Email Address
2020-01-01,sam,Sam,Sandbox,sam@example.invalid
`,
  "lists/best-of-2024.csv": `Letterboxd list export v7
Date,Name,Tags,URL,Description
2024-12-31,Best of 2024,,https://letterboxd.com/sam/list/best-of-2024/,"Two lines
of description"

Position,Name,Year,URL,Description
1,Dune: Part Two,2024,https://letterboxd.com/film/dune-part-two/,
2,Night on Earth,1991,https://letterboxd.com/film/night-on-earth/,"A rewatch, at last"
`,
  // Same names elsewhere: not the account's.
  "deleted/diary.csv": `Date,Name,Year,Letterboxd URI,Rating,Rewatch,Tags,Watched Date
2020-01-01,Deleted Film,2001,https://boxd.it/zzz,,,,2020-01-01
`,
  "orphaned/ratings.csv": `Date,Name,Year,Letterboxd URI,Rating
2020-01-01,Orphan,2001,https://letterboxd.com/film/orphan/,3
`,
};

describe("reading the member's Letterboxd export", () => {
  it("reads the root files of a zip and of a folder alike, and nothing of profile.csv", async () => {
    await withTempDir(async (dir) => {
      await writeFile(join(dir, "letterboxd-sam-2026-11-29-10-00-utc.zip"), zipSync(Object.fromEntries(Object.entries(FILES).map(([k, v]) => [k, text(v)]))));
      for (const [name, content] of Object.entries(FILES)) {
        await mkdir(join(dir, "folder", name, ".."), { recursive: true });
        await writeFile(join(dir, "folder", name), content);
      }
      for (const path of [join(dir, "letterboxd-sam-2026-11-29-10-00-utc.zip"), join(dir, "folder")]) {
        const account = await readLetterboxdExport(path);
        expect(account.diary.map((e) => [e.name, e.year, e.watchedDate, e.rating, e.rewatch, e.tags])).toEqual([
          ["Night on Earth", 1991, "2024-03-16", 4, false, ["trakt", "import 2026"]],
          ["Lola rennt", 1998, "2024-04-01", 3.5, true, []],
          ["Crouching Tiger, Hidden Dragon", 2000, "2017-05-20", null, false, []],
        ]);
        expect(account.reviews[0]?.review).toBe('Wire-work, "wuxia"\nand heartbreak.');
        expect(account.ratings.map((r) => [r.name, r.rating, r.uri])).toEqual([
          ["Night on Earth", 4, "https://letterboxd.com/film/night-on-earth/"],
          ["Cats", 0.5, "https://letterboxd.com/film/cats-2019/"],
        ]);
        expect(account.watched.map((w) => w.name)).toEqual(["Night on Earth", "Casablanca"]);
        expect(account.watchlist).toEqual([{ name: "Левиафан", year: 2014, uri: "https://letterboxd.com/film/leviathan-2014/", date: "2023-01-01" }]);
        expect(account.lists).toEqual([
          {
            file: "best-of-2024",
            name: "Best of 2024",
            description: "Two lines\nof description",
            items: [
              { position: 1, name: "Dune: Part Two", year: 2024, uri: "https://letterboxd.com/film/dune-part-two/", notes: "" },
              { position: 2, name: "Night on Earth", year: 1991, uri: "https://letterboxd.com/film/night-on-earth/", notes: "A rewatch, at last" },
            ],
          },
        ]);
        expect(JSON.stringify(account)).not.toContain("sam@example.invalid");
        expect(JSON.stringify(account)).not.toContain("Deleted Film");
        expect(JSON.stringify(account)).not.toContain("Orphan");
      }
    });
  });

  it("finds the files under a top folder a re-zip added", async () => {
    await withTempDir(async (dir) => {
      await writeFile(join(dir, "x.zip"), zipSync({ "letterboxd-sam/watched.csv": text(FILES["watched.csv"] ?? "") }));
      expect((await readLetterboxdExport(join(dir, "x.zip"))).watched).toHaveLength(2);
    });
  });

  it("refuses what is not a Letterboxd export with one clear UsageError", async () => {
    await withTempDir(async (dir) => {
      await writeFile(join(dir, "other.zip"), zipSync({ "notes.txt": text("hello") }));
      await writeFile(join(dir, "odd.zip"), zipSync({ "diary.csv": text("a,b\n1,2\n") }));
      await expect(readLetterboxdExport(join(dir, "other.zip"))).rejects.toMatchObject({ name: "UsageError", message: expect.stringContaining("is not a Letterboxd data export") });
      await expect(readLetterboxdExport(join(dir, "odd.zip"))).rejects.toMatchObject({ name: "UsageError", message: expect.stringContaining("has no Name column") });
      await expect(readLetterboxdExport(join(dir, "missing.zip"))).rejects.toMatchObject({ name: "UsageError" });
    });
  });
});
