import { randomBytes, timingSafeEqual } from "node:crypto";
import type { Context, MiddlewareHandler } from "hono";
import { getCookie, setCookie } from "hono/cookie";

export const SESSION_COOKIE = "tl_session";
export const CSRF_FIELD = "_csrf";
export const CSRF_HEADER = "x-csrf-token";

/**
 * Who may use the page: whoever opens the URL `serve` printed. Its key works once and
 * trades for a session cookie (HttpOnly, SameSite=Strict); every other request needs that
 * cookie, and every state-changing one also the session's CSRF token.
 */
export class PageSessions {
  #key: string | undefined;
  /** Session id → its CSRF token. */
  readonly #sessions = new Map<string, string>();

  constructor(key: string = token()) {
    this.#key = key;
  }

  /** The one-time key for the printed URL; undefined once used. */
  get key(): string | undefined {
    return this.#key;
  }

  /** Trades the key for a new session id; undefined when the key is wrong or used. */
  redeem(candidate: string | undefined): string | undefined {
    if (this.#key === undefined || candidate === undefined || !sameSecret(candidate, this.#key)) return undefined;
    this.#key = undefined;
    const id = token();
    this.#sessions.set(id, token());
    return id;
  }

  /** The CSRF token of a live session. */
  csrfOf(sessionId: string | undefined): string | undefined {
    return sessionId === undefined ? undefined : this.#sessions.get(sessionId);
  }
}

export interface SessionVars {
  csrf: string;
}

/**
 * Refuses requests without a session (401) and unsafe ones without the CSRF token or
 * from another origin (403). `/login` is the one open door.
 */
export function requireSession(sessions: PageSessions): MiddlewareHandler<{ Variables: SessionVars }> {
  return async (c, next) => {
    if (c.req.path === "/login") return next();
    const csrf = sessions.csrfOf(getCookie(c, SESSION_COOKIE));
    if (csrf === undefined) {
      return c.html(
        "<!doctype html><title>trakt-letterboxd</title><p>This page needs the address <code>trakt-letterboxd serve</code> printed (it works once); restart <code>serve</code> for a new one.</p>",
        401,
      );
    }
    if (!SAFE_METHODS.has(c.req.method)) {
      const origin = c.req.header("origin");
      // "null" is what privacy settings send for a same-site form too; the token below still has to match.
      if (origin !== undefined && origin !== "null" && origin !== new URL(c.req.url).origin) return c.text("Refused: the request came from another site.", 403);
      const sent = c.req.header(CSRF_HEADER) ?? (await formField(c, CSRF_FIELD));
      if (sent === undefined || !sameSecret(sent, csrf)) return c.text("Refused: missing or wrong CSRF token; reload the page and try again.", 403);
    }
    c.set("csrf", csrf);
    return next();
  };
}

/** `GET /login?key=…`: sets the session cookie and goes to the front page. */
export function loginHandler(sessions: PageSessions) {
  return (c: Context) => {
    const id = sessions.redeem(c.req.query("key"));
    if (id === undefined) return c.html("<!doctype html><title>trakt-letterboxd</title><p>This address was already used or is wrong; restart <code>trakt-letterboxd serve</code> for a new one.</p>", 403);
    setCookie(c, SESSION_COOKIE, id, { httpOnly: true, sameSite: "Strict", path: "/" });
    return c.redirect("/", 303);
  };
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

async function formField(c: Context, name: string): Promise<string | undefined> {
  const type = c.req.header("content-type") ?? "";
  if (!type.startsWith("application/x-www-form-urlencoded") && !type.startsWith("multipart/form-data")) return undefined;
  const value = (await c.req.parseBody())[name];
  return typeof value === "string" ? value : undefined;
}

function token(): string {
  return randomBytes(24).toString("base64url");
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
