/**
 * The tool's error family. Every failure the user can cause or meet is one of these;
 * the CLI maps them to exit codes in one place (src/cli/exit-code.ts). Messages name
 * what failed and what to do, and never contain a secret.
 */
export class TraktLetterboxdError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Bad settings: unreadable config.toml, bad time zone, missing client id. */
export class ConfigError extends TraktLetterboxdError {}

/** Bad command-line usage that commander itself does not catch. */
export class UsageError extends TraktLetterboxdError {}

/** Not logged in, login refused or expired, token could not be refreshed. */
export class AuthError extends TraktLetterboxdError {
  readonly reason: AuthErrorReason;
  constructor(reason: AuthErrorReason, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.reason = reason;
  }
}

export type AuthErrorReason =
  | "not-logged-in"
  | "refresh-failed"
  | "unauthorized"
  | "denied"
  | "expired"
  | "invalid-code"
  | "code-used";

/** Trakt answered with an HTTP error status. */
export class TraktHttpError extends TraktLetterboxdError {
  readonly status: number;
  readonly method: string;
  readonly url: string;
  /** Milliseconds Trakt asked us to wait (Retry-After), when it said. */
  readonly retryAfterMs: number | undefined;
  /** Parsed JSON body, or a short text snippet of a non-JSON one. */
  readonly body: unknown;
  constructor(init: { status: number; method: string; url: string; retryAfterMs?: number; body?: unknown; hint?: string }) {
    super(`${init.method} ${init.url} → ${init.status}${init.hint ? `: ${init.hint}` : ""}`);
    this.status = init.status;
    this.method = init.method;
    this.url = init.url;
    this.retryAfterMs = init.retryAfterMs;
    this.body = init.body;
  }
}

/** The request never got an HTTP answer (refused, reset, DNS, timeout, truncated body). */
export class TraktNetworkError extends TraktLetterboxdError {
  readonly method: string;
  readonly url: string;
  constructor(init: { method: string; url: string; cause: unknown; detail?: string }) {
    const detail = init.detail ?? (init.cause instanceof Error ? init.cause.message : String(init.cause));
    super(`${init.method} ${init.url} failed: ${detail}`, { cause: init.cause });
    this.method = init.method;
    this.url = init.url;
  }
}

/**
 * Trakt answered with a body that is not the JSON we expect: not JSON at all (e.g.
 * Cloudflare HTML; `shape` false), or JSON of a shape this version does not know (`shape`
 * true: trying again will not help).
 */
export class TraktParseError extends TraktLetterboxdError {
  readonly status: number;
  readonly method: string;
  readonly url: string;
  readonly shape: boolean;
  constructor(init: { status: number; method: string; url: string; detail: string; shape?: boolean }) {
    super(`${init.method} ${init.url} → ${init.status}: ${init.detail}`);
    this.status = init.status;
    this.method = init.method;
    this.url = init.url;
    this.shape = init.shape === true;
  }
}

/** `verify` found that Letterboxd lacks part of the Trakt library (exit 4); the report says what. */
export class DifferencesFoundError extends TraktLetterboxdError {}

/** Writing output failed (disk full, permission denied). */
export class OutputError extends TraktLetterboxdError {}

/** The local store cannot be used (newer schema, another account's library, corrupt file). */
export class StoreError extends TraktLetterboxdError {}

/** Another export or backup from the same data folder is running (this process or another). */
export class ExportBusyError extends TraktLetterboxdError {}

/** The user pressed Ctrl+C (SIGINT): the run stopped between two steps, keeping what it had stored (exit 130). */
export class InterruptedError extends TraktLetterboxdError {}
