import type { Film, Library, ListItem, PersonalList, Plays } from "../letterboxd/library.js";
import { enrichFilm, filmEnrichmentSchema } from "../letterboxd/film-enrichment.js";
import { cachedDirectors, cachedMetadata } from "./metadata.js";
import type { Store } from "./store.js";

/** History actions that are plays (CONTRACT.md "Mapping rules"). */
const PLAY_ACTIONS = ["watch", "scrobble", "checkin"];

/**
 * The mapping's input, read from the store, whatever filled it (the API sync, our
 * backup, Trakt's data export): plays newest first, as Trakt serves them, so rows list
 * their history ids in the same order; lists in slug order. The plays are read from the
 * store on each pass over them (`Plays`), so use the library while the store is open
 * and unchanged (an export holds its lock for that).
 */
export function loadLibrary(store: Store): Library {
  const { q } = store;
  const directors = cachedDirectors(store);
  const enrichments = cachedMetadata(store, "enrichment", filmEnrichmentSchema);
  const films = new Map<number, Film>();
  for (const row of store.all(q.selectFrom("films").selectAll())) {
    const film: Film = { traktId: row.trakt_id, title: row.title, year: row.year, imdb: row.imdb, tmdb: row.tmdb };
    films.set(film.traktId, enrichFilm(film, enrichments.get(film.traktId), directors.get(film.traktId)));
  }

  const playRows = q.selectFrom("plays").select(["history_id", "trakt_id", "watched_at"]).where("action", "in", PLAY_ACTIONS).orderBy("watched_at", "desc").orderBy("history_id", "desc");
  const playCount = store.first(q.selectFrom("plays").select((eb) => eb.fn.countAll<number>().as("n")).where("action", "in", PLAY_ACTIONS))?.n ?? 0;
  const plays: Plays = {
    length: playCount,
    *[Symbol.iterator]() {
      for (const row of store.iterate(playRows)) yield { historyId: row.history_id, traktId: row.trakt_id, watchedAt: row.watched_at };
    },
  };
  const ratings = store
    .all(q.selectFrom("ratings").selectAll().orderBy("trakt_id"))
    .map((row) => ({ traktId: row.trakt_id, rating: row.rating, ratedAt: row.rated_at }));
  const reviews = store.all(q.selectFrom("reviews").selectAll().orderBy("comment_id")).map((row) => ({
    traktId: row.trakt_id,
    commentId: row.comment_id,
    text: row.text,
    spoiler: row.spoiler === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }));
  const watchlist = store
    .all(q.selectFrom("watchlist").selectAll().orderBy("rank").orderBy("trakt_id"))
    .map((row) => ({ traktId: row.trakt_id, rank: row.rank, listedAt: row.listed_at, notes: row.notes }));

  const items = new Map<number, ListItem[]>();
  for (const row of store.all(q.selectFrom("list_items").selectAll().orderBy("list_id").orderBy("rank"))) {
    const list = items.get(row.list_id) ?? [];
    list.push({ traktId: row.trakt_id, rank: row.rank, listedAt: row.listed_at, notes: row.notes });
    items.set(row.list_id, list);
  }
  const lists: PersonalList[] = store
    .all(q.selectFrom("lists").selectAll())
    .map((row) => ({ traktId: row.trakt_id, slug: row.slug, name: row.name, description: row.description, items: items.get(row.trakt_id) ?? [] }))
    .sort((a, b) => a.slug.localeCompare(b.slug, "en") || a.traktId - b.traktId);

  return { films, plays, ratings, reviews, watchlist, lists };
}
