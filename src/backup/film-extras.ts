/**
 * `films-without-ids.json`: what the store learnt about films with neither an IMDb nor
 * a TMDb id (directors, and enrichment: src/sync/enrich.ts), so `export --from` fills
 * their rows exactly as an online export does.
 */
import { z } from "zod";
import { filmEnrichmentSchema } from "../letterboxd/film-enrichment.js";
import { cachedDirectors, cachedMetadata, type Store } from "../store/index.js";
import { movieSchema } from "../trakt/index.js";

export const filmExtraSchema = z.object({
  movie: movieSchema,
  directors: z.array(z.string()).nullable(),
  enrichment: filmEnrichmentSchema.nullable(),
});
export type FilmExtra = z.infer<typeof filmExtraSchema>;

export function* filmExtraTexts(store: Store): Generator<string> {
  const people = cachedDirectors(store);
  const enrichments = cachedMetadata(store, "enrichment", filmEnrichmentSchema);
  const rows = store.prepare("SELECT trakt_id, title, year, slug FROM films WHERE imdb IS NULL AND tmdb IS NULL ORDER BY trakt_id").all() as {
    trakt_id: number;
    title: string;
    year: number | null;
    slug: string | null;
  }[];
  for (const row of rows) {
    const directors = people.get(row.trakt_id) ?? null;
    const enrichment = enrichments.get(row.trakt_id) ?? null;
    if (directors === null && enrichment === null) continue;
    const movie = { title: row.title, year: row.year, ids: { trakt: row.trakt_id, slug: row.slug, imdb: null, tmdb: null } };
    yield JSON.stringify({ movie, directors, enrichment } satisfies FilmExtra);
  }
}
