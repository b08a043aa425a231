import { describe, expect, it } from "vitest";
import { RateLimiter, effectiveLimit, type RateLimitReason } from "../../src/trakt/rate-limiter.js";
import { fakeClock } from "./helpers/fake-clock.js";

function setup(limit = 10, periodMs = 60_000) {
  const clock = fakeClock();
  const waits: { waitMs: number; reason: RateLimitReason }[] = [];
  const limiter = new RateLimiter({ limit, periodMs, now: clock.now, sleep: clock.sleep, onWait: (wait) => waits.push(wait) });
  return { clock, waits, limiter };
}

describe("RateLimiter", () => {
  it("keeps a safety margin under the limit", () => {
    expect(effectiveLimit(1000)).toBe(980);
    expect(effectiveLimit(10)).toBe(9);
    expect(effectiveLimit(1)).toBe(1);
  });

  it("lets GETs go until the budget is used, then waits for the window and reports it", async () => {
    const { clock, waits, limiter } = setup(10, 60_000);
    const start = clock.now();
    for (let i = 0; i < 9; i++) await limiter.acquire("get");
    expect(clock.now()).toBe(start);
    await limiter.acquire("get");
    expect(clock.now()).toBe(start + 60_000);
    expect(waits).toEqual([{ waitMs: 60_000, reason: "budget" }]);
    expect(limiter.waitedMs).toBe(60_000);
  });

  it("counts neither OAuth calls nor writes against the GET budget", async () => {
    const { clock, limiter } = setup(2, 60_000);
    for (let i = 0; i < 50; i++) await limiter.acquire("oauth");
    for (let i = 0; i < 50; i++) await limiter.acquire("other");
    await limiter.acquire("get");
    expect(clock.sleeps).toEqual([]);
  });

  it("holds every request at the 429 gate, reporting the pause once", async () => {
    const { clock, waits, limiter } = setup();
    const start = clock.now();
    limiter.pause(5000);
    await Promise.all([limiter.acquire("get"), limiter.acquire("get"), limiter.acquire("other")]);
    expect(clock.now()).toBeGreaterThanOrEqual(start + 5000);
    expect(waits).toEqual([{ waitMs: 5000, reason: "429" }]);
    await limiter.acquire("oauth");
  });

  it("honours the server's X-Ratelimit remaining/until", async () => {
    const { clock, waits, limiter } = setup(1000, 300_000);
    const until = new Date(clock.now() + 42_000).toISOString();
    limiter.observe("get", new Headers({ "x-ratelimit": JSON.stringify({ remaining: 1, until }) }));
    await limiter.acquire("get");
    expect(waits).toEqual([]);
    await limiter.acquire("get");
    expect(waits).toEqual([{ waitMs: 42_000, reason: "server-budget" }]);
  });
});
