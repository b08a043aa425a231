/**
 * The tests' oracle: the Library fetched straight from Trakt with no store, built by
 * its own small mapper, to compare with what the store-based sync loads. Not product
 * code: every source of the tool goes through the store (src/store/load-library.ts).
 */
import type { Film, ListItem, PersonalList, Play, Rating, Review, WatchlistEntry } from "../../src/letterboxd/library.js";
import type { Library } from "../../src/letterboxd/library.js";
import type { FetchKind, FetchProgress } from "../../src/sync/progress.js";
import {
  getMoviePeople,
  movieHistoryPages,
  movieRatingsPages,
  movieReviewsPages,
  movieWatchlistPages,
  listItemsPages,
  userListsPages,
  type TraktClient,
} from "../../src/trakt/index.js";

export interface FetchLibraryOptions {
  client: TraktClient;
  /** A public profile's slug; undefined means the logged-in user ("me", authed endpoints). */
  user?: string;
  kinds: ReadonlySet<FetchKind>;
  onProgress?: (progress: FetchProgress) => void;
}

/**
 * Fetches everything the chosen kinds need, endpoints side by side (the client bounds
 * concurrency and rate), and builds the Library. Directors are asked for only for films
 * with neither an IMDb nor a TMDb id, after the rest is in.
 */
export async function fetchLibrary(options: FetchLibraryOptions): Promise<Library> {
  const { client, user, kinds } = options;
  const builder = new LibraryBuilder();
  const counter = progressCounter(options.onProgress);

  const jobs: Promise<void>[] = [];
  if (kinds.has("history")) {
    jobs.push(drain(movieHistoryPages(client, user), "history", counter, (items) => builder.addHistory(items)));
  }
  if (kinds.has("ratings")) {
    jobs.push(drain(movieRatingsPages(client, user), "ratings", counter, (items) => builder.addRatings(items)));
  }
  if (kinds.has("watchlist")) {
    jobs.push(drain(movieWatchlistPages(client, user), "watchlist", counter, (items) => builder.addWatchlist(items)));
  }
  if (kinds.has("reviews")) {
    jobs.push(drain(movieReviewsPages(client, user), "reviews", counter, (items) => builder.addReviews(items)));
  }
  if (kinds.has("lists")) {
    jobs.push(
      (async () => {
        const lists = [];
        for await (const page of userListsPages(client, user)) lists.push(...page.items);
        counter("lists", 0, lists.length);
        await Promise.all(
          lists.map(async (list) => {
            const items = [];
            for await (const page of listItemsPages(client, user, list.ids.trakt)) items.push(...page.items);
            builder.addList(list, items);
            counter("lists", 1, lists.length);
          }),
        );
      })(),
    );
  }
  await Promise.all(jobs);

  if (kinds.has("directors")) {
    const idless = builder.filmsWithoutIds();
    counter("directors", 0, idless.length);
    await Promise.all(
      idless.map(async (film) => {
        const people = await getMoviePeople(client, film.traktId);
        builder.setDirectors(film.traktId, people.directors);
        counter("directors", 1, idless.length);
      }),
    );
  }
  return builder.build();
}

type Counter = (kind: FetchKind, add: number, total: number | undefined) => void;

function progressCounter(onProgress: FetchLibraryOptions["onProgress"]): Counter {
  const done = new Map<FetchKind, number>();
  return (kind, add, total) => {
    const now = (done.get(kind) ?? 0) + add;
    done.set(kind, now);
    onProgress?.({ kind, done: now, total });
  };
}

async function drain<T>(
  pages: AsyncIterable<{ items: T[]; itemCount: number | undefined }>,
  kind: FetchKind,
  counter: Counter,
  add: (items: T[]) => void,
): Promise<void> {
  for await (const page of pages) {
    add(page.items);
    counter(kind, page.items.length, page.itemCount);
  }
}


