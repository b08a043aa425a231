/**
 * Shows for an online `export --include-shows`: episode plays and show ratings synced
 * into the store the way a backup syncs them (only what moved), and read back one item
 * at a time (50K episode plays are never held as a whole).
 */
import type { z } from "zod";
import type { ApiEpisodePlay, ApiShowRating } from "../letterboxd/shows.js";
import type { Store } from "../store/index.js";
import { episodeHistoryItemSchema, getLastActivities, showRatingSchema, type LastActivities, type TraktClient } from "../trakt/index.js";
import { backupItemTexts } from "../store/backup-items.js";
import { SHOW_RATINGS } from "./kinds.js";
import { EPISODE_HISTORY, syncEpisodeHistory, syncPagedKind } from "./sync-backup.js";

/** `activities`: the `/sync/last_activities` the export's sync already fetched. */
export async function syncShows(options: { client: TraktClient; store: Store; activities?: LastActivities }): Promise<void> {
  const activities = options.activities ?? (await getLastActivities(options.client));
  await Promise.all([syncEpisodeHistory(options, activities), syncPagedKind(options, SHOW_RATINGS, activities)]);
}

export function storedShows(store: Store): { plays: Iterable<ApiEpisodePlay>; ratings: Iterable<ApiShowRating> } {
  return { plays: parsedItems(store, EPISODE_HISTORY, true, episodeHistoryItemSchema), ratings: parsedItems(store, SHOW_RATINGS.name, false, showRatingSchema) };
}

function* parsedItems<T>(store: Store, kind: string, keyed: boolean, schema: z.ZodType<T>): Generator<T> {
  for (const text of backupItemTexts(store, kind, keyed)) yield schema.parse(JSON.parse(text));
}
