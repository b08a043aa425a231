import type { Film, Library, ListItem, PersonalList, Play, Rating, Review, WatchlistEntry } from "../letterboxd/library.js";

/** The parts of Trakt's movie object the mapping needs (structural, so any validated response fits). */
export interface ApiMovie {
  title?: string | null;
  year?: number | null;
  ids: { trakt: number; imdb?: string | null; tmdb?: number | null };
}

const PLAY_ACTIONS = new Set(["watch", "scrobble", "checkin"]);

/**
 * Turns Trakt's responses, page by page, into the plain Library the mapping reads.
 * Pages can arrive in any order and from several endpoints at once; films are kept once.
 */
export class LibraryBuilder {
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
