import type { Reply } from "./router.js";

export interface RateLimitConfig {
  limit: number;
  periodSeconds: number;
}

interface Window {
  start: number;
  count: number;
}

/**
 * Trakt's GET budget: a fixed window per access token (authed) or per client id.
 * Every answer carries the JSON `X-Ratelimit` header; over the budget the answer is
 * a 429 with `Retry-After` in whole seconds until the window ends.
 */
export class RateLimiter {
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly config: RateLimitConfig | false,
    private readonly now: () => number,
  ) {}

  /** Counts one GET; returns the headers for its answer and, when over budget, the 429 to send instead. */
  take(key: string, authed: boolean): { headers: Record<string, string>; rejection?: Reply } {
    if (!this.config) return { headers: {} };
    const { limit, periodSeconds } = this.config;
    const now = this.now();
    let window = this.windows.get(key);
    if (!window || now >= window.start + periodSeconds * 1000) {
      window = { start: now, count: 0 };
      this.windows.set(key, window);
    }
    const until = window.start + periodSeconds * 1000;
    const over = window.count >= limit;
    if (!over) window.count += 1;
    const header = JSON.stringify({
      name: authed ? "AUTHED_API_GET_LIMIT" : "UNAUTHED_API_GET_LIMIT",
      period: periodSeconds,
      limit,
      remaining: limit - window.count,
      until: new Date(until).toISOString(),
    });
    const headers = { "X-Ratelimit": header };
    if (!over) return { headers };
    const retryAfter = String(Math.max(1, Math.ceil((until - now) / 1000)));
    return {
      headers,
      rejection: {
        status: 429,
        headers: { ...headers, "Retry-After": retryAfter },
        body: { error: "rate_limit_exceeded", error_description: `Rate limit exceeded, retry in ${retryAfter} seconds` },
      },
    };
  }
}