/** The parts of Trakt's movie object the mapping needs (structural, so any validated response fits). */
interface ApiMovie {
  title?: string | null;
  year?: number | null;
  ids: { trakt: number; imdb?: string | null; tmdb?: number | null };
}

const PLAY_ACTIONS = new Set(["watch", "scrobble", "checkin"]);

/**
 * Turns Trakt's responses, page by page, into the plain Library the mapping reads.
 * Pages can arrive in any order and from several endpoints at once; films are kept once.
 */
class LibraryBuilder {
  private readonly films = new Map<number, Film>();
  private readonly plays: Play[] = [];
  private readonly ratings: Rating[] = [];
  private readonly reviews: Review[] = [];
  private readonly watchlist: WatchlistEntry[] = [];
  private readonly lists: PersonalList[] = [];

  addHistory(items: readonly { id: number; watched_at: string; action: string; movie: ApiMovie }[]): void {
    for (const item of items) {
      if (!PLAY_ACTIONS.has(item.action)) continue;
      this.plays.push({ historyId: item.id, traktId: this.film(item.movie), watchedAt: item.watched_at });
    }
  }

  addRatings(items: readonly { rated_at: string; rating: number; movie: ApiMovie }[]): void {
    for (const item of items) {
      this.ratings.push({ traktId: this.film(item.movie), rating: item.rating, ratedAt: item.rated_at });
    }
  }

  addWatchlist(items: readonly { rank: number; listed_at: string; notes?: string | null; movie: ApiMovie }[]): void {
    for (const item of items) {
      this.watchlist.push({ traktId: this.film(item.movie), rank: item.rank, listedAt: item.listed_at, notes: item.notes ?? null });
    }
  }

  addReviews(
    items: readonly {
      comment: { id: number; comment: string; spoiler?: boolean; review?: boolean; created_at: string; updated_at?: string | null };
      movie: ApiMovie;
    }[],
  ): void {
    for (const item of items) {
      // The reviews endpoint returns only reviews, but guard against a plain comment slipping in.
      if (item.comment.review === false) continue;
      this.reviews.push({
        traktId: this.film(item.movie),
        commentId: item.comment.id,
        text: item.comment.comment,
        spoiler: item.comment.spoiler ?? false,
        createdAt: item.comment.created_at,
        updatedAt: item.comment.updated_at ?? item.comment.created_at,
      });
    }
  }

  addList(
    list: { name: string; description?: string | null; ids: { trakt: number; slug: string } },
    items: readonly { rank: number; listed_at: string; notes?: string | null; movie?: ApiMovie | null }[],
  ): void {
    const listItems: ListItem[] = [];
    for (const item of items) {
      if (!item.movie) continue;
      listItems.push({ traktId: this.film(item.movie), rank: item.rank, listedAt: item.listed_at, notes: item.notes ?? null });
    }
    this.lists.push({ traktId: list.ids.trakt, slug: list.ids.slug, name: list.name, description: list.description ?? null, items: listItems });
  }

  /** Films Letterboxd can only match by title, year and director. */
  filmsWithoutIds(): Film[] {
    return [...this.films.values()].filter((film) => film.imdb === null && film.tmdb === null);
  }

  setDirectors(traktId: number, names: string[]): void {
    const film = this.films.get(traktId);
    if (film) film.directors = names;
  }

  build(): Library {
    return {
      films: this.films,
      plays: this.plays,
      ratings: this.ratings,
      reviews: this.reviews,
      watchlist: this.watchlist,
      lists: [...this.lists].sort((a, b) => a.slug.localeCompare(b.slug, "en") || a.traktId - b.traktId),
    };
  }

  private film(movie: ApiMovie): number {
    const traktId = movie.ids.trakt;
    if (!this.films.has(traktId)) {
      this.films.set(traktId, {
        traktId,
        title: movie.title ?? "",
        year: movie.year ?? null,
        imdb: movie.ids.imdb ?? null,
        tmdb: movie.ids.tmdb ?? null,
      });
    }
    return traktId;
  }
}
