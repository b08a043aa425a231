/**
 * Is Trakt's export whole? (TRAKT-EXPORT.md §5, §6 rule 10.) `_errors.json` lists the
 * endpoints its exporter gave up on; exports made before 2026-08-18 could silently stop
 * before the oldest plays, which shows as films whose history holds fewer plays than
 * `watched-movies` counts. Each finding is one warning line; the export still converts.
 */
import type { ExportFileKind } from "../trakt-export/layout.js";
import type { ExportErrorEntry, TraktExport } from "../trakt-export/read-export.js";
import { plural } from "../util/plural.js";

/** Plays per film (Trakt id) found in the history. */
export type PlayCounts = Map<number, number>;

const ENDPOINT_KINDS: { kind: ExportFileKind; what: string; test: RegExp }[] = [
  { kind: "history", what: "your history", test: /\/history(\?|$|\/)/ },
  { kind: "ratings", what: "your film ratings", test: /\/ratings\/movies/ },
  { kind: "watchlist", what: "your watchlist", test: /\/watchlist(\?|$|\/)/ },
  { kind: "lists", what: "your lists", test: /\/lists(\?|$|\/(?!collaborations))/ },
  { kind: "comments", what: "your reviews", test: /\/comments\/all\/movies/ },
];

/** The kinds `_errors.json` says are incomplete. */
export function failedKinds(errors: readonly ExportErrorEntry[]): Set<ExportFileKind> {
  return new Set(errors.flatMap((entry) => ENDPOINT_KINDS.filter((k) => k.test.test(entry.endpoint)).map((k) => k.kind)));
}

export async function completenessWarnings(source: TraktExport, plays: PlayCounts | undefined): Promise<string[]> {
  const warnings: string[] = [];
  for (const entry of source.errors) {
    const kind = ENDPOINT_KINDS.find((k) => k.test.test(entry.endpoint));
    if (kind === undefined) continue;
    const pages = entry.totalPages ? `, ${entry.fetchedPages ?? 0} of ${entry.totalPages} pages` : "";
    warnings.push(`This export is incomplete: Trakt could not export ${kind.what} (${entry.error}${pages}), so the files may lack some of it; download a new export from Trakt.`);
  }
  if (plays === undefined) {
    if (source.has("watched")) warnings.push("This export has no history file, so it has no watch dates; download a new export from Trakt.");
    return warnings;
  }
  const lacking = await missingPlays(source, plays);
  if (lacking.plays > 0) {
    warnings.push(
      `This export lacks ${plural(lacking.plays, "play")} of ${plural(lacking.films, "film")} (Trakt counts more plays than its history lists); exports made before 18 August 2026 can miss the oldest plays: download a new one.`,
    );
  } else if (source.pretty) {
    warnings.push("This export was made before 13 August 2026 (indented JSON); Trakt's exports before 18 August 2026 could miss the oldest plays or ratings without saying so: download a new one if anything is missing.");
  }
  return warnings;
}

/** Films whose `watched-movies` count is above the plays the history holds, and by how much in all. */
async function missingPlays(source: TraktExport, plays: PlayCounts): Promise<{ plays: number; films: number }> {
  let missing = 0;
  let films = 0;
  for await (const rows of source.pages("watched")) {
    for (const row of rows) {
      const watched = row as { plays?: unknown; movie?: { ids?: { trakt?: unknown } } | null } | null;
      const id = watched?.movie?.ids?.trakt;
      if (typeof watched?.plays !== "number" || typeof id !== "number") continue;
      const lack = watched.plays - (plays.get(id) ?? 0);
      if (lack > 0) {
        missing += lack;
        films++;
      }
    }
  }
  return { plays: missing, films };
}
