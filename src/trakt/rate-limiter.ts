/**
 * The one place that decides when a request may go (octokit plugin-throttling's role).
 * - GETs stay under Trakt's budget (1000 per 5 min, TRAKT-API.md "Rate limits") on our
 *   own count, a sliding window with a small safety margin, and under what the server's
 *   `X-Ratelimit` header says is left when it says so.
 * - A 429 closes a gate shared by every request until its Retry-After has passed.
 * - OAuth calls go to another host with other limits: neither counted nor gated.
 * Every wait is reported through `onWait`; none is silent.
 */
import { parseServerBudget, type ServerBudget } from "./rate-limit-headers.js";

export interface RateLimit {
  /** GETs per period. Default 1000. */
  limit: number;
  /** Default 300 000 (5 min). */
  periodMs: number;
}

export const DEFAULT_RATE_LIMIT: Readonly<RateLimit> = { limit: 1000, periodMs: 300_000 };

/** `get` counts against the budget; `other` (API writes) only waits at the 429 gate; `oauth` neither. */
export type RequestKind = "get" | "other" | "oauth";

export type RateLimitReason = "budget" | "server-budget" | "429";

export interface RateLimiterOptions extends RateLimit {
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  onWait?: (wait: { waitMs: number; reason: RateLimitReason }) => void;
}

/** Our count keeps 2% (at least one call) below the limit: the server counts arrivals, we count departures. */
export function effectiveLimit(limit: number): number {
  return Math.max(1, limit - Math.max(1, Math.ceil(limit * 0.02)));
}

export class RateLimiter {
  readonly #options: RateLimiterOptions;
  readonly #limit: number;
  /** Start times of GETs within the last period, oldest first. */
  readonly #sent: number[] = [];
  #gateUntil = 0;
  #server: ServerBudget | undefined;
  /** Waits end at deadlines; reporting each deadline once keeps concurrent waiters from repeating it. */
  #reportedUntil = 0;
  /** Milliseconds the client was held back (wall time, not summed over waiters). */
  waitedMs = 0;

  constructor(options: RateLimiterOptions) {
    this.#options = options;
    this.#limit = effectiveLimit(options.limit);
  }

  /** Resolves when a request of `kind` may be sent, and counts it. */
  async acquire(kind: RequestKind): Promise<void> {
    if (kind === "oauth") return;
    for (;;) {
      const now = this.#options.now();
      const [until, reason] = this.#blockedUntil(kind, now);
      if (until <= now) break;
      this.#report(now, until, reason);
      await this.#options.sleep(until - now);
    }
    if (kind === "get") {
      this.#sent.push(this.#options.now());
      if (this.#server) this.#server.remaining -= 1;
    }
  }

  /** A 429 answered: hold every request until `waitMs` from now. */
  pause(waitMs: number): void {
    const now = this.#options.now();
    const until = now + waitMs;
    if (until <= this.#gateUntil) return;
    this.#gateUntil = until;
    this.#report(now, until, "429");
  }

  /** Takes in the server's view of the GET budget from a response to a GET. */
  observe(kind: RequestKind, headers: Headers): void {
    if (kind !== "get") return;
    const budget = parseServerBudget(headers, this.#options.now());
    if (budget) this.#server = budget;
  }

  #blockedUntil(kind: RequestKind, now: number): [number, RateLimitReason] {
    let result: [number, RateLimitReason] = [this.#gateUntil, "429"];
    if (kind !== "get") return result;
    const windowStart = now - this.#options.periodMs;
    while (this.#sent.length > 0 && (this.#sent[0] as number) <= windowStart) this.#sent.shift();
    if (this.#sent.length >= this.#limit) {
      const freedAt = (this.#sent[this.#sent.length - this.#limit] as number) + this.#options.periodMs;
      if (freedAt > result[0]) result = [freedAt, "budget"];
    }
    if (this.#server && this.#server.resetAt <= now) this.#server = undefined;
    if (this.#server && this.#server.remaining <= 0 && this.#server.resetAt > result[0]) result = [this.#server.resetAt, "server-budget"];
    return result;
  }

  #report(now: number, until: number, reason: RateLimitReason): void {
    if (until <= this.#reportedUntil) return;
    const waitMs = until - Math.max(now, this.#reportedUntil);
    this.#reportedUntil = until;
    this.waitedMs += waitMs;
    this.#options.onWait?.({ waitMs: until - now, reason });
  }
}
