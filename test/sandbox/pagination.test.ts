import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSandbox, type SandboxServer, type TraktToken } from "../../src/sandbox/index.js";
import { get } from "./helpers.js";

let server: SandboxServer;
let token: TraktToken;
beforeAll(async () => {
  server = await startSandbox();
  token = server.issueToken();
});
afterAll(() => server.close());

const paging = (res: Response) => ({
  page: res.headers.get("x-pagination-page"),
  limit: res.headers.get("x-pagination-limit"),
  pageCount: res.headers.get("x-pagination-page-count"),
  itemCount: res.headers.get("x-pagination-item-count"),
});

describe("pagination", () => {
  it("defaults to page 1 of 100 with the four headers", async () => {
    const res = await get(server, "/sync/watchlist/movies?limit=7", token.access_token);
    expect(paging(res)).toEqual({ page: "1", limit: "7", pageCount: "5", itemCount: "30" });
    const plain = await get(server, "/sync/ratings/movies", token.access_token);
    const items = (await plain.json()) as unknown[];
    const { page, limit, itemCount, pageCount } = paging(plain);
    expect([page, limit]).toEqual(["1", "100"]);
    expect(Number(pageCount)).toBe(Math.max(1, Math.ceil(Number(itemCount) / 100)));
    expect(items).toHaveLength(Math.min(100, Number(itemCount)));
  });

  it("silently caps the limit at 250", async () => {
    const res = await get(server, "/sync/history/movies?limit=1000", token.access_token);
    expect(paging(res).limit).toBe("250");
  });

  it("serves a short page while more pages follow (hidden items), and never serves the hidden field", async () => {
    const first = await get(server, "/sync/history/movies?limit=250", token.access_token);
    const items = (await first.json()) as Record<string, unknown>[];
    expect(items.length).toBeLessThan(250);
    expect(Number(paging(first).pageCount)).toBeGreaterThanOrEqual(2);
    expect(items.some((i) => "hidden" in i)).toBe(false);
    const second = (await (await get(server, "/sync/history/movies?limit=250&page=2", token.access_token)).json()) as unknown[];
    expect(second.length).toBeGreaterThan(0);
  });

  it("answers a page past the end with [] and the headers", async () => {
    const res = await get(server, "/sync/watchlist/movies?page=99", token.access_token);
    expect(await res.json()).toEqual([]);
    expect(paging(res)).toMatchObject({ page: "99", itemCount: "30" });
  });

  it("serves history newest first and honours start_at/end_at", async () => {
    const res = await get(server, "/sync/history/movies?start_at=2024-03-01T00:00:00.000Z&end_at=2024-04-30T23:59:59.000Z&limit=250", token.access_token);
    const items = (await res.json()) as { watched_at: string }[];
    const dates = items.map((i) => i.watched_at);
    expect(dates).toContain("2024-03-15T23:30:00.000Z");
    expect(dates.every((d) => d >= "2024-03-01" && d < "2024-05")).toBe(true);
    expect([...dates].sort().reverse()).toEqual(dates);
  });

  it("gives comments 10 a page by default", async () => {
    const res = await get(server, "/users/me/comments/reviews/movies", token.access_token);
    expect(paging(res).limit).toBe("10");
  });
});
