/**
 * Gives authenticated calls a valid access token. Trakt refresh tokens are single-use
 * (each refresh kills the old one, TRAKT-API.md "OAuth"), so:
 * - concurrent callers share one in-flight refresh;
 * - the new pair is saved before anyone uses it;
 * - a 401 triggers a refresh only if the rejected token is still the current one.
 */
import { AuthError, TraktHttpError } from "../errors.js";
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

  /** After a 401 with `rejected`: refresh once, unless another caller already did. */
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

  async #doRefresh(client: TraktClient, stale: TraktToken): Promise<TraktToken> {
    let fresh: TraktToken;
    try {
      fresh = await refreshToken(client, stale.refresh_token);
    } catch (error) {
      // invalid_grant & co. come as 400/401 (sometimes 403): the login is gone. Network
      // trouble and 5xx stay what they are: running again later may work.
      if (error instanceof TraktHttpError && error.status >= 400 && error.status < 500) {
        throw new AuthError("refresh-failed", `Could not refresh the Trakt login (${error.message}); run \`trakt-letterboxd auth\` again.`, { cause: error });
      }
      throw error;
    }
    // Saved before use: the old refresh token is dead from now on.
    await this.save(fresh);
    client.emit({ type: "token-refreshed", expiresAt: tokenExpiresAt(fresh) });
    return fresh;
  }
}
