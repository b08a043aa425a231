import { TraktHttpError } from "../errors.js";
import { putAliases, staleMetadata, type Store } from "../store/index.js";
import { getMovieAliases, type TraktClient } from "../trakt/index.js";
import { settleAll } from "./settle.js";

export interface AliasesContext {
  client: TraktClient;
  store: Store;
  /** The films wanted, by Trakt id. */
  traktIds: readonly number[];
  ttlMs: number;
  signal?: AbortSignal;
}

/**
 * Trakt's aliases (`/movies/{id}/aliases`: other countries' titles) of the films wanted,
 * asked only for those the metadata cache has none of younger than `ttlMs`: one request a
 * film. Titles Trakt leaves null are dropped. Each answer is stored as it comes, so a run
 * that fails part-way keeps what it got. Returns the films asked for.
 */
export async function syncAliases(ctx: AliasesContext): Promise<number> {
  const wanted = staleMetadata(ctx.store, "aliases", ctx.traktIds, ctx.ttlMs);
  await settleAll(
    wanted.map(async (traktId) => {
      ctx.signal?.throwIfAborted();
      let titles: string[];
      try {
        titles = (await getMovieAliases(ctx.client, traktId)).flatMap((alias) => (alias.title ? [alias.title] : []));
      } catch (error) {
        // A film Trakt no longer knows has no other titles; remember that for the TTL too.
        if (!(error instanceof TraktHttpError && error.status === 404)) throw error;
        titles = [];
      }
      ctx.store.transaction(() => putAliases(ctx.store, traktId, [...new Set(titles)]));
    }),
  );
  return wanted.length;
}
