/**
 * The one retry loop. Trakt says to retry 429, 5xx, 52x and network errors with backoff
 * and never other 4xx (TRAKT-API.md "Status codes"). Backoff is exponential with full
 * jitter (AWS architecture blog, "Exponential Backoff And Jitter"); a Retry-After, when
 * given, replaces the backoff for that attempt.
 */
import { TraktHttpError, TraktNetworkError, TraktParseError } from "../errors.js";

export interface RetryPolicy {
  /** Attempts in all, the first included. Default 6. */
  maxAttempts: number;
  /** Backoff before the first retry. Default 1000 ms. */
  baseDelayMs: number;
  /** Backoff growth per attempt. Default 2. */
  factor: number;
  /** Largest backoff. Default 60 s. */
  maxDelayMs: number;
  /** Time budget from the first attempt; a retry that would end past it is not made. Default 10 min. */
  maxTotalMs: number;
  /** Largest Retry-After honoured; bigger ones are cut to this. Default 10 min. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: Readonly<RetryPolicy> = {
  maxAttempts: 6,
  baseDelayMs: 1000,
  factor: 2,
  maxDelayMs: 60_000,
  maxTotalMs: 10 * 60_000,
  maxRetryAfterMs: 10 * 60_000,
};

export interface RetryInfo {
  /** The attempt that failed, 1-based. */
  attempt: number;
  delayMs: number;
  reason: string;
  error: unknown;
}

export interface RetryContext {
  policy: RetryPolicy;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  /** Statuses that are not retried even though they usually are (e.g. 429 while polling a device code). */
  noRetryStatuses?: readonly number[];
  /** Retry only what Trakt refused unprocessed (429), for a request that must not take effect twice. */
  onlyRefused?: boolean;
  /** Called before each wait; the place to report and to share a 429 pause. */
  onRetry?: (info: RetryInfo) => void;
}

function isRetryableStatus(status: number): boolean {
  return status === 429 || status >= 500;
}

/** Why `error` is worth another attempt, or undefined when it is not. */
export function retryReason(error: unknown, noRetryStatuses: readonly number[] = []): string | undefined {
  if (error instanceof TraktHttpError || error instanceof TraktParseError) {
    if (noRetryStatuses.includes(error.status) || !isRetryableStatus(error.status)) return undefined;
    return error instanceof TraktParseError ? `unreadable ${error.status} response` : `HTTP ${error.status}`;
  }
  if (error instanceof TraktNetworkError) return "network error";
  return undefined;
}

/** Full jitter: a random delay between 0 and the exponential cap for this attempt. */
export function backoffDelay(policy: RetryPolicy, attempt: number, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * policy.factor ** (attempt - 1));
  return Math.round(random() * ceiling);
}

function formatDuration(ms: number): string {
  if (ms < 120_000) return `${Math.ceil(ms / 1000)} s`;
  if (ms < 2 * 3_600_000) return `${Math.ceil(ms / 60_000)} min`;
  return `${(ms / 3_600_000).toFixed(1)} h`;
}

/** Runs `attempt` until it succeeds, fails for good, or the policy's attempts or time run out. */
export async function withRetry<T>(run: (attempt: number) => Promise<T>, context: RetryContext): Promise<T> {
  const { policy } = context;
  const started = context.now();
  for (let attempt = 1; ; attempt++) {
    try {
      return await run(attempt);
    } catch (error) {
      const reason = retryReason(error, context.noRetryStatuses);
      if (reason === undefined || attempt >= policy.maxAttempts) throw error;
      if (context.onlyRefused && !(error instanceof TraktHttpError && error.status === 429)) throw error;
      const retryAfterMs = error instanceof TraktHttpError ? error.retryAfterMs : undefined;
      const delayMs =
        retryAfterMs !== undefined ? Math.min(retryAfterMs, policy.maxRetryAfterMs) : backoffDelay(policy, attempt, context.random);
      const left = policy.maxTotalMs - (context.now() - started);
      if (delayMs > left) {
        // Sleeping for hours on a Cloudflare Retry-After helps nobody: say so and stop.
        if (retryAfterMs !== undefined && error instanceof TraktHttpError) {
          throw new TraktHttpError({
            status: error.status,
            method: error.method,
            url: error.url,
            retryAfterMs,
            body: error.body,
            hint: `Trakt asks to wait ${formatDuration(retryAfterMs)} before the next request, longer than the ${formatDuration(Math.max(0, left))} left of the retry budget; try again later`,
          });
        }
        throw error;
      }
      context.onRetry?.({ attempt, delayMs, reason, error });
      await context.sleep(delayMs);
    }
  }
}
