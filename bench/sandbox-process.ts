/**
 * The benchmark's Trakt: the sandbox server with a generated library, in its own process
 * so that the export's CPU time and peak memory are measured without the server's.
 * Talks to the parent over IPC: sends "ready" with what the parent needs, answers
 * "requests" with the request log's size.
 */
import { addPlays, generateLibrary, sam, setRating, startSandbox, type SandboxLibrary } from "../src/sandbox/index.js";

const options = JSON.parse(process.argv[2] ?? "{}") as { plays: number; ratings: number; watchlist: number; latencyMs: number };
const library = generateLibrary({ plays: options.plays, ratings: options.ratings, watchlist: options.watchlist, seed: 2026 });
const server = await startSandbox({ library, latencyMs: options.latencyMs });
const token = server.issueToken();

process.send?.({
  type: "ready",
  url: server.url,
  clientId: server.clientId,
  clientSecret: server.clientSecret,
  token,
  minimumRequests: minimumRequests(library),
});

process.on("message", (message: unknown) => {
  if (message === "requests") {
    process.send?.({ type: "requests", count: server.requests.length, paths: countPaths(server.requests.map((r) => r.path)) });
  } else if (message === "reset") {
    server.requests.length = 0;
  } else if (message === "ten-new-plays-and-a-rating") {
    // A week of watching: 10 plays of films already in the library, one rating changed.
    const user = sam(library);
    const films = user.history.slice(0, 10).flatMap((h) => (h.type === "movie" ? [h.movie.ids.trakt] : []));
    addPlays(server, films.map((traktId, i) => ({ traktId, watchedAt: new Date(Date.parse("2026-11-20T20:00:00Z") + i * 3_600_000).toISOString() })));
    const rated = user.ratings[0];
    if (rated) setRating(server, rated.movie.ids.trakt, rated.rating === 10 ? 9 : rated.rating + 1);
    process.send?.({ type: "edited" });
  } else if (message === "stop") {
    void server.close().then(() => process.exit(0));
  }
});

/** One request per 250 items per paged endpoint (at least one), plus the fixed calls. */
function minimumRequests(lib: SandboxLibrary): { total: number; parts: Record<string, number> } {
  const user = lib.users[0];
  if (!user) throw new Error("generated library has no user");
  const pages = (n: number) => Math.max(1, Math.ceil(n / 250));
  const movies = <T extends { type: string }>(items: T[]) => items.filter((i) => i.type === "movie").length;
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
    settings: 1,
    lastActivities: 1,
    history: pages(movies(user.history)),
    ratings: pages(user.ratings.length),
    watchlist: pages(user.watchlist.length),
    reviews: pages(user.reviews.length),
    lists: pages(user.lists.length),
    listItems: user.lists.reduce((sum, l) => sum + pages(movies(l.items)), 0),
    directors: idless.size,
  };
  return { total: Object.values(parts).reduce((a, b) => a + b, 0), parts };
}

function countPaths(paths: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const p of paths) {
    const key = p.replace(/\/\d+(?=\/|$)/g, "/:id");
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}
