/**
 * The Trakt client: composes one-request HTTP (http.ts), the rate limiter, the retry
 * loop, pagination and the auth session. Every endpoint goes through `request`.
 */
import PQueue from "p-queue";
import { z } from "zod";
import { AuthError, ConfigError, TraktHttpError, TraktParseError } from "../errors.js";
import type { AuthSession } from "./auth-session.js";
import { assertOk, bodyOf, sendRequest, type HttpMethod, type HttpRequest, type HttpResponse } from "./http.js";
import { PAGE_LIMIT, paginate, parsePaginationHeaders, type Page } from "./paginate.js";
import { DEFAULT_RATE_LIMIT, RateLimiter, type RateLimit, type RateLimitReason, type RequestKind } from "./rate-limiter.js";
import { DEFAULT_RETRY_POLICY, withRetry, type RetryPolicy } from "./retry.js";

export type ClientEvent =
  | { type: "rate-limited"; waitMs: number; reason: RateLimitReason }
  | { type: "retry"; attempt: number; delayMs: number; reason: string; method: string; url: string }
  | { type: "token-refreshed"; expiresAt: number };

export interface TraktClientOptions {
  /** The Trakt app's client id, sent as `trakt-api-key`. */
  clientId: string;
  /** Needed for OAuth calls only. Never put in a message. */
  clientSecret?: string;
  /** e.g. `https://api.trakt.tv`. */
  apiUrl: string;
  /** e.g. `https://auth.trakt.tv`. */
  authUrl: string;
  /** e.g. `trakt-letterboxd/0.1.0 (+https://github.com/…)`; without one Cloudflare answers 403. */
  userAgent: string;
  /** Default `globalThis.fetch`. */
  fetch?: typeof fetch;
  /** Epoch milliseconds. Default `Date.now`. */
  now?: () => number;
  /** Default a real timer. */
  sleep?: (ms: number) => Promise<void>;
  /** Default `Math.random` (backoff jitter). */
  random?: () => number;
  /** Gives authenticated calls their token; without it, `auth: true` calls fail with AuthError("not-logged-in"). */
  session?: AuthSession;
  /** Requests in flight at once, across all callers and pages. Default 4. */
  concurrency?: number;
  /** Default DEFAULT_RETRY_POLICY (6 attempts, 1 s × 2ⁿ full jitter up to 60 s, 10 min budget). */
  retry?: Partial<RetryPolicy>;
  /** GET budget. Default 1000 per 300 000 ms. */
  rateLimit?: RateLimit;
  /** Rate-limit waits, retries and token refreshes, for progress output. */
  onEvent?: (event: ClientEvent) => void;
  /** Per attempt, headers and body included. Default 60 000. */
  requestTimeoutMs?: number;
}

export type QueryValue = string | number | boolean | undefined;
export type Query = Record<string, QueryValue>;

export interface RequestSpec<T> {
  /** Default GET. */
  method?: HttpMethod;
  /** Starts with `/`; query goes in `query`. */
  path: string;
  query?: Query;
  body?: Record<string, unknown>;
  /** Validates a 2xx body; a mismatch is a TraktParseError naming the call and the first issue. */
  schema: z.ZodType<T>;
  /** Send `Authorization: Bearer`, refreshing as needed. Default false. */
  auth?: boolean;
  /** Default "api". OAuth calls use "auth": another host, not rate-limited by us. */
  host?: "api" | "auth";
  /** Add `client_id` (and with "secret", `client_secret`) to the body. */
  clientCredentials?: "id" | "secret";
  /** Statuses not retried here although usually retried (the device poll's 429 means "slow down"). */
  noRetryStatuses?: readonly number[];
  /** Never sent twice: retried only when Trakt refused it unprocessed (429); a lost answer is final. */
  sendOnce?: boolean;
  /** "bytes": the body waits unparsed until read (see HttpRequest.readAs). Default "json". */
  readAs?: "json" | "bytes";
}

export interface TraktResponse<T> {
  status: number;
  headers: Headers;
  data: T;
}

export interface ClientStats {
  /** HTTP attempts sent. */
  requests: number;
  retries: number;
  /** Time the client was held back by the rate limiter. */
  rateLimitedMs: number;
  /** Items of paged answers that failed their schema and were left out, per kind (see PaginateCallOptions.kind). */
  skipped: ReadonlyMap<string, SkippedItems>;
}

/** Items left out of one kind's pages: how many, and what was wrong with the first. */
export interface SkippedItems {
  count: number;
  /** The first failing field, e.g. `movie: expected object, received null`. */
  reason: string;
}

