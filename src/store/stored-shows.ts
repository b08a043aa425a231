/**
 * Episode plays and show ratings as the store keeps them (Trakt's JSON, `backup_items`),
 * read back one item at a time for `shows.csv`: 50K episode plays are never held as a whole.
 */
import type { z } from "zod";
import type { ApiEpisodePlay, ApiShowRating } from "../letterboxd/shows.js";
import { episodeHistoryItemSchema, showRatingSchema } from "../trakt/index.js";
import { backupItemTexts, EPISODE_PLAYS, SHOW_RATINGS_ITEMS } from "./backup-items.js";
import type { Store } from "./store.js";

export function storedShows(store: Store): { plays: Iterable<ApiEpisodePlay>; ratings: Iterable<ApiShowRating> } {
  return { plays: parsedItems(store, EPISODE_PLAYS, true, episodeHistoryItemSchema), ratings: parsedItems(store, SHOW_RATINGS_ITEMS, false, showRatingSchema) };
}

function* parsedItems<T>(store: Store, kind: string, keyed: boolean, schema: z.ZodType<T>): Generator<T> {
  for (const text of backupItemTexts(store, kind, keyed)) yield schema.parse(JSON.parse(text));
}
