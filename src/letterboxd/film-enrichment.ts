/**
 * What Trakt can add to a film with neither an IMDb nor a TMDb id: a title search may give
 * the ids (then Letterboxd matches it exactly). Kept in the store's metadata cache and in a
 * backup's `films-without-ids.json`, and applied to the film the same way both times.
 * `original_title` and `year` came from the film's own record in earlier versions; they
 * are still applied when a cache or backup holds them.
 */
import { z } from "zod";
import type { Film } from "./library.js";

export const filmEnrichmentSchema = z.object({
  original_title: z.string().nullable(),
  year: z.number().int().nullable(),
  /** Ids found: the one search result that is surely the same film. */
  ids: z.object({ imdb: z.string().nullable(), tmdb: z.number().int().nullable() }).nullable(),
  /** The search result the ids came from, if they did. */
  matched_trakt_id: z.number().int().nullable(),
});
export type FilmEnrichment = z.infer<typeof filmEnrichmentSchema>;

/** The film with what enrichment and cached directors add; never overrides data Trakt sent. */
export function enrichFilm(film: Film, enrichment: FilmEnrichment | undefined, directors: string[] | undefined): Film {
  if (film.imdb !== null || film.tmdb !== null) return film;
  const enriched: Film = { ...film };
  if (directors !== undefined) enriched.directors = directors;
  if (enrichment === undefined) return enriched;
  if (enriched.year === null && enrichment.year !== null) enriched.year = enrichment.year;
  if (enrichment.ids !== null) {
    enriched.imdb = enrichment.ids.imdb || null;
    enriched.tmdb = enrichment.ids.tmdb || null;
  }
  if (enrichment.original_title && enrichment.original_title !== film.title) enriched.originalTitle = enrichment.original_title;
  return enriched;
}