export interface TraktClient {
  readonly clientId: string;
  readonly apiUrl: string;
  readonly authUrl: string;
  readonly session: AuthSession | undefined;
  readonly now: () => number;
  readonly sleep: (ms: number) => Promise<void>;
  readonly stats: Readonly<ClientStats>;
  request<T>(spec: RequestSpec<T>): Promise<TraktResponse<T>>;
  get<T>(path: string, schema: z.ZodType<T>, options?: { query?: Query; auth?: boolean }): Promise<T>;
  post<T>(path: string, body: Record<string, unknown>, schema: z.ZodType<T>, options?: Omit<RequestSpec<T>, "path" | "body" | "schema" | "method">): Promise<T>;
  /**
   * Pages of `limit=250`, page 1 first, the rest fetched ahead under the shared concurrency
   * (or `lookahead` pages ahead: 1 pages strictly one at a time, so an early stop costs nothing).
   */
  paginate<T>(path: string, itemSchema: z.ZodType<T>, options?: PaginateCallOptions<T>): AsyncGenerator<Page<T>, void, undefined>;
  /** For collaborators (the auth session) to report through the same callback. */
  emit(event: ClientEvent): void;
}

export interface PaginateCallOptions<T> {
  query?: Query;
  auth?: boolean;
  /** What the items are ("history", "ratings"…), for the skipped counts; default the path. */
  kind?: string;
  onPage?: (page: Page<T>) => void;
  /** Pages fetched ahead of the one consumed; default the client's concurrency. */
  lookahead?: number | (() => number);
}

/** Body fields whose values are secrets, scrubbed from any error text. */
const SECRET_FIELDS = ["client_secret", "code", "refresh_token", "access_token", "token"];

function sleepFor(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function buildUrl(base: string, path: string, query: Query = {}): URL {
  const url = new URL(base.replace(/\/+$/, "") + path);
  for (const [key, value] of Object.entries(query)) if (value !== undefined) url.searchParams.set(key, String(value));
  return url;
}

const ANY_ARRAY = z.array(z.unknown());

/** Times one call may find its token retired and try again with a newer one. */
const MAX_TOKEN_RETRIES = 3;

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return "invalid";
  const path = issue.path.map((part) => (typeof part === "number" ? `[${part}]` : `.${String(part)}`)).join("").replace(/^\./, "");
  return `${path || "body"}: ${issue.message}`;
}

