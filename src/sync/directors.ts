import type { FetchProgress } from "./progress.js";
import { TraktHttpError } from "../errors.js";
import { filmsNeedingPeople, putPeople, type Store } from "../store/index.js";
import { getMoviePeople, type TraktClient } from "../trakt/index.js";
import { settleAll } from "./settle.js";

export interface DirectorsContext {
  client: TraktClient;
  store: Store;
  ttlMs: number;
  signal: AbortSignal | undefined;
  onProgress: ((progress: FetchProgress) => void) | undefined;
}

/**
 * Directors of id-less films (Letterboxd matches those by title, year and director),
 * asked of Trakt only when the metadata cache has none younger than `ttlMs`. Each answer
 * is stored as it comes, so a killed run keeps what it got. Returns the films asked for.
 */
export async function syncDirectors(ctx: DirectorsContext): Promise<number> {
  const wanted = filmsNeedingPeople(ctx.store, ctx.ttlMs);
  let done = 0;
  if (wanted.length > 0) ctx.onProgress?.({ kind: "directors", done, total: wanted.length });
  await settleAll(
    wanted.map(async (traktId) => {
      ctx.signal?.throwIfAborted();
      let directors: string[];
      try {
        directors = (await getMoviePeople(ctx.client, traktId)).directors;
      } catch (error) {
        // A film Trakt no longer knows has no directors to give; remember that for the TTL too.
        if (!(error instanceof TraktHttpError && error.status === 404)) throw error;
        directors = [];
      }
      ctx.store.transaction(() => putPeople(ctx.store, traktId, directors));
      ctx.onProgress?.({ kind: "directors", done: ++done, total: wanted.length });
    }),
  );
  return wanted.length;
}
