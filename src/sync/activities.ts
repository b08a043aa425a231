import type { SyncKind } from "../store/index.js";
import type { LastActivities } from "../trakt/index.js";

/**
 * Which `/sync/last_activities` timestamps move when a kind's data changes on Trakt
 * (https://trakt.docs.apiary.io/#reference/sync/last-activities). Trakt moves them on
 * removals too (a play taken out of the history moves `movies.watched_at`); the
 * watchlist has two stamps and either may move, so both are watched.
 */
const STAMP_PARTS: Record<SyncKind, (activities: LastActivities) => (string | null | undefined)[]> = {
  history: (a) => [a.movies?.watched_at],
  ratings: (a) => [a.movies?.rated_at],
  watchlist: (a) => [a.movies?.watchlisted_at, a.watchlist?.updated_at],
  reviews: (a) => [a.movies?.commented_at],
  lists: (a) => [a.lists?.updated_at],
  settings: (a) => [a.account?.settings_at],
};

/** The timestamps of `kind` in `activities` (what account-kinds.ts shares with the export's kinds). */
export function stampParts(kind: SyncKind, activities: LastActivities): (string | null | undefined)[] {
  return STAMP_PARTS[kind](activities);
}

/**
 * The kind's stamp to compare with the stored one, or null when Trakt did not send
 * every part of it (or there are no activities: a public profile): then the kind is
 * always fetched, since nothing says it did not change.
 */
export function activityStamp(kind: SyncKind, activities: LastActivities | undefined): string | null {
  return activities === undefined ? null : stampOf(STAMP_PARTS[kind](activities));
}

/** The stamp made of `parts` (a kind's timestamps), or null when Trakt did not send every one of them. */
export function stampOf(parts: (string | null | undefined)[]): string | null {
  return parts.some((part) => part === undefined || part === null) ? null : parts.join(" ");
}
