import type { Settings } from "./config/settings.js";
import { authSession, createClient } from "./context.js";
import { TraktLetterboxdError } from "./errors.js";
import { revokeToken } from "./trakt/index.js";

/**
 * Logs out, for `auth logout` and the page alike: revokes the token at Trakt (best effort:
 * deleting it locally still logs this machine out) and deletes it. Says whether there was
 * a login, and what to do by hand when revoking failed.
 */
export async function logOut(settings: Settings): Promise<{ wasLoggedIn: boolean; warning?: string }> {
  const session = authSession(settings);
  const token = await session.current();
  if (!token) return { wasLoggedIn: false };
  let warning: string | undefined;
  try {
    await revokeToken(createClient(settings, { secret: true }), token.access_token);
  } catch (error) {
    if (!(error instanceof TraktLetterboxdError)) throw error;
    warning = `Could not revoke the token at Trakt (${error.message}); revoke the app at https://trakt.tv/oauth/authorized_applications.`;
  }
  await session.remove();
  return { wasLoggedIn: true, warning };
}
