import { describe, expect, it } from "vitest";
import { parseRetryAfter, parseServerBudget, retryAfterFromHeaders } from "../../src/trakt/rate-limit-headers.js";

const NOW = Date.parse("2026-10-10T00:20:00Z");

describe("parseRetryAfter", () => {
  it("reads seconds and HTTP dates", () => {
    expect(parseRetryAfter("1", NOW)).toBe(1000);
    expect(parseRetryAfter(" 300 ", NOW)).toBe(300_000);
    expect(parseRetryAfter("0.5", NOW)).toBe(500);
    expect(parseRetryAfter("Sat, 10 Oct 2026 00:24:00 GMT", NOW)).toBe(240_000);
  });
  it("never goes negative and ignores garbage", () => {
    expect(parseRetryAfter("Sat, 10 Oct 2026 00:00:00 GMT", NOW)).toBe(0);
    expect(parseRetryAfter("soon", NOW)).toBeUndefined();
    expect(parseRetryAfter("", NOW)).toBeUndefined();
    expect(parseRetryAfter(null, NOW)).toBeUndefined();
  });
});

describe("parseServerBudget", () => {
  it("reads the JSON X-Ratelimit header", () => {
    const headers = new Headers({
      "x-ratelimit": JSON.stringify({ name: "AUTHED_API_GET_LIMIT", period: 300, limit: 1000, remaining: 0, until: "2026-10-10T00:24:00Z" }),
    });
    expect(parseServerBudget(headers, NOW)).toEqual({ remaining: 0, resetAt: Date.parse("2026-10-10T00:24:00Z") });
  });
  it("reads the legacy pair, as seconds from now or epoch seconds", () => {
    expect(parseServerBudget(new Headers({ "x-ratelimit-remaining": "5", "x-ratelimit-reset": "60" }), NOW)).toEqual({ remaining: 5, resetAt: NOW + 60_000 });
    expect(parseServerBudget(new Headers({ "x-ratelimit-remaining": "5", "x-ratelimit-reset": String(NOW / 1000 + 30) }), NOW)).toEqual({ remaining: 5, resetAt: NOW + 30_000 });
  });
  it("ignores a malformed header", () => {
    expect(parseServerBudget(new Headers({ "x-ratelimit": "{nope" }), NOW)).toBeUndefined();
  });
  it("falls back to X-Ratelimit's until for a 429 without Retry-After", () => {
    const headers = new Headers({ "x-ratelimit": JSON.stringify({ remaining: 0, until: "2026-10-10T00:21:00Z" }) });
    expect(retryAfterFromHeaders(headers, NOW, 429)).toBe(60_000);
    expect(retryAfterFromHeaders(headers, NOW, 503)).toBeUndefined();
  });
});
