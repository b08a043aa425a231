/**
 * Gives authenticated calls a valid access token. Trakt refresh tokens are single-use
 * (each refresh kills the old one, TRAKT-API.md "OAuth"), so:
 * - concurrent callers share one in-flight refresh;
 * - processes sharing token.json refresh one at a time (TokenStore.whileRefreshing), and
 *   each first re-reads the file: a pair another process saved is used, not refreshed;
 * - the new pair is saved before anyone uses it;
 * - the refresh POST is never sent twice, and a lost answer is said to be one;
 * - a 401 triggers a refresh only if the rejected token is still the current one.
 */
import { AuthError, TraktHttpError, TraktNetworkError, TraktParseError } from "../errors.js";
import type { TraktClient } from "./client.js";
import { refreshToken } from "./oauth.js";
import type { TraktToken } from "./schemas.js";
import type { TokenStore } from "./token-store.js";

const HOUR_MS = 3_600_000;

export interface AuthSessionOptions {
  store: TokenStore;
  /**
   * How long before expiry to refresh, given the token's lifetime in ms. Default: 10% of
   * the lifetime, at most one hour (a 7-day token refreshes 1 h early, a 60 s one 6 s early).
   */
  refreshMargin?: (lifetimeMs: number) => number;
}

/** Epoch ms at which the token stops working: `created_at + expires_in`. */
export function tokenExpiresAt(token: TraktToken): number {
  return (token.created_at + token.expires_in) * 1000;
}

export class AuthSession {
  readonly store: TokenStore;
  readonly #margin: (lifetimeMs: number) => number;
  #token: TraktToken | undefined;
  #loaded = false;
  #refreshing: Promise<TraktToken> | undefined;

  constructor(options: AuthSessionOptions) {
    this.store = options.store;
    this.#margin = options.refreshMargin ?? ((lifetimeMs) => Math.min(HOUR_MS, lifetimeMs / 10));
  }

  /** The saved token, without refreshing it; undefined when not logged in. */
  async current(): Promise<TraktToken | undefined> {
    if (!this.#loaded) {
      this.#token = await this.store.load();
      this.#loaded = true;
    }
    return this.#token;
  }

  /** Saves a token obtained by logging in (device or code flow). */
  async save(token: TraktToken): Promise<void> {
    await this.store.save(token);
    this.#token = token;
    this.#loaded = true;
  }

  /** Forgets the token locally (revoking it at Trakt is `revokeToken`'s job). */
  async remove(): Promise<void> {
    await this.store.remove();
    this.#token = undefined;
    this.#loaded = true;
  }

  /** An access token valid for a while yet, refreshed first when it is near its end. */
  async accessToken(client: TraktClient): Promise<string> {
    const token = await this.#require();
    const expiresAt = tokenExpiresAt(token);
    if (expiresAt - client.now() > this.#margin(token.expires_in * 1000)) return token.access_token;
    return (await this.#refresh(client, token)).access_token;
  }

  /** After a 401 with `rejected`: refresh once, unless another caller or process already did. */
  async refreshAfterRejection(client: TraktClient, rejected: string): Promise<string> {
    const token = await this.#require();
    if (token.access_token !== rejected) return token.access_token;
    return (await this.#refresh(client, token)).access_token;
  }

  async #require(): Promise<TraktToken> {
    if (this.#refreshing) return this.#refreshing;
    const token = await this.current();
    if (!token) throw new AuthError("not-logged-in", "Not logged in to Trakt: run `trakt-letterboxd auth` first.");
    return token;
  }

  #refresh(client: TraktClient, stale: TraktToken): Promise<TraktToken> {
    this.#refreshing ??= this.#doRefresh(client, stale).finally(() => {
      this.#refreshing = undefined;
    });
    return this.#refreshing;
  }

  #doRefresh(client: TraktClient, stale: TraktToken): Promise<TraktToken> {
    return this.store.whileRefreshing(async () => {
      // Another process may have refreshed while this one waited: its pair is the one to use.
      const saved = await this.#reload();
      if (saved !== undefined && saved.refresh_token !== stale.refresh_token) return saved;
      let fresh: TraktToken;
      try {
        fresh = await refreshToken(client, stale.refresh_token);
      } catch (error) {
        // Refused unprocessed (rate limited) or never sent: the saved pair still works; say what happened.
        if ((error instanceof TraktHttpError && error.status === 429) || neverSent(error)) throw error;
        // invalid_grant & co. come as 400/401 (sometimes 403): the login is gone.
        if (error instanceof TraktHttpError && error.status >= 400 && error.status < 500) {
          throw new AuthError("refresh-failed", `Could not refresh the Trakt login (${error.message}); run \`trakt-letterboxd auth\` again.`, { cause: error });
        }
        if (error instanceof TraktNetworkError || error instanceof TraktHttpError || error instanceof TraktParseError) {
          // Sent, but the answer was lost: Trakt may have spent the refresh token on a pair nobody received.
          const after = await this.#reload();
          if (after !== undefined && after.refresh_token !== stale.refresh_token) return after;
          throw new AuthError(
            "refresh-failed",
            `The answer to refreshing the Trakt login was lost (${error.message}); Trakt may have used up the saved login with it, so run \`trakt-letterboxd auth\` again.`,
            { cause: error },
          );
        }
        throw error;
      }
      // Saved before use: the old refresh token is dead from now on.
      await this.save(fresh);
      client.emit({ type: "token-refreshed", expiresAt: tokenExpiresAt(fresh) });
      return fresh;
    });
  }

  /** The token as saved now (another process may have written it), kept as the current one. */
  async #reload(): Promise<TraktToken | undefined> {
    const token = await this.store.load();
    if (token !== undefined) {
      this.#token = token;
      this.#loaded = true;
    }
    return token;
  }
}

/** Network failures that happen before a request leaves this computer. */
const UNSENT_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "ENETUNREACH", "EHOSTUNREACH"]);

function neverSent(error: unknown): boolean {
  if (!(error instanceof TraktNetworkError)) return false;
  let cause: unknown = error.cause;
  for (let depth = 0; depth < 5 && typeof cause === "object" && cause !== null; depth++) {
    if (UNSENT_CODES.has(String((cause as { code?: unknown }).code))) return true;
    cause = (cause as { cause?: unknown }).cause;
  }
  return false;
}
