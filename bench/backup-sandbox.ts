/**
 * The backup benchmark's Trakt: the sandbox with the 100K-play library plus episode
 * plays, in its own process. Sends "ready" (with the minimum requests a backup needs),
 * answers "requests" with the request log's size.
 */
import { generateLibrary, startSandbox, type SandboxLibrary } from "../src/sandbox/index.js";

const options = JSON.parse(process.argv[2] ?? "{}") as { plays: number; ratings: number; watchlist: number; episodePlays: number; latencyMs: number };
const library = generateLibrary({ ...options, seed: 2026 });
const server = await startSandbox({ library, latencyMs: options.latencyMs });

process.send?.({ type: "ready", url: server.url, clientId: server.clientId, clientSecret: server.clientSecret, token: server.issueToken(), minimumRequests: minimumRequests(library) });

process.on("message", (message: unknown) => {
  if (message === "requests") {
    const paths: Record<string, number> = {};
    for (const r of server.requests) {
      const key = r.path.replace(/\/\d+(?=\/|$)/g, "/:id");
      paths[key] = (paths[key] ?? 0) + 1;
    }
    process.send?.({ type: "requests", count: server.requests.length, paths });
  } else if (message === "stop") {
    void server.close().then(() => process.exit(0));
  }
});

/**
 * One request per 250 items of every paged endpoint a backup reads (at least one), the
 * two `/sync/last_activities` (the backup's own and the export sync's it runs), settings,
 * and for each film with neither id: people, full record, aliases and a search.
 */
function minimumRequests(lib: SandboxLibrary): { total: number; parts: Record<string, number> } {
  const user = lib.users[0];
  if (!user) throw new Error("generated library has no user");
  const pages = (n: number) => Math.max(1, Math.ceil(n / 250));
  const idless = new Set<number>();
  const note = (m: { ids: { trakt: number; imdb: string | null; tmdb: number | null } }) => {
    if (m.ids.imdb === null && m.ids.tmdb === null) idless.add(m.ids.trakt);
  };
  for (const h of user.history) if (h.type === "movie") note(h.movie);
  for (const r of user.ratings) note(r.movie);
  for (const w of user.watchlist) note(w.movie);
  for (const r of user.reviews) note(r.movie);
  for (const l of user.lists) for (const i of l.items) if (i.type === "movie") note(i.movie);
  const parts: Record<string, number> = {
    lastActivities: 2,
    settings: 1,
    movieHistory: pages(user.history.filter((h) => h.type === "movie").length),
    episodeHistory: pages(user.history.filter((h) => h.type === "episode").length),
    watchedMovies: pages(user.watched.length),
    watchedShows: pages(user.watchedShows.length),
    movieRatings: pages(user.ratings.length),
    showSeasonEpisodeRatings: pages(user.showRatings.length) + pages(user.seasonRatings.length) + pages(user.episodeRatings.length),
    watchlists: pages(user.watchlist.length) + pages(user.showWatchlist.length),
    collections: pages(user.collection.length) + pages(user.showCollection.length),
    comments: pages(user.reviews.length + user.otherComments.length),
    lists: pages(user.lists.length),
    listItems: user.lists.reduce((sum, l) => sum + pages(l.items.length), 0),
    filmsWithoutIds: idless.size * 4,
  };
  return { total: Object.values(parts).reduce((a, b) => a + b, 0), parts };
}
