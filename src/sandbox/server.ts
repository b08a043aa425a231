import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { DeviceCodes } from "./device-codes.js";
import { FaultBook, sendFault } from "./faults.js";
import { bearerToken, checkApiHeaders, checkUserAgent } from "./guards.js";
import { LibraryIndex } from "./library-index.js";
import { RateLimiter } from "./rate-limit.js";
import { json, matchRoute, notFound, unauthorized, type Reply, type Route } from "./router.js";
import { ACTIVATE_PATH, activateRoutes } from "./routes-activate.js";
import { movieRoutes } from "./routes-movies.js";
import { oauthRoutes } from "./routes-oauth.js";
import { syncRoutes } from "./routes-sync.js";
import { userRoutes } from "./routes-users.js";
import { sampleLibrary } from "./sample-library.js";
import type { SandboxState } from "./state.js";
import { TokenStore } from "./tokens.js";
import type { LoggedRequest, SandboxOptions, SandboxServer } from "./types.js";

const ROUTES: readonly Route[] = [...oauthRoutes, ...activateRoutes, ...syncRoutes, ...userRoutes, ...movieRoutes];
const MAX_BODY_BYTES = 1 << 20;

/** Starts a Trakt look-alike on 127.0.0.1 (see SandboxOptions for the defaults). */
export async function startSandbox(options: SandboxOptions = {}): Promise<SandboxServer> {
  const now = options.now ?? Date.now;
  const ttl = options.accessTokenTtlSeconds ?? 7 * 24 * 3600;
  const state: SandboxState = {
    url: "",
    clientId: options.clientId ?? "sandbox-client-id",
    clientSecret: options.clientSecret ?? "sandbox-client-secret",
    now,
    library: new LibraryIndex(options.library ?? sampleLibrary()),
    tokens: new TokenStore(now, ttl),
    devices: new DeviceCodes(now, {
      interval: options.deviceFlow?.interval ?? 5,
      expiresIn: options.deviceFlow?.expiresIn ?? 600,
      autoApproveAfterPolls: options.deviceFlow?.autoApproveAfterPolls,
    }),
    authorizationCodes: new Map(),
  };
  const limiter = new RateLimiter(options.rateLimit ?? { limit: 1000, periodSeconds: 300 }, now);
  const faults = new FaultBook();
  const requests: LoggedRequest[] = [];
  const latencyMs = options.latencyMs ?? 0;

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const method = (req.method ?? "GET").toUpperCase();
    const url = new URL(req.url ?? "/", "http://sandbox.invalid");
    const entry: LoggedRequest = { method, path: url.pathname, query: loggableQuery(url.searchParams), status: 0, authed: bearerToken(req) !== undefined };
    requests.push(entry);
    // Taken on arrival so that rules apply in request order even under latency.
    const fault = faults.take(method, url.pathname);
    const delay = latencyMs + (fault?.kind === "latency" ? fault.ms : 0);
    if (delay > 0) await sleep(delay);
    if (res.destroyed) return;
    if (fault && fault.kind !== "latency") {
      entry.status = sendFault(fault, res);
      return;
    }
    const reply = await answer(req, method, url);
    entry.status = reply.status;
    send(res, reply);
  };

  const answer = async (req: IncomingMessage, method: string, url: URL): Promise<Reply> => {
    const refused = checkUserAgent(req);
    if (refused) return refused;
    // OAuth and the activate page (a browser's) need no API headers and count against no rate limit.
    const isOAuth = url.pathname.startsWith("/oauth/") || url.pathname === ACTIVATE_PATH;
    if (!isOAuth) {
      const bad = checkApiHeaders(req, state.clientId);
      if (bad) return bad;
    }
    const token = isOAuth ? undefined : bearerToken(req);
    const viewer = token === undefined ? undefined : state.tokens.userOf(token);
    if (token !== undefined && !viewer) return unauthorized();
    let rateHeaders: Record<string, string> = {};
    if (method === "GET" && !isOAuth) {
      const { headers, rejection } = limiter.take(token ?? `client:${state.clientId}`, token !== undefined);
      if (rejection) return rejection;
      rateHeaders = headers;
    }
    const match = matchRoute(ROUTES, method, url.pathname);
    if (match === undefined) return notFound();
    if (match === "wrong-method") return json(405, { error: "method_not_allowed" });
    if (match.route.auth === "required" && !viewer) return unauthorized();
    let form: Record<string, string> = {};
    if (method === "POST") {
      const parsed = await readForm(req);
      if (!parsed) return json(400, { error: "invalid_request", error_description: "The body is not valid JSON" });
      form = parsed;
    }
    try {
      const reply = match.route.handle({ params: match.params, query: Object.fromEntries(url.searchParams), form, viewer, state });
      return { ...reply, headers: { ...rateHeaders, ...reply.headers } };
    } catch (error) {
      return json(500, { error: "server_error", error_description: error instanceof Error ? error.message : String(error) });
    }
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent && !res.destroyed) send(res, json(500, { error: "server_error", error_description: String(error) }));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  state.url = `http://127.0.0.1:${port}`;

  return {
    url: state.url,
    requests,
    clientId: state.clientId,
    clientSecret: state.clientSecret,
    injectFault: (rule) => faults.add(rule),
    clearFaults: () => faults.clear(),
    approveDevice: (userCode) => state.devices.decide(userCode, "approved"),
    denyDevice: (userCode) => state.devices.decide(userCode, "denied"),
    lastUserCode: () => state.devices.lastUserCode(),
    issueToken: (username) => {
      const user = username === undefined ? state.library.owner : state.library.user(username);
      if (!user) throw new Error(`sandbox: no user ${username}`);
      return state.tokens.issue(user);
    },
    expireAccessTokens: () => state.tokens.expireAccessTokens(),
    mutate: (change) => {
      change(state.library.library);
      // The index caches lookups (users, catalog, movie history); rebuild it over the same objects so tokens stay valid.
      state.library = new LibraryIndex(state.library.library);
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

function send(res: ServerResponse, reply: Reply): void {
  if (res.destroyed) return;
  const text = reply.text ?? (reply.body === undefined ? "" : JSON.stringify(reply.body));
  res.writeHead(reply.status, {
    "Content-Type": reply.contentType ?? "application/json; charset=utf-8",
    "Content-Length": String(Buffer.byteLength(text)),
    ...reply.headers,
  });
  res.end(text);
}

/** Tokens and secrets never reach the log. */
function loggableQuery(params: URLSearchParams): Record<string, string> {
  const query: Record<string, string> = {};
  for (const [key, value] of params) if (!/token|secret|password/i.test(key)) query[key] = value;
  return query;
}

async function readForm(req: IncomingMessage): Promise<Record<string, string> | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(buffer);
  }
  const text = Buffer.concat(chunks).toString("utf8");
  if ((req.headers["content-type"] ?? "").includes("application/x-www-form-urlencoded")) {
    return Object.fromEntries(new URLSearchParams(text));
  }
  if (text.trim() === "") return {};
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return undefined;
    const form: Record<string, string> = {};
    for (const [key, value] of Object.entries(parsed)) if (typeof value === "string") form[key] = value;
    return form;
  } catch {
    return undefined;
  }
}