export function createTraktClient(options: TraktClientOptions): TraktClient {
  const fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? sleepFor;
  const random = options.random ?? Math.random;
  const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
  const queue = new PQueue({ concurrency: options.concurrency ?? 4 });
  const http = { fetch: fetchImpl, now, timeoutMs: options.requestTimeoutMs ?? 60_000 };
  const emit = (event: ClientEvent) => options.onEvent?.(event);
  const limiter = new RateLimiter({
    ...(options.rateLimit ?? DEFAULT_RATE_LIMIT),
    now,
    sleep,
    onWait: ({ waitMs, reason }) => emit({ type: "rate-limited", waitMs, reason }),
  });
  const counters = { requests: 0, retries: 0 };
  const skipped = new Map<string, SkippedItems>();
  const stats: ClientStats = {
    get requests() {
      return counters.requests;
    },
    get retries() {
      return counters.retries;
    },
    get rateLimitedMs() {
      return limiter.waitedMs;
    },
    skipped,
  };

  /** One logical call with a fixed access token: queue, rate limiter, retries. */
  async function send<T>(spec: RequestSpec<T>, accessToken: string | undefined): Promise<HttpResponse & { request: HttpRequest }> {
    const method = spec.method ?? "GET";
    const host = spec.host ?? "api";
    const kind: RequestKind = host === "auth" ? "oauth" : method === "GET" ? "get" : "other";
    let body = spec.body;
    if (spec.clientCredentials) {
      body = { ...body, client_id: options.clientId };
      if (spec.clientCredentials === "secret") {
        if (!options.clientSecret) throw new ConfigError("Logging in to Trakt needs the app's client secret (TRAKT_CLIENT_SECRET).");
        body.client_secret = options.clientSecret;
      }
    }
    const secrets = [options.clientSecret, accessToken, ...SECRET_FIELDS.map((field) => body?.[field])].filter((s): s is string => typeof s === "string");
    const request: HttpRequest = {
      method,
      url: buildUrl(host === "auth" ? options.authUrl : options.apiUrl, spec.path, spec.query),
      headers: {
        "Content-Type": "application/json",
        "trakt-api-key": options.clientId,
        "trakt-api-version": "2",
        "User-Agent": options.userAgent,
        ...(accessToken ? { Authorization: `Bearer ${accessToken}` } : {}),
      },
      body,
      secrets,
      readAs: spec.readAs,
    };
    return withRetry(
      () =>
        queue.add(async () => {
          await limiter.acquire(kind);
          counters.requests++;
          const response = await sendRequest(http, request);
          limiter.observe(kind, response.headers);
          assertOk(http, request, response);
          return { ...response, request };
        }),
      {
        policy,
        now,
        sleep,
        random,
        noRetryStatuses: spec.noRetryStatuses,
        onlyRefused: spec.sendOnce,
        onRetry: ({ attempt, delayMs, reason, error }) => {
          counters.retries++;
          if (kind !== "oauth" && error instanceof TraktHttpError && error.status === 429) limiter.pause(delayMs);
          emit({ type: "retry", attempt, delayMs, reason, method, url: request.url.href });
        },
      },
    );
  }

  /**
   * An authenticated call. A 401 means the token was retired: refreshed by this run's other
   * requests or another process meanwhile (then the current token is used), or expired
   * early (then refreshed once). Bounded, so a login Trakt keeps refusing ends the run.
   */
  async function sendAuthed<T>(spec: RequestSpec<T>) {
    const session = options.session;
    if (!session) throw new AuthError("not-logged-in", "Not logged in to Trakt: run `trakt-letterboxd auth` first.");
    let token = await session.accessToken(client);
    for (let attempt = 1; ; attempt++) {
      try {
        return await send(spec, token);
      } catch (error) {
        if (!(error instanceof TraktHttpError && error.status === 401)) throw error;
        if (attempt > MAX_TOKEN_RETRIES) {
          throw new AuthError("unauthorized", `Trakt rejects the login even after a token refresh (${error.message}); run \`trakt-letterboxd auth\` again.`, { cause: error });
        }
      }
      token = await session.refreshAfterRejection(client, token);
    }
  }

  /** The call, sent now; its body is parsed and checked by `read` (at once unless `readAs: "bytes"`, then by its one caller: see bodyOf). */
  async function exchange<T>(spec: RequestSpec<T>): Promise<{ status: number; headers: Headers; read: () => T }> {
    const response = spec.auth ? await sendAuthed(spec) : await send(spec, undefined);
    const read = () => {
      const parsed = spec.schema.safeParse(bodyOf(response.request, response));
      if (!parsed.success) {
        const { method, url } = response.request;
        throw new TraktParseError({ status: response.status, method, url: url.href, detail: `unexpected response: ${firstIssue(parsed.error)}`, shape: true });
      }
      return parsed.data;
    };
    return { status: response.status, headers: response.headers, read };
  }

  async function request<T>(spec: RequestSpec<T>): Promise<TraktResponse<T>> {
    const { status, headers, read } = await exchange(spec);
    return { status, headers, data: read() };
  }

  function skip(kind: string, reason: string): void {
    const known = skipped.get(kind);
    if (known) known.count++;
    else skipped.set(kind, { count: 1, reason });
  }

  const client: TraktClient = {
    clientId: options.clientId,
    apiUrl: options.apiUrl,
    authUrl: options.authUrl,
    session: options.session,
    now,
    sleep,
    stats,
    request,
    emit,
    async get(path, schema, { query, auth } = {}) {
      return (await request({ path, schema, query, auth })).data;
    },
    async post(path, body, schema, rest = {}) {
      return (await request({ ...rest, method: "POST", path, body, schema })).data;
    },
    paginate<T>(path: string, itemSchema: z.ZodType<T>, { query, auth, onPage, lookahead, kind = path }: PaginateCallOptions<T> = {}) {
      return paginate(
        async (page) => {
          // Fetched ahead, a page waits as bytes; its items are made when its turn comes.
          const response = await exchange({ path, schema: ANY_ARRAY, query: { ...query, page, limit: PAGE_LIMIT }, auth, readAs: "bytes" });
          const readItems = () => {
            // A page is a list of items each checked on its own: one odd item (a "ghost" with no
            // film, trakt/trakt-api#783) is left out and counted, never the page.
            const items: T[] = [];
            for (const item of response.read()) {
              const parsed = itemSchema.safeParse(item);
              if (parsed.success) items.push(parsed.data);
              else skip(kind, firstIssue(parsed.error));
            }
            return items;
          };
          return { readItems, ...parsePaginationHeaders(response.headers) };
        },
        { lookahead: lookahead ?? queue.concurrency, onPage },
      );
    },
  };
  return client;
}
