/**
 * Shows for an online `export --include-shows`: episode plays and show ratings synced
 * into the store the way a backup syncs them (only what moved), and read back.
 */
import type { ApiEpisodePlay, ApiShowRating } from "../letterboxd/shows.js";
import type { Store } from "../store/index.js";
import { episodeHistoryItemSchema, getLastActivities, showRatingSchema, type TraktClient } from "../trakt/index.js";
import { backupItemTexts } from "./backup-store.js";
import { PAGED_KINDS } from "./kinds.js";
import { EPISODE_HISTORY, syncEpisodeHistory, syncPagedKind } from "./sync-backup.js";

export async function syncShows(options: { client: TraktClient; store: Store }): Promise<void> {
  const activities = await getLastActivities(options.client);
  const ratings = PAGED_KINDS.find((kind) => kind.name === "ratings-shows");
  if (ratings === undefined) throw new Error("no ratings-shows kind");
  await Promise.all([syncEpisodeHistory(options, activities), syncPagedKind(options, ratings, activities)]);
}

export function storedShows(store: Store): { plays: ApiEpisodePlay[]; ratings: ApiShowRating[] } {
  const parse = <T>(kind: string, keyed: boolean, schema: { parse(value: unknown): T }) => [...backupItemTexts(store, kind, keyed)].map((text) => schema.parse(JSON.parse(text)));
  return { plays: parse(EPISODE_HISTORY, true, episodeHistoryItemSchema), ratings: parse("ratings-shows", false, showRatingSchema) };
}
