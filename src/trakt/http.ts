/**
 * One HTTP exchange with Trakt: send, read the whole body, parse JSON, and turn every
 * failure into the typed error family. No retries, no rate limiting: see retry.ts and
 * rate-limiter.ts. Messages name the call and never contain a secret.
 */
import { TraktHttpError, TraktNetworkError, TraktParseError } from "../errors.js";
import { retryAfterFromHeaders } from "./rate-limit-headers.js";

export type HttpMethod = "GET" | "POST" | "PUT" | "DELETE";

export interface HttpRequest {
  method: HttpMethod;
  url: URL;
  headers: Record<string, string>;
  /** Sent as JSON. */
  body?: unknown;
  /** Strings to scrub from anything that ends up in an error (tokens, client secret). */
  secrets: readonly string[];
  /**
   * "bytes": a 2xx body is kept as read and parsed later (`bodyOf`). A page fetched ahead
   * then waits as one buffer outside the JS heap, not as thousands of objects that outlive
   * a young-generation collection and fill the old one. Default "json".
   */
  readAs?: "json" | "bytes";
}

export interface HttpResponse {
  status: number;
  headers: Headers;
  /** Parsed JSON, undefined for an empty body; for a non-JSON error body, its short hint. */
  body: unknown;
  /** Set when an error body was not JSON (a Cloudflare page). */
  nonJsonHint?: string;
  /** A 2xx body of a `readAs: "bytes"` request, not parsed yet: `body` is then undefined. */
  bytes?: ArrayBuffer;
}

export interface HttpContext {
  fetch: typeof fetch;
  now: () => number;
  timeoutMs: number;
}

const REDACTED = "[redacted]";

export function scrub(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of secrets) if (secret.length >= 4) result = result.split(secret).join(REDACTED);
  return result;
}

/** A short, single-line, secret-free hint from a body that is not the JSON we expected. */
function textHint(text: string, secrets: readonly string[]): string {
  const clean = scrub(text, secrets);
  const title = /<title[^>]*>([^<]*)<\/title>/i.exec(clean)?.[1]?.trim();
  const looksHtml = /^\s*</.test(clean);
  const snippet = (title || clean.replace(/<[^>]*>/g, " ")).replace(/\s+/g, " ").trim().slice(0, 120);
  const kind = looksHtml ? "an HTML page (Cloudflare?)" : "a non-JSON body";
  return snippet ? `${kind}: "${snippet}"` : kind;
}

function jsonErrorHint(body: unknown): string | undefined {
  if (typeof body !== "object" || body === null) return undefined;
  const fields = body as Record<string, unknown>;
  for (const key of ["error_description", "error", "message"]) {
    const value = fields[key];
    if (typeof value === "string" && value.trim() !== "") return value.trim().slice(0, 200);
  }
  return undefined;
}

/**
 * Performs one request and resolves with its parsed body, whatever the status (`assertOk`
 * turns non-2xx into TraktHttpError). A 2xx body that is not JSON is a TraktParseError;
 * a non-JSON error body becomes a short hint. No answer at all is a TraktNetworkError.
 */
export async function sendRequest(context: HttpContext, request: HttpRequest): Promise<HttpResponse> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), context.timeoutMs);
  timer.unref?.();
  const networkError = (cause: unknown, what: string) => {
    const detail = controller.signal.aborted
      ? `no answer within ${Math.round(context.timeoutMs / 1000)} s`
      : `${what}: ${cause instanceof Error ? describeCause(cause) : String(cause)}`;
    return new TraktNetworkError({ method: request.method, url: request.url.href, cause, detail: scrub(detail, request.secrets) });
  };
  try {
    let response: Response;
    try {
      response = await context.fetch(request.url, {
        method: request.method,
        headers: request.headers,
        body: request.body === undefined ? undefined : JSON.stringify(request.body),
        signal: controller.signal,
      });
    } catch (cause) {
      throw networkError(cause, "no response");
    }
    const { status, headers } = response;
    const ok = status >= 200 && status < 300;
    let text: string;
    try {
      if (ok && request.readAs === "bytes") return { status, headers, body: undefined, bytes: await response.arrayBuffer() };
      text = await response.text();
    } catch (cause) {
      throw networkError(cause, "response body cut off");
    }
    if (ok) return { status, headers, body: okJson(request, status, text) };
    if (text.trim() === "") return { status, headers, body: undefined };
    try {
      // Error bodies are scrubbed before parsing: they end up in TraktHttpError.body.
      return { status, headers, body: JSON.parse(scrub(text, request.secrets)) };
    } catch {
      const hint = textHint(text, request.secrets);
      return { status, headers, body: hint, nonJsonHint: hint };
    }
  } finally {
    clearTimeout(timer);
  }
}

/**
 * A response's parsed body: as sendRequest parsed it, or, for a `readAs: "bytes"` request,
 * parsed now, which only its one reader may do: the bytes are let go as they are parsed.
 * Their buffer is handed to a throwaway clone, so its memory goes at the next
 * young-generation collection; the buffer object itself has usually outlived one while its
 * page waited and would hold ~100 KB outside the heap until a full collection (16 MB by
 * the end of a 100K-play history). The parsed body is not kept either: that measured
 * 20–40 MB more at the peak of a 100K-play export.
 */
export function bodyOf(request: HttpRequest, response: HttpResponse): unknown {
  const { bytes } = response;
  if (bytes === undefined) return response.body;
  try {
    return okJson(request, response.status, utf8.decode(bytes));
  } finally {
    structuredClone(bytes, { transfer: [bytes] });
  }
}

const utf8 = new TextDecoder();

/** A 2xx body: undefined when empty; not JSON is a TraktParseError. */
function okJson(request: HttpRequest, status: number, text: string): unknown {
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new TraktParseError({ status, method: request.method, url: request.url.href, detail: `expected JSON, got ${textHint(text, request.secrets)}` });
  }
}

/** Throws TraktHttpError for a non-2xx response. */
export function assertOk(context: Pick<HttpContext, "now">, request: HttpRequest, response: HttpResponse): void {
  if (response.status >= 200 && response.status < 300) return;
  // Status meanings ("403: app not approved") are the CLI's to phrase; here only what Trakt
  // said, from a body sendRequest already scrubbed.
  const detail = response.nonJsonHint ?? jsonErrorHint(response.body);
  throw new TraktHttpError({
    status: response.status,
    method: request.method,
    url: request.url.href,
    retryAfterMs: retryAfterFromHeaders(response.headers, context.now(), response.status),
    body: response.body,
    hint: detail,
  });
}

/** undici hides the useful part ("ECONNREFUSED", "other side closed") in `cause`. */
function describeCause(error: Error): string {
  const inner = error.cause;
  if (inner instanceof Error) {
    const code = (inner as { code?: unknown }).code;
    return `${error.message} (${typeof code === "string" ? `${code}: ` : ""}${inner.message})`;
  }
  return error.message;
}
