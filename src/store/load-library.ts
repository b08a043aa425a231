import { PLAY_ACTIONS, type Film, type Library, type ListItem, type PersonalList, type Play } from "../letterboxd/library.js";
import { PlayColumns } from "../letterboxd/play-columns.js";
import { enrichFilm, filmEnrichmentSchema } from "../letterboxd/film-enrichment.js";
import { cachedDirectors, cachedMetadata } from "./metadata.js";
import type { FilmsTable, ListItemsTable, ListsTable, RatingsTable, ReviewsTable, WatchlistTable } from "./schema.js";
import type { Store } from "./store.js";

/**
 * The mapping's input, read from the store, whatever filled it (the API sync, our
 * backup, Trakt's data export): plays newest first, as Trakt serves them, so rows list
 * their history ids in the same order; lists in slug order. The plays are kept as
 * columns of numbers (PlayColumns), not as objects.
 */
export function loadLibrary(store: Store): Library {
  const directors = cachedDirectors(store);
  const enrichments = cachedMetadata(store, "enrichment", filmEnrichmentSchema);
  const films = new Map<number, Film>();
  // Rows one at a time (`iterate`, not `all`) here and below: 30K films' raw rows held in an
  // array while they are mapped would outlive young-generation collections as garbage.
  for (const row of store.iterate<FilmsTable>("SELECT * FROM films")) {
    const film: Film = { traktId: row.trakt_id, title: row.title, year: row.year, imdb: row.imdb, tmdb: row.tmdb };
    films.set(film.traktId, enrichFilm(film, enrichments.get(film.traktId), directors.get(film.traktId)));
  }

  const isPlay = `action IN (${PLAY_ACTIONS.map(() => "?").join(", ")})`;
  // Named as Play's fields by SQL, so each row is the play itself: one object per play, not two.
  const rows = store.iterate<Play>(
    `SELECT history_id AS historyId, trakt_id AS traktId, watched_at AS watchedAt FROM plays WHERE ${isPlay} ORDER BY watched_at DESC, history_id DESC`,
    ...PLAY_ACTIONS,
  );
  const plays = new PlayColumns(rows);
  const ratings = Array.from(store.iterate<RatingsTable>("SELECT * FROM ratings ORDER BY trakt_id"), (row) => ({
    traktId: row.trakt_id,
    rating: row.rating,
    ratedAt: row.rated_at,
  }));
  const reviews = Array.from(store.iterate<ReviewsTable>("SELECT * FROM reviews ORDER BY comment_id"), (row) => ({
    traktId: row.trakt_id,
    commentId: row.comment_id,
    text: row.text,
    spoiler: row.spoiler === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }));
  const watchlist = Array.from(store.iterate<WatchlistTable>("SELECT * FROM watchlist ORDER BY rank, trakt_id"), (row) => ({
    traktId: row.trakt_id,
    rank: row.rank,
    listedAt: row.listed_at,
    notes: row.notes,
  }));

  const items = new Map<number, ListItem[]>();
  for (const row of store.iterate<ListItemsTable>("SELECT * FROM list_items ORDER BY list_id, rank")) {
    const list = items.get(row.list_id) ?? [];
    list.push({ traktId: row.trakt_id, rank: row.rank, listedAt: row.listed_at, notes: row.notes });
    items.set(row.list_id, list);
  }
  const lists: PersonalList[] = store
    .all<ListsTable>("SELECT * FROM lists")
    .map((row) => ({ traktId: row.trakt_id, slug: row.slug, name: row.name, description: row.description, items: items.get(row.trakt_id) ?? [] }))
    .sort((a, b) => a.slug.localeCompare(b.slug, "en") || a.traktId - b.traktId);

  return { films, plays, ratings, reviews, watchlist, lists };
}
