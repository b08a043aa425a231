import { describe, expect, it } from "vitest";
import { buildLists, buildWatchlist, listFileStem } from "../../src/letterboxd/index.js";
import type { PersonalList } from "../../src/letterboxd/index.js";
import { film, library } from "./library-builder.js";

const at = "2024-01-01T00:00:00.000Z";

function list(traktId: number, slug: string, items: [traktId: number, rank: number, notes?: string][]): PersonalList {
  return {
    traktId,
    slug,
    name: slug,
    description: null,
    items: items.map(([filmId, rank, notes]) => ({ traktId: filmId, rank, listedAt: at, notes: notes ?? null })),
  };
}

describe("buildWatchlist", () => {
  it("follows the watchlist's rank and skips unknown films with a warning", () => {
    const warnings: string[] = [];
    const rows = buildWatchlist(
      library({
        films: [film(1), film(2), film(3)],
        watchlist: [
          { traktId: 3, rank: 3, listedAt: at, notes: null },
          { traktId: 9, rank: 2, listedAt: at, notes: null },
          { traktId: 1, rank: 1, listedAt: at, notes: null },
          { traktId: 2, rank: 4, listedAt: at, notes: null },
        ],
      }),
      { warn: (message) => warnings.push(message) },
    );
    expect(rows.map((row) => [row.film.traktId, row.rank])).toEqual([
      [1, 1],
      [3, 3],
      [2, 4],
    ]);
    expect(warnings).toEqual(["Watchlist entry (rank 2) refers to film 9, which is not in the library; skipped."]);
  });
});

describe("buildLists", () => {
  it("numbers positions 1, 2, 3… in rank order, keeps notes and skips unknown films", () => {
    const warnings: string[] = [];
    const [best] = buildLists(
      library({ films: [film(1), film(2), film(3)], lists: [list(50, "best-of-2024", [[2, 20, "second"], [1, 10], [9, 15], [3, 30]])] }),
      { warn: (message) => warnings.push(message) },
    );
    expect(best?.fileStem).toBe("best-of-2024");
    expect(best?.rows.map((row) => [row.position, row.film.traktId, row.notes])).toEqual([
      [1, 1, null],
      [2, 2, "second"],
      [3, 3, null],
    ]);
    expect(warnings).toEqual(['An item of list "best-of-2024" refers to film 9, which is not in the library; skipped.']);
  });

  it("gives lists whose slugs clean up to one name different file names", () => {
    const lists = buildLists(library({ lists: [list(1, "Faves!", []), list(2, "faves", []), list(3, "", [])] }));
    expect(lists.map((entry) => entry.fileStem)).toEqual(["faves", "faves-2", "list-3"]);
  });
});

describe("listFileStem", () => {
  it.each([
    ["best-of-2024", "best-of-2024"],
    ["../../etc/passwd", "etc-passwd"],
    ["Ghibli: ranked / rewatched", "ghibli-ranked-rewatched"],
    ["...", "list-7"],
    ["con", "list-con"],
    ["日本映画", "日本映画"],
  ])("%j → %j", (slug, stem) => {
    expect(listFileStem(slug, 7)).toBe(stem);
  });
});
