import type { SandboxLibrary } from "./library-types.js";

export interface SandboxOptions {
  /** Default: sampleLibrary(). */
  library?: SandboxLibrary;
  /** Default 0 (an ephemeral port on 127.0.0.1). */
  port?: number;
  /** Default "sandbox-client-id". */
  clientId?: string;
  /** Default "sandbox-client-secret". */
  clientSecret?: string;
  /** Milliseconds since the epoch; default Date.now. Drives token expiry, rate windows and device-code expiry. */
  now?: () => number;
  /** Default 7 days. */
  accessTokenTtlSeconds?: number;
  /** Added to every response; default 0. */
  latencyMs?: number;
  /** GET budget per access token (authed) or per client id; default {limit: 1000, periodSeconds: 300}. */
  rateLimit?: { limit: number; periodSeconds: number } | false;
  deviceFlow?: {
    /** Seconds between polls; default 5. Polling faster gets 429. */
    interval?: number;
    /** Seconds; default 600. */
    expiresIn?: number;
    /** Answer "pending" to this many polls, then approve (0 = the first poll gets the token). Default: wait for approveDevice(). */
    autoApproveAfterPolls?: number;
  };
}

export interface LoggedRequest {
  method: string;
  /** Path without the query string. */
  path: string;
  /** The query string as an object; token- and secret-like keys are left out. */
  query: Record<string, string>;
  /** 0 when the sandbox gave no HTTP answer (reset, truncate) or has not answered yet. */
  status: number;
  /** Whether the request carried an `Authorization: Bearer …` header. */
  authed: boolean;
}

export type Fault =
  | { kind: "status"; status: number; body?: unknown; headers?: Record<string, string> }
  | { kind: "html"; status: number; retryAfter?: string }
  | { kind: "reset" }
  | { kind: "truncate" }
  | { kind: "latency"; ms: number };

export interface FaultRule {
  fault: Fault;
  /** Any method when absent. */
  method?: string;
  /** A string matches the pathname exactly; a RegExp is tested on it. Any path when absent. */
  path?: string | RegExp;
  /** Default 1; Infinity allowed. */
  times?: number;
}

export interface TraktToken {
  access_token: string;
  token_type: "bearer";
  expires_in: number;
  refresh_token: string;
  scope: "public";
  created_at: number;
}

export interface SandboxServer {
  /** "http://127.0.0.1:PORT": serves the API and the OAuth paths (/oauth/...). */
  readonly url: string;
  /** Every request, in arrival order. */
  readonly requests: LoggedRequest[];
  readonly clientId: string;
  readonly clientSecret: string;
  injectFault(rule: FaultRule): void;
  clearFaults(): void;
  approveDevice(userCode: string): void;
  denyDevice(userCode: string): void;
  /** The user_code of the most recent device code issued (tests and demo approve it). */
  lastUserCode(): string | undefined;
  /** Issue a token directly (as if the user had logged in); for the library's first user unless a username is given. */
  issueToken(username?: string): TraktToken;
  /** Make every access token issued so far expired (refresh tokens stay valid). */
  expireAccessTokens(): void;
  /**
   * Change the served library in place (new plays, a changed rating, a removed play…) and
   * re-index it. Keep user objects (tokens point at them) and keep Trakt's orders (history,
   * ratings and reviews newest first, watchlist by rank); `last_activities` is not derived
   * again, so move the stamps the change would move on Trakt.
   */
  mutate(change: (library: SandboxLibrary) => void): void;
  close(): Promise<void>;
}
