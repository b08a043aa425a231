/**
 * The benchmark's Trakt: the sandbox server with a generated library, in its own process
 * so that the measured side's CPU time and peak memory are its own. Over IPC it sends
 * "ready" (address, token, the minimum requests of a full export and of a full backup),
 * answers "requests" with the request log, and takes "reset" and
 * "ten-new-plays-and-a-rating" (a week of watching).
 */
import { addPlays, generateLibrary, sam, setRating, startSandbox, type SandboxLibrary } from "../src/sandbox/index.js";

const options = JSON.parse(process.argv[2] ?? "{}") as { plays: number; ratings: number; watchlist: number; episodePlays?: number; latencyMs: number };
const library = generateLibrary({ plays: options.plays, ratings: options.ratings, watchlist: options.watchlist, episodePlays: options.episodePlays, seed: 2026 });
const server = await startSandbox({ library, latencyMs: options.latencyMs });

process.send?.({
  type: "ready",
  url: server.url,
  clientId: server.clientId,
  clientSecret: server.clientSecret,
  token: server.issueToken(),
  minimum: minimumRequests(library),
});

process.on("message", (message: unknown) => {
  if (message === "requests") {
    process.send?.({ type: "requests", count: server.requests.length, paths: countPaths(server.requests.map((r) => r.path)) });
  } else if (message === "reset") {
    server.requests.length = 0;
  } else if (message === "ten-new-plays-and-a-rating") {
    // A week of watching: 10 plays of films already in the library, one rating changed.
    const user = sam(library);
    const films = user.history.flatMap((h) => (h.type === "movie" ? [h.movie.ids.trakt] : [])).slice(0, 10);
    addPlays(server, films.map((traktId, i) => ({ traktId, watchedAt: new Date(Date.parse("2026-11-20T20:00:00Z") + i * 3_600_000).toISOString() })));
    const rated = user.ratings[0];
    if (rated) setRating(server, rated.movie.ids.trakt, rated.rating === 10 ? 9 : rated.rating + 1);
    process.send?.({ type: "edited" });
  } else if (message === "stop") {
    void server.close().then(() => process.exit(0));
  }
});

/**
 * One request per 250 items of every paged endpoint read (at least one), plus the fixed
 * calls: last_activities and settings, and for each film with neither an IMDb nor a
 * TMDb id its people and, when its year is known, one title search.
 */
function minimumRequests(lib: SandboxLibrary): { export: { total: number; parts: Record<string, number> }; backup: { total: number; parts: Record<string, number> } } {
  const user = lib.users[0];
  if (!user) throw new Error("generated library has no user");
  const pages = (n: number) => Math.max(1, Math.ceil(n / 250));
  const movies = <T extends { type: string }>(items: T[]) => items.filter((i) => i.type === "movie").length;
  const idless = new Map<number, boolean>();
  const note = (m: { year: number | null; ids: { trakt: number; imdb: string | null; tmdb: number | null } }) => {
    if (m.ids.imdb === null && m.ids.tmdb === null) idless.set(m.ids.trakt, m.year !== null);
  };
  for (const h of user.history) if (h.type === "movie") note(h.movie);
  for (const r of user.ratings) note(r.movie);
  for (const w of user.watchlist) note(w.movie);
  for (const r of user.reviews) note(r.movie);
  for (const l of user.lists) for (const i of l.items) if (i.type === "movie") note(i.movie);
  const total = (parts: Record<string, number>) => ({ total: Object.values(parts).reduce((a, b) => a + b, 0), parts });
  const shared = {
    lastActivities: 1,
    settings: 1,
    movieHistory: pages(movies(user.history)),
    movieRatings: pages(user.ratings.length),
    lists: pages(user.lists.length),
    filmsWithoutIds: [...idless.values()].reduce((sum, hasYear) => sum + (hasYear ? 2 : 1), 0),
  };
  return {
    export: total({
      ...shared,
      watchlist: pages(user.watchlist.length),
      reviews: pages(user.reviews.length),
      listItems: user.lists.reduce((sum, l) => sum + pages(movies(l.items)), 0),
    }),
    backup: total({
      ...shared,
      episodeHistory: pages(user.history.length - movies(user.history)),
      watchedMovies: pages(user.watched.length),
      watchedShows: pages(user.watchedShows.length),
      showSeasonEpisodeRatings: pages(user.showRatings.length) + pages(user.seasonRatings.length) + pages(user.episodeRatings.length),
      watchlists: pages(user.watchlist.length) + pages(user.showWatchlist.length),
      collections: pages(user.collection.length) + pages(user.showCollection.length),
      comments: pages(user.reviews.length + user.otherComments.length),
      listItems: user.lists.reduce((sum, l) => sum + pages(l.items.length), 0),
    }),
  };
}

function countPaths(paths: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const p of paths) {
    const key = p.replace(/\/\d+(?=\/|$)/g, "/:id");
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}
