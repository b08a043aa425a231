/**
 * Enrichment of films Letterboxd may not match (neither an IMDb nor a TMDb id): one title
 * search (`/search/movie` with the year), whose result with ids is taken only when it is
 * the only one with the film's title and year (a film of unknown year is not searched:
 * home movies and lost reels share titles with real films). Two calls at most per such
 * film with its directors (directors.ts): the film's own record repeats what the history
 * already holds, and its aliases serve matching, not the files. Cached per film in the
 * store for the metadata time-to-live, each answer stored as it comes.
 */
import type { FilmEnrichment } from "../letterboxd/film-enrichment.js";
import { titleKey } from "../letterboxd/film-match.js";
import { filmsNeedingMetadata, putMetadata, type Store } from "../store/index.js";
import { searchMovies, type TraktClient } from "../trakt/index.js";
import { settleAll } from "./settle.js";

export interface EnrichContext {
  client: TraktClient;
  store: Store;
  ttlMs: number;
  signal: AbortSignal | undefined;
}

/** Returns how many films were looked up. */
export async function syncEnrichment(ctx: EnrichContext): Promise<number> {
  const wanted = filmsNeedingMetadata(ctx.store, "enrichment", ctx.ttlMs);
  const film = ctx.store.prepare("SELECT title, year FROM films WHERE trakt_id = ?");
  await settleAll(
    wanted.map(async (traktId) => {
      ctx.signal?.throwIfAborted();
      const stored = film.get(traktId) as { title: string; year: number | null };
      const enrichment = await lookUp(ctx.client, traktId, stored.title, stored.year);
      ctx.store.transaction(() => putMetadata(ctx.store, traktId, "enrichment", enrichment));
    }),
  );
  return wanted.length;
}

async function lookUp(client: TraktClient, traktId: number, title: string, year: number | null): Promise<FilmEnrichment> {
  const nothing: FilmEnrichment = { original_title: null, year: null, ids: null, matched_trakt_id: null };
  if (year === null) return nothing;
  const wanted = titleKey(title);
  const matches = new Map<number, { imdb: string | null; tmdb: number | null }>();
  for (const { movie } of await searchMovies(client, title, year)) {
    if (movie.ids.trakt === traktId || (!movie.ids.imdb && !movie.ids.tmdb)) continue;
    if (titleKey(movie.title) !== wanted || movie.year !== year) continue;
    matches.set(movie.ids.trakt, movie.ids);
  }
  const [only, ...others] = [...matches];
  if (only === undefined || others.length > 0) return nothing;
  const [matched, ids] = only;
  return { ...nothing, ids: { imdb: ids.imdb || null, tmdb: ids.tmdb || null }, matched_trakt_id: matched };
}
