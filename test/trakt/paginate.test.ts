import { describe, expect, it } from "vitest";
import { collectItems, paginate, type FetchedPage, type Page } from "../../src/trakt/paginate.js";

/** Pages of `sizes[i]` items; `headers: false` leaves the pagination headers out. */
function fakePages(sizes: number[], { headers = true, delays = [] as number[] } = {}) {
  const fetched: number[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const fetchPage = async (page: number): Promise<FetchedPage<string>> => {
    fetched.push(page);
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    await new Promise((resolve) => setTimeout(resolve, delays[page - 1] ?? 0));
    inFlight--;
    const items = Array.from({ length: sizes[page - 1] ?? 0 }, (_, i) => `${page}.${i}`);
    const total = sizes.reduce((a, b) => a + b, 0);
    const readItems = () => items;
    return headers ? { readItems, pageCount: sizes.length, itemCount: total } : { readItems, pageCount: undefined, itemCount: undefined };
  };
  return { fetchPage, fetched, maxInFlight: () => maxInFlight };
}

describe("paginate", () => {
  it("yields every page in order, never stopping on a short page", async () => {
    // Later pages answer first: order must still hold.
    const pages = fakePages([3, 1, 3, 2], { delays: [0, 30, 10, 0] });
    const seen: Page<string>[] = [];
    const out: number[] = [];
    for await (const page of paginate(pages.fetchPage, { lookahead: 4, onPage: (info) => seen.push(info) })) out.push(page.page);
    expect(out).toEqual([1, 2, 3, 4]);
    expect(seen.map((p) => [p.page, p.pageCount, p.itemCount, p.items.length])).toEqual([
      [1, 4, 9, 3],
      [2, 4, 9, 1],
      [3, 4, 9, 3],
      [4, 4, 9, 2],
    ]);
    expect(pages.maxInFlight()).toBe(3);
  });

  it("treats an answer without pagination headers as the only page", async () => {
    const pages = fakePages([5, 5], { headers: false });
    expect(await collectItems(paginate(pages.fetchPage, { lookahead: 4 }))).toHaveLength(5);
    expect(pages.fetched).toEqual([1]);
  });

  it("fetches at most `lookahead` pages ahead and stops cleanly on break", async () => {
    const pages = fakePages(Array.from({ length: 20 }, () => 2));
    for await (const page of paginate(pages.fetchPage, { lookahead: 2 })) if (page.page === 3) break;
    expect(pages.fetched).toEqual([1, 2, 3, 4]);
  });

  it("yields one empty page for an empty collection", async () => {
    const pages = fakePages([]);
    const out: Page<string>[] = [];
    for await (const page of paginate(pages.fetchPage, { lookahead: 4 })) out.push(page);
    expect(out.map((p) => [p.page, p.items.length])).toEqual([[1, 0]]);
  });

  it("surfaces a failing page at its turn", async () => {
    const fetchPage = async (page: number): Promise<FetchedPage<number>> => {
      if (page === 3) throw new Error("page 3 failed");
      return { readItems: () => [page], pageCount: 4, itemCount: 4 };
    };
    const got: number[] = [];
    await expect(
      (async () => {
        for await (const page of paginate(fetchPage, { lookahead: 4 })) got.push(page.page);
      })(),
    ).rejects.toThrow("page 3 failed");
    expect(got).toEqual([1, 2]);
  });
});
