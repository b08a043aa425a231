import type { SandboxUser } from "./library-types.js";
import type { SandboxState } from "./state.js";

/** An answer before it is written: `body` is serialised as JSON, `text` is sent as is. */
export interface Reply {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  text?: string;
  contentType?: string;
}

export interface RouteContext {
  params: Record<string, string>;
  query: Record<string, string>;
  /** The POST body's string fields (JSON or form-encoded); empty for GET. */
  form: Record<string, string>;
  /** The owner of the request's bearer token, if it sent a valid one. */
  viewer: SandboxUser | undefined;
  state: SandboxState;
}

export interface Route {
  method: "GET" | "POST";
  /** Segments starting with ":" are parameters, e.g. "/users/:id/lists". */
  path: string;
  /** "required": 401 without a valid bearer token. */
  auth?: "required";
  handle(ctx: RouteContext): Reply;
}

export const json = (status: number, body: unknown, headers?: Record<string, string>): Reply => ({ status, body, headers });
export const html = (status: number, text: string, headers?: Record<string, string>): Reply => ({
  status,
  text,
  contentType: "text/html; charset=UTF-8",
  headers,
});
export const notFound = (): Reply => json(404, { error: "not_found", error_description: "Resource not found" });
export const unauthorized = (): Reply => json(401, { error: "invalid_token", error_description: "OAuth token is missing, expired or revoked" });

export type RouteMatch = { route: Route; params: Record<string, string> } | "wrong-method" | undefined;

export function matchRoute(routes: readonly Route[], method: string, pathname: string): RouteMatch {
  const segments = pathname.split("/").filter((s) => s !== "");
  let pathMatched = false;
  for (const route of routes) {
    const params = matchPath(route.path, segments);
    if (!params) continue;
    if (route.method === method) return { route, params };
    pathMatched = true;
  }
  return pathMatched ? "wrong-method" : undefined;
}

function matchPath(pattern: string, segments: string[]): Record<string, string> | undefined {
  const parts = pattern.split("/").filter((s) => s !== "");
  if (parts.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (const [i, part] of parts.entries()) {
    const segment = segments[i] ?? "";
    if (part.startsWith(":")) params[part.slice(1)] = decodeSegment(segment);
    else if (part !== segment) return undefined;
  }
  return params;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
