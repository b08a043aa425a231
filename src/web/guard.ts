import type { MiddlewareHandler } from "hono";
import { isLoopback } from "./server.js";

/**
 * Every answer's first and last step: requests whose Host is not a loopback name are
 * refused (against DNS rebinding) unless `loopbackOnly` is false, and every answer gets
 * headers that keep the page to itself (no outside scripts, frames or caching).
 */
export function pageGuard(loopbackOnly: boolean): MiddlewareHandler {
  return async (c, next) => {
    if (loopbackOnly && !isLoopback(new URL(c.req.url).hostname)) return c.text("Refused: this page answers only on 127.0.0.1 or localhost.", 403);
    await next();
    c.header("Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
    // Not no-referrer: with it Chrome sends `Origin: null` on form posts. No page URL carries a secret (/login redirects at once).
    c.header("Referrer-Policy", "same-origin");
    c.header("X-Content-Type-Options", "nosniff");
    c.header("Cache-Control", "no-store");
  };
}
