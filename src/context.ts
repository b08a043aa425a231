/**
 * What every front end (the CLI, the web page, the scheduler) makes from the settings:
 * where the token and the store live, the auth session, the Trakt client, and a line
 * for each thing the client does behind the user's back.
 */
import { join } from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import type { Settings } from "./config/settings.js";
import { ConfigError } from "./errors.js";
import { AuthSession, createTraktClient, FileTokenStore, type ClientEvent, type TraktClient } from "./trakt/index.js";
import { USER_AGENT } from "./version.js";

export function tokenPath(settings: Settings): string {
  return join(settings.home, "token.json");
}

/**
 * The local store: `store.sqlite` mirrors the logged-in account; a public profile
 * (`--user`) gets its own file under `profiles/`, so the two never mix.
 */
export function storePath(settings: Settings, user?: string): string {
  if (user === undefined) return join(settings.home, "store.sqlite");
  return join(settings.home, "profiles", `${user.toLowerCase().replace(/[^a-z0-9_-]/g, "_")}.sqlite`);
}

export function authSession(settings: Settings): AuthSession {
  return new AuthSession({ store: new FileTokenStore(tokenPath(settings)) });
}

export interface ClientNeeds {
  /** Logging in, refreshing and revoking need the client secret as well. */
  secret?: boolean;
  session?: AuthSession;
  onEvent?: (event: ClientEvent) => void;
  /**
   * Ends the client's waits (rate limit, retry backoff) when aborted, so Ctrl+C stops a
   * run that is waiting. A request already sent runs to its end: it may be a refresh,
   * whose single-use token must not be lost.
   */
  signal?: AbortSignal;
}

export function createClient(settings: Settings, needs: ClientNeeds = {}): TraktClient {
  if (!settings.clientId) {
    throw new ConfigError(
      "No Trakt client id. Create an app at https://trakt.tv/oauth/applications/new (redirect URI urn:ietf:wg:oauth:2.0:oob) and set TRAKT_CLIENT_ID (or client_id in config.toml); without one (only VIP members can create an app), use `trakt-letterboxd export --from trakt-export.zip` with the data export from trakt.tv → Settings → Data.",
    );
  }
  if (needs.secret && !settings.clientSecret) {
    throw new ConfigError("No Trakt client secret. Set TRAKT_CLIENT_SECRET (or client_secret in config.toml) to the app's Client Secret.");
  }
  return createTraktClient({
    clientId: settings.clientId,
    clientSecret: settings.clientSecret,
    apiUrl: settings.apiUrl,
    authUrl: settings.authUrl,
    userAgent: USER_AGENT,
    session: needs.session,
    retry: { maxAttempts: settings.retries + 1 },
    onEvent: needs.onEvent,
    ...(needs.signal ? { sleep: (ms: number) => delay(ms, undefined, { signal: needs.signal }) } : {}),
  });
}

/**
 * A client for the logged-in user, or undefined without a client id or a saved login:
 * for work that does without Trakt but is better with it (`verify`'s aliases).
 */
export async function loggedInClient(settings: Settings, needs: Omit<ClientNeeds, "session" | "secret"> = {}): Promise<TraktClient | undefined> {
  if (!settings.clientId) return undefined;
  const session = authSession(settings);
  if ((await session.current()) === undefined) return undefined;
  return createClient(settings, { ...needs, session });
}

/** A line for the user about what the client is doing behind their back. */
export function describeClientEvent(event: ClientEvent): string {
  switch (event.type) {
    case "rate-limited":
      return `Waiting ${Math.ceil(event.waitMs / 1000)} s for Trakt's rate limit…`;
    case "retry":
      return `Trakt failed (${event.reason}); retry ${event.attempt} in ${Math.ceil(event.delayMs / 1000)} s…`;
    case "token-refreshed":
      return "Refreshed the Trakt login (saved the new token).";
  }
}
