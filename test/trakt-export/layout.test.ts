import { describe, expect, it } from "vitest";
import { findExportLayout, isExportFile, listPages, sortPages } from "../../src/trakt-export/layout.js";

describe("Trakt export layout (TRAKT-EXPORT.md §2, §3, §6)", () => {
  it("finds the flat layout and orders pages numerically, an unsuffixed file being page 1", () => {
    const map = findExportLayout([
      "watched-history-10.json",
      "watched-history-9.json",
      "watched-history-1.json",
      "watched-history-2.json",
      "ratings-movies.json",
      "ratings-movies-2.json",
      "user-settings.json",
      "lists-lists.json",
      "lists-list-7-best-of-2019.json",
    ]);
    expect(map?.layout).toBe("flat");
    expect(map?.root).toBe("");
    expect(map?.files.history).toEqual(["watched-history-1.json", "watched-history-2.json", "watched-history-9.json", "watched-history-10.json"]);
    // The mixed case: `base.json` then `base-2.json`.
    expect(map?.files.ratings).toEqual(["ratings-movies.json", "ratings-movies-2.json"]);
    expect(map?.files.settings).toEqual(["user-settings.json"]);
  });

  it("finds the flat layout under a top folder a re-zip added, ignoring __MACOSX and dot-files", () => {
    const names = [
      "__MACOSX/trakt-export-x/._watched-history.json",
      "trakt-export-x/.DS_Store",
      "trakt-export-x/._lists-lists.json",
      "trakt-export-x/watched-history.json",
      "trakt-export-x/lists-watchlist.json",
      "trakt-export-x/readme.txt",
    ];
    expect(names.filter(isExportFile)).toEqual(["trakt-export-x/watched-history.json", "trakt-export-x/lists-watchlist.json"]);
    const map = findExportLayout(names);
    expect(map).toMatchObject({ layout: "flat", root: "trakt-export-x/", files: { history: ["trakt-export-x/watched-history.json"], watchlist: ["trakt-export-x/lists-watchlist.json"] } });
  });

  it("finds the nested layout and its user folder, zipped with or without a top folder", () => {
    for (const top of ["", "export/"]) {
      const map = findExportLayout([`${top}sam/watched/history-2.json`, `${top}sam/watched/history-1.json`, `${top}sam/ratings/ratings-movies.json`, `${top}sam/lists/watchlist.json`, `${top}sam/lists/list-3-top-100.json`]);
      expect(map).toMatchObject({ layout: "nested", root: `${top}sam/`, folderUser: "sam" });
      expect(map?.files.history).toEqual([`${top}sam/watched/history-1.json`, `${top}sam/watched/history-2.json`]);
      expect(map && listPages(map, 3, "top-100")).toEqual({ pages: [`${top}sam/lists/list-3-top-100.json`], guessed: false });
    }
  });

  it("is not fooled by our own backup or unrelated JSON", () => {
    expect(findExportLayout(["manifest.json", "history-movies.json", "lists.json", "settings.json"])).toBeUndefined();
    expect(findExportLayout(["package.json", "data/things.json"])).toBeUndefined();
  });

  it("matches list files through the list's slug, so a slug ending in digits is no page number", () => {
    const map = findExportLayout(["lists-lists.json", "lists-list-7-best-of-2019.json", "lists-list-8-top-100.json", "lists-list-8-top-100-2.json", "lists-list-9-old-name.json"]);
    if (!map) throw new Error("no layout");
    expect(listPages(map, 7, "best-of-2019")).toEqual({ pages: ["lists-list-7-best-of-2019.json"], guessed: false });
    expect(listPages(map, 8, "top-100")).toEqual({ pages: ["lists-list-8-top-100.json", "lists-list-8-top-100-2.json"], guessed: false });
    // The list was renamed after its file was written: found by id alone, and said so.
    expect(listPages(map, 9, "new-name")).toEqual({ pages: ["lists-list-9-old-name.json"], guessed: true });
    expect(listPages(map, 10, "gone")).toEqual({ pages: [], guessed: false });
  });

  it("sorts pages by number, then name", () => {
    expect(sortPages([{ name: "b-10", page: 10 }, { name: "b-9", page: 9 }, { name: "b", page: 1 }])).toEqual(["b", "b-9", "b-10"]);
  });
});
