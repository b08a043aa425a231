/**
 * Trakt's aliases as further titles for matching with the member's Letterboxd export
 * (CONTRACT.md "Knowing what Letterboxd already has"). Asked only by what compares with
 * Letterboxd (`verify`, `export --letterboxd`, the web page's check), never by a plain
 * export, and only for the films the first matching cannot place (filmsForAliases): one
 * request a film, then cached in the store for the metadata time-to-live.
 */
import { TraktHttpError, TraktNetworkError, TraktParseError } from "../errors.js";
import { filmsForAliases } from "../letterboxd/compare-letterboxd.js";
import type { LetterboxdExport } from "../letterboxd/index.js";
import type { LetterboxdAccount } from "../letterboxd/letterboxd-account.js";
import { cachedAliases, METADATA_TTL_MS, staleMetadata, type Store } from "../store/index.js";
import { syncAliases } from "../sync/aliases.js";
import type { TraktClient } from "../trakt/index.js";
import { plural } from "../util/plural.js";

/**
 * The most films one run asks aliases of (well inside Trakt's 1000 GETs in 5 minutes);
 * the rest wait for the next run, the cache keeping what this one got.
 */
export const MAX_ALIAS_REQUESTS = 200;

export interface AliasSource {
  /** Holds the cache, and takes what is fetched. */
  store: Store;
  /** Asks Trakt for the aliases the cache lacks; undefined: the cache alone (offline). */
  client: TraktClient | undefined;
  /** Why there is no client, for the warning; default "offline". */
  offline?: string;
  /** How long cached aliases stay fresh. Default METADATA_TTL_MS (30 days). */
  ttlMs?: number;
  /** Default MAX_ALIAS_REQUESTS. */
  maxRequests?: number;
  /** Stops the requests (what was stored stays). */
  signal?: AbortSignal;
}

/**
 * The aliases to match with, by Trakt id, and a warning when some that could matter were
 * not fetched. `notFetched`: the films whose aliases could place them but are neither
 * cached nor fetched (offline, a failed request, over the cap): not finding such a film
 * by title and year does not make it surely missing (compareWithLetterboxd's `aliasesNotFetched`).
 */
export async function aliasesForMatching(
  rows: Pick<LetterboxdExport, "diary" | "ratings" | "watchlist">,
  letterboxd: LetterboxdAccount,
  source: AliasSource,
): Promise<{ aliases: Map<number, string[]>; warnings: string[]; notFetched: Set<number> }> {
  const cached = cachedAliases(source.store);
  const wanted = filmsForAliases(rows, letterboxd, { aliases: cached });
  if (wanted.length === 0) return { aliases: cached, warnings: [], notFetched: new Set() };
  const lackingOf = (aliases: ReadonlyMap<number, unknown>) => new Set(wanted.filter((traktId) => !aliases.has(traktId)));
  const notFetchedWarning = (n: number, why: string) =>
    `Trakt's other titles (aliases) of ${plural(n, "film")} not found on Letterboxd by title and year were not fetched (${why}): they may be there under another title.`;
  if (source.client === undefined) {
    const lacking = lackingOf(cached);
    return { aliases: cached, warnings: lacking.size > 0 ? [notFetchedWarning(lacking.size, source.offline ?? "offline")] : [], notFetched: lacking };
  }
  const ttlMs = source.ttlMs ?? METADATA_TTL_MS;
  const max = source.maxRequests ?? MAX_ALIAS_REQUESTS;
  const stale = staleMetadata(source.store, "aliases", wanted, ttlMs);
  try {
    await syncAliases({ client: source.client, store: source.store, traktIds: stale.slice(0, max), ttlMs, signal: source.signal });
    const later = stale.length - max;
    const aliases = cachedAliases(source.store);
    return { aliases, warnings: later > 0 ? [notFetchedWarning(later, `at most ${max} films a run: run again for the rest`)] : [], notFetched: lackingOf(aliases) };
  } catch (error) {
    // Aliases only sharpen the matching: without them the comparison still stands.
    if (!(error instanceof TraktHttpError || error instanceof TraktNetworkError || error instanceof TraktParseError)) throw error;
    const aliases = cachedAliases(source.store);
    const lacking = lackingOf(aliases);
    return { aliases, warnings: lacking.size > 0 ? [notFetchedWarning(lacking.size, error.message)] : [], notFetched: lacking };
  }
}
