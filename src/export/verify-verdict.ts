import type { VerifySummary } from "./verify.js";

/**
 * What a clean comparison says, in `verify`'s report and on the page's check: "everything
 * arrived" only when no film is left to report; films that could not be placed (unsure, or
 * not found without an IMDb or TMDb id) keep a clean result but are not "everything".
 * Undefined when Letterboxd lacks something: the report's differences say what.
 */
export function cleanVerdict(summary: Pick<VerifySummary, "clean" | "films">): string | undefined {
  if (!summary.clean) return undefined;
  return summary.films.length === 0
    ? "Everything arrived: Letterboxd has every diary entry, rating and watchlist film of your Trakt library."
    : "Nothing is surely missing; verify could not check the films below.";
}
