/**
 * Trakt's own data export into the store, into the same tables an online sync fills, so
 * the Letterboxd rows are built from the store whatever the source. Pages are read and
 * written one at a time inside one transaction: a damaged file part-way leaves the store
 * as it was. A kind the export holds whole is mirrored (what it lacks is removed); a kind
 * `_errors.json` says failed is only added to, and said to be incomplete.
 */
import { addPlays, deletePlaysExcept, putRatings, replaceLists, replaceRatings, replaceReviews, replaceWatchlist, type ListSnapshot, type SyncKind } from "../store/index.js";
import { EPISODE_PLAYS, SHOW_RATINGS_ITEMS, deleteKeyedItemsExcept, putKeyedItems, replaceBackupItems } from "../store/backup-items.js";
import type { TraktExport } from "../trakt-export/read-export.js";
import type { ExportFileKind } from "../trakt-export/layout.js";
import { episodeHistoryItemSchema, historyItemSchema, personalListSchema, ratingItemSchema, showRatingSchema, type RatingItem } from "../trakt/index.js";
import { checkedRows, countSkip, filmListRows, filmRows, movieReviews, type SkippedCounts, type SkippedKind } from "./film-items.js";
import { checkFileAccount, forgetStamps, putFileAccount, type FileLoadResult, type LoadFileOptions } from "./load-shared.js";
import { completenessWarnings, failedKinds, type PlayCounts } from "./trakt-export-checks.js";

export async function loadTraktExport(source: TraktExport, options: LoadFileOptions): Promise<FileLoadResult> {
  const { store } = options;
  checkFileAccount(store, source.username, source.archive.path);
  const failed = failedKinds(source.errors);
  const skipped: SkippedCounts = {};
  const warnings: string[] = [];
  const whole = (kind: ExportFileKind) => source.has(kind) && !failed.has(kind);
  const progress = (kind: SkippedKind, done: number) => options.onProgress?.({ kind, done, total: undefined });

  const playCounts = await store.transactionAsync(async () => {
    const replaced: SyncKind[] = [];
    let counts: PlayCounts | undefined;
    if (source.has("history")) {
      counts = await loadHistory(source, options, whole("history"), skipped, progress);
      replaced.push("history");
    }
    if (source.has("ratings")) {
      const items: RatingItem[] = [];
      for await (const rows of source.pages("ratings")) {
        items.push(...filmRows(rows, ratingItemSchema, "ratings", skipped));
        progress("ratings", items.length);
      }
      if (whole("ratings")) replaceRatings(store, items);
      else putRatings(store, items);
      replaced.push("ratings");
    }
    if (source.has("watchlist")) {
      const items = [];
      for await (const rows of source.pages("watchlist")) items.push(...filmListRows(rows, "watchlist", skipped));
      replaceWatchlist(store, items);
      progress("watchlist", items.length);
      replaced.push("watchlist");
    }
    if (source.has("comments")) {
      const rows = [];
      for await (const page of source.pages("comments")) rows.push(...page);
      const reviews = movieReviews(rows, skipped);
      replaceReviews(store, reviews);
      progress("reviews", reviews.length);
      replaced.push("reviews");
    }
    if (source.has("lists")) {
      const lists = await readLists(source, skipped, warnings);
      replaceLists(store, lists);
      progress("lists", lists.length);
      replaced.push("lists");
    }
    if (options.includeShows && source.has("showRatings")) {
      const items = [];
      for await (const rows of source.pages("showRatings")) items.push(...checkedRows(rows, showRatingSchema));
      replaceBackupItems(store, SHOW_RATINGS_ITEMS, items);
    }
    putFileAccount(store, source.username, source.timeZone);
    forgetStamps(store, replaced, options.includeShows === true);
    return counts;
  });

  warnings.push(...(await completenessWarnings(source, playCounts)));
  return { source: "trakt-export", layout: source.layout, username: source.username, timeZone: source.timeZone, skipped, warnings };
}

/**
 * The history page by page: film plays into `plays`, episode plays (with shows) into the
 * backup items. Returns each film's number of plays, to check against `watched-movies`.
 */
async function loadHistory(
  source: TraktExport,
  options: LoadFileOptions,
  whole: boolean,
  skipped: SkippedCounts,
  progress: (kind: "history", done: number) => void,
): Promise<PlayCounts> {
  const { store } = options;
  const seen = new Set<number>();
  const seenEpisodes = new Set<number>();
  const films = new Set<number>();
  const plays: PlayCounts = new Map();
  for await (const rows of source.pages("history")) {
    const items = filmRows(rows, historyItemSchema, "history", skipped);
    for (const item of items) {
      // The same play twice (a page boundary moved while Trakt paged) is one play.
      if (seen.has(item.id)) continue;
      seen.add(item.id);
      plays.set(item.movie.ids.trakt, (plays.get(item.movie.ids.trakt) ?? 0) + 1);
    }
    addPlays(store, items, films);
    if (options.includeShows) {
      const episodes = checkedRows(
        rows.filter((row) => (row as { type?: unknown } | null)?.type === "episode"),
        episodeHistoryItemSchema,
      );
      for (const episode of episodes) seenEpisodes.add(episode.id);
      putKeyedItems(store, EPISODE_PLAYS, episodes.map((item) => ({ key: item.id, time: item.watched_at, item })));
    }
    progress("history", seen.size);
  }
  if (whole) {
    deletePlaysExcept(store, seen);
    if (options.includeShows) deleteKeyedItemsExcept(store, EPISODE_PLAYS, seenEpisodes);
  }
  return plays;
}

/** Each personal list with its film items; a list whose file is missing keeps what the store had. */
async function readLists(source: TraktExport, skipped: SkippedCounts, warnings: string[]): Promise<ListSnapshot[]> {
  const snapshots: ListSnapshot[] = [];
  for (const { list: raw, pages, guessed } of await source.lists()) {
    const parsed = personalListSchema.safeParse(raw);
    if (!parsed.success) {
      countSkip(skipped, "lists");
      continue;
    }
    const list = parsed.data;
    if (pages.length === 0) {
      warnings.push(`The export has no file for the items of your list "${list.name}"; download a new export from Trakt.`);
      snapshots.push({ list, items: undefined });
      continue;
    }
    if (guessed) warnings.push(`The items of your list "${list.name}" were found by the list's id only (no file name matched its slug); check that list's file.`);
    const items = [];
    for await (const rows of source.pagesOf(pages)) items.push(...filmListRows(rows, "lists", skipped));
    snapshots.push({ list, items });
  }
  return snapshots;
}
