/**
 * Our own backup into the store, into the same tables an online sync fills, with the
 * directors and enrichment the backup recorded put back into the metadata cache: the
 * rows built from the store then equal those of the online export it was taken from.
 */
import type { FilmEnrichment } from "../letterboxd/film-enrichment.js";
import { addPlays, deletePlaysExcept, putMetadata, putPeople, replaceLists, replaceRatings, replaceReviews, replaceWatchlist } from "../store/index.js";
import { EPISODE_PLAYS, SHOW_RATINGS_ITEMS, deleteKeyedItemsExcept, putKeyedItems, replaceBackupItems } from "../store/backup-items.js";
import { filmListRows, movieReviews, type SkippedCounts } from "./film-items.js";
import type { AnyListItem, CommentItem, EpisodeHistoryItem, HistoryItem, ListedItem, PersonalList, RatingItem, ShowRatingItem, TraktMovie, UserSettings } from "../trakt/index.js";
import { checkFileAccount, forgetStamps, putFileAccount, type FileLoadResult, type LoadFileOptions } from "./load-shared.js";

/** What loading takes of a backup; src/backup/read-backup.ts reads it from the files. */
export interface BackupToLoad {
  settings: UserSettings;
  movieHistory: HistoryItem[];
  movieRatings: RatingItem[];
  watchlist: ListedItem[];
  comments: CommentItem[];
  lists: { list: PersonalList; items: AnyListItem[] }[];
  /** Directors and enrichment of films without ids, for the metadata cache. */
  filmExtras: { movie: TraktMovie; directors: string[] | null; enrichment: FilmEnrichment | null }[];
  episodeHistory: EpisodeHistoryItem[];
  showRatings: ShowRatingItem[];
}

export function loadBackup(backup: BackupToLoad, path: string, options: LoadFileOptions): FileLoadResult {
  const { store } = options;
  const username = backup.settings.user.username;
  const timeZone = backup.settings.account?.timezone ?? null;
  checkFileAccount(store, username, path);
  const skipped: SkippedCounts = {};
  store.transaction(() => {
    addPlays(store, backup.movieHistory);
    deletePlaysExcept(store, new Set(backup.movieHistory.map((item) => item.id)));
    replaceRatings(store, backup.movieRatings);
    replaceWatchlist(store, backup.watchlist);
    replaceReviews(store, movieReviews(backup.comments, skipped));
    replaceLists(store, backup.lists.map(({ list, items }) => ({ list, items: filmListRows(items, "lists", skipped) })));
    const known = store.prepare("SELECT 1 FROM films WHERE trakt_id = ?");
    for (const { movie, directors, enrichment } of backup.filmExtras) {
      // Only films the library refers to: the cache never adds a film of its own.
      if (known.get(movie.ids.trakt) === undefined) continue;
      if (directors !== null) putPeople(store, movie.ids.trakt, directors);
      if (enrichment !== null) putMetadata(store, movie.ids.trakt, "enrichment", enrichment);
    }
    if (options.includeShows) {
      putKeyedItems(store, EPISODE_PLAYS, backup.episodeHistory.map((item) => ({ key: item.id, time: item.watched_at, item })));
      deleteKeyedItemsExcept(store, EPISODE_PLAYS, new Set(backup.episodeHistory.map((item) => item.id)));
      replaceBackupItems(store, SHOW_RATINGS_ITEMS, backup.showRatings);
    }
    putFileAccount(store, username, timeZone);
    forgetStamps(store, ["history", "ratings", "watchlist", "reviews", "lists"], options.includeShows === true);
  });
  return { source: "backup", username, timeZone, skipped, warnings: [] };
}
