/**
 * Reading Trakt's rate-limit headers. Trakt sends `Retry-After` (seconds) on a 429 and
 * a JSON `X-Ratelimit` header (`{"name":"AUTHED_API_GET_LIMIT","period":300,"limit":1000,
 * "remaining":0,"until":"2026-10-10T00:24:00Z"}`); old docs speak of
 * `X-Ratelimit-Remaining`/`X-Ratelimit-Reset`, accepted when present
 * (see /work/shared/TRAKT-API.md "Rate limits").
 */

/** What the server says is left of the current window, and when it resets (epoch ms). */
export interface ServerBudget {
  remaining: number;
  resetAt: number;
}

/**
 * `Retry-After` as milliseconds from `nowMs`: either delta-seconds or an HTTP date
 * (RFC 9110 §10.2.3). Undefined when absent or unparseable; never negative.
 */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | undefined {
  if (value == null) return undefined;
  const text = value.trim();
  if (text === "") return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.ceil(Number(text) * 1000);
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - nowMs);
}

/** The server's view of the budget, from `X-Ratelimit` (JSON) or the legacy pair. */
export function parseServerBudget(headers: Headers, nowMs: number): ServerBudget | undefined {
  const json = headers.get("x-ratelimit");
  if (json) {
    try {
      const parsed: unknown = JSON.parse(json);
      if (typeof parsed === "object" && parsed !== null) {
        const { remaining, until } = parsed as { remaining?: unknown; until?: unknown };
        const resetAt = typeof until === "string" ? Date.parse(until) : NaN;
        if (typeof remaining === "number" && !Number.isNaN(resetAt)) return { remaining, resetAt };
      }
    } catch {
      // A malformed header is ignored: our own budget still applies.
    }
  }
  const remaining = headers.get("x-ratelimit-remaining");
  const reset = headers.get("x-ratelimit-reset");
  if (remaining !== null && reset !== null && /^\d+$/.test(remaining.trim()) && /^\d+$/.test(reset.trim())) {
    const value = Number(reset);
    // The legacy header is epoch seconds in some docs and seconds-from-now in others.
    const resetAt = value > 1_000_000_000 ? value * 1000 : nowMs + value * 1000;
    return { remaining: Number(remaining), resetAt };
  }
  return undefined;
}

/** How long a 429 asks us to wait: `Retry-After`, else the server budget's reset. */
export function retryAfterFromHeaders(headers: Headers, nowMs: number, status: number): number | undefined {
  const retryAfter = parseRetryAfter(headers.get("retry-after"), nowMs);
  if (retryAfter !== undefined || status !== 429) return retryAfter;
  const budget = parseServerBudget(headers, nowMs);
  return budget ? Math.max(0, budget.resetAt - nowMs) : undefined;
}
