import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { TraktHttpError, TraktNetworkError, TraktParseError } from "../../src/errors.js";
import { collectItems, movieHistoryPages } from "../../src/trakt/index.js";
import { startScriptedServer, type ScriptedResponse, type ScriptedServer } from "./helpers/scripted-server.js";
import { CLIENT_SECRET, USER_AGENT, testClient } from "./helpers/client.js";

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serve(script: ScriptedResponse[]) {
  server = await startScriptedServer(script);
  return server;
}

const anything = z.unknown();
const CLOUDFLARE = "<!DOCTYPE html><html><head><title>Attention Required! | Cloudflare</title></head><body>blocked</body></html>";

describe("requests", () => {
  it("sends Trakt's headers, JSON content type and the caller's User-Agent", async () => {
    const s = await serve([{ body: { ok: true } }]);
    const { client } = testClient(s.url);
    expect(await client.get("/movies/1/people", anything, { query: { extended: "full", skip: undefined } })).toEqual({ ok: true });
    const [request] = s.requests;
    expect(request?.path).toBe("/movies/1/people");
    expect(request?.query).toEqual({ extended: "full" });
    expect(request?.headers).toMatchObject({
      "content-type": "application/json",
      "trakt-api-key": "test-client-id",
      "trakt-api-version": "2",
      "user-agent": USER_AGENT,
    });
    expect(request?.headers.authorization).toBeUndefined();
  });

  it("names the call in HTTP errors and does not retry a 404", async () => {
    const s = await serve([{ status: 404, body: { error: "not found" } }]);
    const { client } = testClient(s.url);
    const error = await client.get("/users/nobody/history/movies", anything, { query: { page: 3, limit: 250 } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TraktHttpError);
    expect((error as Error).message).toBe(`GET ${s.url}/users/nobody/history/movies?page=3&limit=250 → 404: not found`);
    expect(s.requests).toHaveLength(1);
  });

  it("turns a 200 Cloudflare HTML page into a TraktParseError, not a SyntaxError", async () => {
    const s = await serve([{ status: 200, raw: CLOUDFLARE }]);
    const { client } = testClient(s.url);
    const error = await client.get("/users/settings", anything).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TraktParseError);
    expect((error as Error).message).toContain("expected JSON, got an HTML page (Cloudflare?): \"Attention Required! | Cloudflare\"");
  });

  it("gives a 403 HTML page a short hint, and does not retry it", async () => {
    const s = await serve([{ status: 403, raw: CLOUDFLARE }]);
    const { client } = testClient(s.url);
    const error = (await client.get("/users/settings", anything).catch((e: unknown) => e)) as TraktHttpError;
    expect(error).toBeInstanceOf(TraktHttpError);
    expect(error.status).toBe(403);
    expect(error.message).toBe(`GET ${s.url}/users/settings → 403: an HTML page (Cloudflare?): "Attention Required! | Cloudflare"`);
    expect(s.requests).toHaveLength(1);
  });

  it("retries a burst of 5xx and HTML 52x with backoff, reporting each retry", async () => {
    const s = await serve([{ status: 502 }, { status: 503, body: { error: "overloaded" } }, { status: 522, raw: CLOUDFLARE }, { body: [1] }]);
    const { client, events, clock } = testClient(s.url);
    expect(await client.get("/sync/history/movies", anything)).toEqual([1]);
    expect(events.filter((e) => e.type === "retry").map((e) => e.type === "retry" && [e.attempt, e.delayMs, e.reason])).toEqual([
      [1, 500, "HTTP 502"],
      [2, 1000, "HTTP 503"],
      [3, 2000, "HTTP 522"],
    ]);
    expect(clock.sleeps).toEqual([500, 1000, 2000]);
    expect(client.stats).toMatchObject({ requests: 4, retries: 3 });
  });

  it("waits Retry-After on a 429, pausing every request, and reports it", async () => {
    const s = await serve([{ status: 429, headers: { "retry-after": "3" }, body: {} }, { body: "a" }, { body: "b" }]);
    const { client, events, clock } = testClient(s.url);
    const start = clock.now();
    const [a, b] = await Promise.all([client.get("/a", anything), (async () => {
      await new Promise((resolve) => setTimeout(resolve, 30));
      return client.get("/b", anything);
    })()]);
    expect([a, b].sort()).toEqual(["a", "b"]);
    expect(events).toContainEqual({ type: "rate-limited", waitMs: 3000, reason: "429" });
    expect(events).toContainEqual(expect.objectContaining({ type: "retry", attempt: 1, delayMs: 3000, reason: "HTTP 429" }));
    expect(clock.now() - start).toBeGreaterThanOrEqual(3000);
    expect(client.stats.rateLimitedMs).toBe(3000);
  });

  it("accepts Retry-After as an HTTP date", async () => {
    const s = await serve([{ status: 503, headers: { "retry-after": "Thu, 01 Oct 2026 00:00:09 GMT" } }, { body: 1 }]);
    const { client, clock } = testClient(s.url);
    await client.get("/x", anything);
    expect(clock.sleeps).toEqual([9000]);
  });

  it("fails clearly instead of sleeping for hours on a huge Retry-After", async () => {
    const s = await serve([{ status: 429, raw: CLOUDFLARE, headers: { "retry-after": "86400" } }, { status: 429, raw: CLOUDFLARE, headers: { "retry-after": "86400" } }]);
    const { client } = testClient(s.url, { retry: { maxTotalMs: 120_000 } });
    await expect(client.get("/x", anything)).rejects.toThrow(/→ 429: Trakt asks to wait 24\.0 h .*try again later/);
    expect(s.requests).toHaveLength(1);
  });

  it("retries a reset connection and a truncated body as network errors", async () => {
    const s = await serve([{ reset: true }, { truncate: true, body: { long: "x".repeat(100) } }, { body: { fine: 1 } }]);
    const { client, events } = testClient(s.url);
    expect(await client.get("/x", anything)).toEqual({ fine: 1 });
    expect(events.filter((e) => e.type === "retry").map((e) => e.type === "retry" && e.reason)).toEqual(["network error", "network error"]);
  });

  it("gives up on a truncated body with a TraktNetworkError keeping the cause", async () => {
    const s = await serve(Array.from({ length: 2 }, () => ({ truncate: true, body: { long: "x".repeat(100) } })));
    const { client } = testClient(s.url, { retry: { maxAttempts: 2 } });
    const error = await client.get("/x", anything).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TraktNetworkError);
    expect((error as Error).message).toMatch(new RegExp(`^GET ${s.url}/x failed: response body cut off`));
    expect((error as Error).cause).toBeDefined();
  });

  it("reports a refused connection as a TraktNetworkError", async () => {
    const s = await serve([]);
    await s.close();
    const { client } = testClient(s.url, { retry: { maxAttempts: 2 } });
    const error = await client.get("/x", anything).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TraktNetworkError);
    expect((error as Error).message).toContain("ECONNREFUSED");
  });

  it("times out a request that never answers", async () => {
    const s = await serve([{ delayMs: 500, body: 1 }, { body: 2 }]);
    const { client } = testClient(s.url, { requestTimeoutMs: 50 });
    expect(await client.get("/x", anything)).toBe(2);
  });

  it("leaves out and counts a page's item that does not match its schema, never the page", async () => {
    const good = { id: 2, watched_at: "2026-01-01T00:00:00.000Z", action: "watch", type: "movie", movie: { title: "Y", year: 2001, ids: { trakt: 7 } } };
    const s = await serve([{ body: [{ ...good, id: 1, movie: { title: "X", year: 2000, ids: { trakt: "nope" } } }, good, { ...good, id: 3, movie: null }] }]);
    const { client } = testClient(s.url);
    const items = await collectItems(movieHistoryPages(client, "sam"));
    expect(items.map((item) => item.id)).toEqual([2]);
    expect(client.stats.skipped.get("history")).toEqual({ count: 2, reason: "movie.ids.trakt: Invalid input: expected number, received string" });
  });

  it("names the call when a page is not a list at all", async () => {
    const s = await serve([{ body: { error: "something else" } }]);
    const { client } = testClient(s.url);
    const error = await collectItems(movieHistoryPages(client, "sam")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TraktParseError);
    expect((error as Error).message).toBe(`GET ${s.url}/users/sam/history/movies?page=1&limit=250 → 200: unexpected response: body: Invalid input: expected array, received object`);
  });

  it("reads a page fetched ahead only at its turn: a later page's HTML is a TraktParseError after the pages before it", async () => {
    const item = (id: number) => ({ id, watched_at: "2026-01-01T00:00:00.000Z", action: "watch", type: "movie", movie: { title: "Y", year: 2001, ids: { trakt: id } } });
    const paged = { "x-pagination-page-count": "3", "x-pagination-item-count": "3" };
    // By page number: pages 2 and 3 are asked for at once and may arrive in either order.
    server = await startScriptedServer(({ query }) => (query.page === "3" ? { status: 200, headers: paged, raw: CLOUDFLARE } : { headers: paged, body: [item(Number(query.page))] }));
    const s = server;
    const { client } = testClient(s.url);
    const seen: number[] = [];
    const error = await (async () => {
      for await (const page of movieHistoryPages(client, "sam")) seen.push(...page.items.map((i) => i.id));
    })().catch((e: unknown) => e);
    expect(seen).toEqual([1, 2]);
    expect(error).toBeInstanceOf(TraktParseError);
    expect((error as Error).message).toContain('page=3&limit=250 → 200: expected JSON, got an HTML page (Cloudflare?): "Attention Required! | Cloudflare"');
  });

  it("retries a page whose body is cut off, as any request", async () => {
    const s = await serve([{ truncate: true, body: [{ long: "x".repeat(100) }] }, { body: [] }]);
    const { client, events } = testClient(s.url);
    expect(await collectItems(movieHistoryPages(client, "sam"))).toEqual([]);
    expect(events.filter((e) => e.type === "retry").map((e) => e.type === "retry" && e.reason)).toEqual(["network error"]);
  });

  it("never puts a secret in an error message or body", async () => {
    const echo = `invalid client_secret ${CLIENT_SECRET} for refresh token old-refresh-token-1234`;
    const s = await serve([{ status: 401, body: { error: "invalid_grant", error_description: echo } }, { status: 400, raw: `<html><title>${CLIENT_SECRET}</title></html>` }]);
    const { client } = testClient(s.url);
    const call = async () => {
      const error: unknown = await client.post("/oauth/token", { refresh_token: "old-refresh-token-1234" }, anything, { host: "auth", clientCredentials: "secret" }).catch((e: unknown) => e);
      return error as TraktHttpError;
    };
    for (const error of [await call(), await call()]) {
      const text = `${error.message} ${JSON.stringify(error.body)}`;
      expect(text).not.toContain(CLIENT_SECRET);
      expect(text).not.toContain("old-refresh-token-1234");
      expect(text).toContain("[redacted]");
    }
    expect(s.requests[0]?.body).toMatchObject({ client_id: "test-client-id", client_secret: CLIENT_SECRET });
  });
});
