import { OutputError, TraktHttpError, TraktLetterboxdError, TraktNetworkError, TraktParseError } from "./errors.js";

/** One line for the user: what went wrong and what to do. */
export function describeError(error: unknown): string {
  if (error instanceof TraktHttpError) return `${error.message}. ${hintForStatus(error.status)}`;
  if (error instanceof TraktParseError && error.shape) {
    return `${error.message}. Trakt's answer has a shape this version of trakt-letterboxd does not know; trying again will not help: update the tool, or report it with this line.`;
  }
  if (error instanceof TraktParseError) return `${error.message}. Trakt sent something that is not its API's JSON; try again later.`;
  if (error instanceof TraktNetworkError) return `${error.message}. Check your connection (or TRAKT_API_URL) and try again.`;
  if (error instanceof OutputError || error instanceof TraktLetterboxdError) return error.message;
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOSPC") return `The disk is full: ${error.message}. Free some space and run again.`;
    if (code === "EACCES" || code === "EPERM") return `Permission denied: ${error.message}. Choose a folder you can write to.`;
    return `Unexpected error: ${error.message}. Run again with --verbose for details.`;
  }
  return `Unexpected error: ${String(error)}`;
}

function hintForStatus(status: number): string {
  switch (status) {
    case 401:
      return "Trakt did not accept the login; run `trakt-letterboxd auth` again.";
    case 403:
      return "Trakt refused the app: check TRAKT_CLIENT_ID (and that the app is approved).";
    case 404:
      return "Not found: check the user name (a profile must exist and be public for --user).";
    case 420:
      return "Trakt says the account is over its limits.";
    case 423:
      return "Trakt says this account is locked or deactivated.";
    case 426:
      return "Trakt says this needs a VIP account.";
    case 429:
      return "Trakt kept rate-limiting us; wait a few minutes and run again.";
    default:
      return status >= 500 ? "Trakt kept failing; try again later." : "Run again with --verbose for details.";
  }
}
