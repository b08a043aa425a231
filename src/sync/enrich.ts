/**
 * Enrichment of films Letterboxd may not match (neither an IMDb nor a TMDb id): Trakt's
 * full record of the film (`/movies/{id}?extended=full`: year, original title, and
 * sometimes ids the history's copy lacked), and when that has no ids, its aliases and a
 * title search: a result with ids whose title is one of the film's titles and whose
 * year is the film's is taken only when it is the only one (a film of unknown year is
 * not searched). Cached per film in the store for the metadata time-to-live, each
 * answer stored as it comes.
 */
import { TraktHttpError } from "../errors.js";
import { normalTitle, type FilmEnrichment } from "../letterboxd/film-enrichment.js";
import { filmsNeedingMetadata, putMetadata, type Store } from "../store/index.js";
import { getMovieAliases, getMovieDetails, searchMovies, type MovieDetails, type TraktClient } from "../trakt/index.js";

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
  await Promise.all(
    wanted.map(async (traktId) => {
      ctx.signal?.throwIfAborted();
      const stored = film.get(traktId) as { title: string; year: number | null };
      const enrichment = await lookUp(ctx.client, traktId, stored.title, stored.year);
      ctx.store.transaction(() => putMetadata(ctx.store, traktId, "enrichment", enrichment));
    }),
  );
  return wanted.length;
}

async function lookUp(client: TraktClient, traktId: number, title: string, storedYear: number | null): Promise<FilmEnrichment> {
  const details = await orNull(getMovieDetails(client, traktId));
  const year = storedYear ?? details?.year ?? null;
  const enrichment: FilmEnrichment = { original_title: details?.original_title ?? null, year: details?.year ?? null, ids: idsOf(details), matched_trakt_id: null };
  // Without a year a title match says nothing: home movies and lost reels share titles with real films.
  if (enrichment.ids !== null || year === null) return enrichment;

  const aliases = (await orNull(getMovieAliases(client, traktId))) ?? [];
  const titles = new Set([title, details?.original_title ?? "", ...aliases.map((alias) => alias.title)].map(normalTitle).filter(Boolean));
  const results = await searchMovies(client, title, year);
  const matches = new Map<number, MovieDetails["ids"]>();
  for (const { movie } of results) {
    if (movie.ids.trakt === traktId || (!movie.ids.imdb && !movie.ids.tmdb)) continue;
    if (!titles.has(normalTitle(movie.title)) || movie.year !== year) continue;
    matches.set(movie.ids.trakt, movie.ids);
  }
  const [only, ...others] = [...matches];
  if (only !== undefined && others.length === 0) {
    const [matched, ids] = only;
    return { ...enrichment, ids: { imdb: ids.imdb || null, tmdb: ids.tmdb || null }, matched_trakt_id: matched };
  }
  return enrichment;
}

function idsOf(details: MovieDetails | null): FilmEnrichment["ids"] {
  if (!details || (!details.ids.imdb && !details.ids.tmdb)) return null;
  return { imdb: details.ids.imdb || null, tmdb: details.ids.tmdb || null };
}

/** A film Trakt no longer knows (404) has nothing to add; remember that for the TTL too. */
async function orNull<T>(request: Promise<T>): Promise<T | null> {
  try {
    return await request;
  } catch (error) {
    if (error instanceof TraktHttpError && error.status === 404) return null;
    throw error;
  }
}
