import type { Library } from "../letterboxd/library.js";
import {
  getMoviePeople,
  movieHistoryPages,
  movieRatingsPages,
  movieReviewsPages,
  movieWatchlistPages,
  listItemsPages,
  userListsPages,
  type TraktClient,
} from "../trakt/index.js";
import { LibraryBuilder } from "./library-builder.js";

/** The kinds of data an export can need; `--only` narrows them. */
export type FetchKind = "history" | "ratings" | "watchlist" | "lists" | "reviews" | "directors";

export interface FetchProgress {
  kind: FetchKind;
  /** Items received so far for this kind. */
  done: number;
  /** Items Trakt says there are, once known. */
  total: number | undefined;
}

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
