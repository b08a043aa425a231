import { AuthError, ConfigError, DifferencesFoundError, InterruptedError, TraktHttpError, UsageError } from "../errors.js";

/** CONTRACT.md's exit codes, and 130 (128 + SIGINT, as shells report it) for Ctrl+C. */
export const EXIT = { ok: 0, failed: 1, usage: 2, auth: 3, differences: 4, interrupted: 130 } as const;

/** The one place where errors become exit codes. */
export function exitCodeFor(error: unknown): number {
  if (error instanceof ConfigError || error instanceof UsageError) return EXIT.usage;
  if (error instanceof AuthError) return EXIT.auth;
  if (error instanceof DifferencesFoundError) return EXIT.differences;
  if (error instanceof InterruptedError) return EXIT.interrupted;
  // Trakt refusing the app or the login is a login problem, not a network one.
  if (error instanceof TraktHttpError && (error.status === 401 || error.status === 403)) return EXIT.auth;
  return EXIT.failed;
}
