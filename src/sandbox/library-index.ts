import type { CatalogEntry, MovieHistoryItem, SandboxLibrary, SandboxUser } from "./library-types.js";

/** Lookups over a library, built once when the server starts. */
export class LibraryIndex {
  readonly owner: SandboxUser;
  private readonly users = new Map<string, SandboxUser>();
  private readonly movies = new Map<string, CatalogEntry>();
  private readonly movieHistories = new Map<SandboxUser, MovieHistoryItem[]>();

  constructor(readonly library: SandboxLibrary) {
    const owner = library.users[0];
    if (!owner) throw new Error("sandbox: the library needs at least one user");
    this.owner = owner;
    for (const user of library.users) {
      this.users.set(user.settings.user.username.toLowerCase(), user);
      this.users.set(user.settings.user.ids.slug.toLowerCase(), user);
    }
    for (const entry of library.catalog) {
      const { trakt, slug, imdb } = entry.movie.ids;
      this.movies.set(String(trakt), entry);
      if (!this.movies.has(slug)) this.movies.set(slug, entry);
      if (imdb) this.movies.set(imdb, entry);
    }
  }

  user(usernameOrSlug: string): SandboxUser | undefined {
    return this.users.get(usernameOrSlug.toLowerCase());
  }

  /** By Trakt id, slug or IMDb id, as /movies/{id} accepts. */
  movie(id: string): CatalogEntry | undefined {
    return this.movies.get(id);
  }

  movieHistory(user: SandboxUser): MovieHistoryItem[] {
    let items = this.movieHistories.get(user);
    if (!items) {
      items = user.history.filter((h): h is MovieHistoryItem => h.type === "movie");
      this.movieHistories.set(user, items);
    }
    return items;
  }
}
