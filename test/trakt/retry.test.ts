import { describe, expect, it } from "vitest";
import { TraktHttpError, TraktNetworkError, TraktParseError } from "../../src/errors.js";
import { DEFAULT_RETRY_POLICY, backoffDelay, retryReason, withRetry, type RetryInfo } from "../../src/trakt/retry.js";
import { fakeClock } from "./helpers/fake-clock.js";

const http = (status: number, retryAfterMs?: number) => new TraktHttpError({ status, method: "GET", url: "http://x/y", retryAfterMs });

function setup(overrides: Partial<typeof DEFAULT_RETRY_POLICY> = {}) {
  const clock = fakeClock();
  const retries: RetryInfo[] = [];
  const context = { policy: { ...DEFAULT_RETRY_POLICY, ...overrides }, now: clock.now, sleep: clock.sleep, random: () => 1, onRetry: (info: RetryInfo) => retries.push(info) };
  return { clock, retries, context };
}

describe("retryReason", () => {
  it("retries 429, 5xx, 52x, network errors and unreadable 5xx bodies, never other 4xx", () => {
    for (const status of [429, 500, 502, 503, 504, 520, 521, 522]) expect(retryReason(http(status))).toBeDefined();
    for (const status of [400, 401, 403, 404, 405, 409, 412, 420, 422, 423, 426]) expect(retryReason(http(status))).toBeUndefined();
    expect(retryReason(new TraktNetworkError({ method: "GET", url: "u", cause: new Error("reset") }))).toBe("network error");
    expect(retryReason(new TraktParseError({ status: 502, method: "GET", url: "u", detail: "html" }))).toBeDefined();
    expect(retryReason(new TraktParseError({ status: 200, method: "GET", url: "u", detail: "html" }))).toBeUndefined();
    expect(retryReason(new SyntaxError("x"))).toBeUndefined();
    expect(retryReason(http(429), [429])).toBeUndefined();
  });
});

describe("backoffDelay", () => {
  it("is full jitter under 1 s × 2^n, capped at 60 s", () => {
    expect([1, 2, 3, 4].map((n) => backoffDelay(DEFAULT_RETRY_POLICY, n, () => 1))).toEqual([1000, 2000, 4000, 8000]);
    expect(backoffDelay(DEFAULT_RETRY_POLICY, 10, () => 1)).toBe(60_000);
    expect(backoffDelay(DEFAULT_RETRY_POLICY, 3, () => 0.5)).toBe(2000);
    expect(backoffDelay(DEFAULT_RETRY_POLICY, 3, () => 0)).toBe(0);
  });
});

describe("withRetry", () => {
  it("retries until success and reports each retry", async () => {
    const { context, retries, clock } = setup();
    let calls = 0;
    const result = await withRetry(async () => {
      calls++;
      if (calls < 3) throw http(502);
      return "ok";
    }, context);
    expect(result).toBe("ok");
    expect(retries.map(({ attempt, delayMs, reason }) => ({ attempt, delayMs, reason }))).toEqual([
      { attempt: 1, delayMs: 1000, reason: "HTTP 502" },
      { attempt: 2, delayMs: 2000, reason: "HTTP 502" },
    ]);
    expect(clock.sleeps).toEqual([1000, 2000]);
  });

  it("stops after maxAttempts and throws the last error unchanged", async () => {
    const { context } = setup();
    let calls = 0;
    const last = http(503);
    await expect(
      withRetry(async () => {
        calls++;
        throw last;
      }, context),
    ).rejects.toBe(last);
    expect(calls).toBe(6);
  });

  it("never retries a 404", async () => {
    const { context } = setup();
    let calls = 0;
    await expect(
      withRetry(async () => {
        calls++;
        throw http(404);
      }, context),
    ).rejects.toThrow("GET http://x/y → 404");
    expect(calls).toBe(1);
  });

  it("uses Retry-After instead of the backoff", async () => {
    const { context, clock } = setup();
    let calls = 0;
    await withRetry(async () => {
      if (++calls === 1) throw http(429, 7000);
      return 1;
    }, context);
    expect(clock.sleeps).toEqual([7000]);
  });

  it("caps a huge Retry-After, then gives up with a clear message once the budget is spent", async () => {
    const { context, clock } = setup();
    let calls = 0;
    const error = await withRetry(async () => {
      calls++;
      throw http(429, 3 * 3_600_000);
    }, context).catch((e: unknown) => e);
    expect(calls).toBe(2);
    expect(clock.sleeps).toEqual([600_000]);
    expect(error).toBeInstanceOf(TraktHttpError);
    expect((error as TraktHttpError).status).toBe(429);
    expect((error as Error).message).toMatch(/^GET http:\/\/x\/y → 429: Trakt asks to wait 3\.0 h .*0 s left of the retry budget; try again later$/);
  });

  it("fails at once when even the capped Retry-After is more than the budget", async () => {
    const { context, clock } = setup({ maxTotalMs: 60_000 });
    let calls = 0;
    const error = await withRetry(async () => {
      calls++;
      throw http(429, 300_000);
    }, context).catch((e: unknown) => e);
    expect(calls).toBe(1);
    expect(clock.sleeps).toEqual([]);
    expect((error as Error).message).toContain("Trakt asks to wait 5 min");
  });

  it("caps a long Retry-After when the budget allows it", async () => {
    const { context, clock } = setup({ maxRetryAfterMs: 60_000 });
    let calls = 0;
    await withRetry(async () => {
      if (++calls === 1) throw http(429, 300_000);
      return 1;
    }, context);
    expect(clock.sleeps).toEqual([60_000]);
  });

  it("stops when the next backoff would pass the total time budget", async () => {
    const { context, clock } = setup({ maxTotalMs: 5000, maxAttempts: 20 });
    let calls = 0;
    await expect(
      withRetry(async () => {
        calls++;
        throw http(500);
      }, context),
    ).rejects.toThrow("→ 500");
    expect(clock.sleeps).toEqual([1000, 2000]);
    expect(calls).toBe(3);
  });
});
