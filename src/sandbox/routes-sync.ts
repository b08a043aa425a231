import type { SandboxUser } from "./library-types.js";
import { pagedReply } from "./pagination.js";
import { json, unauthorized, type Reply, type Route, type RouteContext } from "./router.js";

type View = (user: SandboxUser, ctx: RouteContext) => Reply;

function timeFilter(ctx: RouteContext): ((watchedAt: string) => boolean) | undefined {
  const from = ctx.query.start_at === undefined ? undefined : Date.parse(ctx.query.start_at);
  const to = ctx.query.end_at === undefined ? undefined : Date.parse(ctx.query.end_at);
  if (from === undefined && to === undefined) return undefined;
  return (watchedAt) => {
    const t = Date.parse(watchedAt);
    return (from === undefined || Number.isNaN(from) || t >= from) && (to === undefined || Number.isNaN(to) || t <= to);
  };
}

/** A user's collections, shared by the /sync (own, authed) and /users/{id} (public) forms. */
export const views = {
  history: ((user, ctx) => {
    const items = ctx.state.library.movieHistory(user);
    const keep = timeFilter(ctx);
    return pagedReply(keep ? items.filter((h) => keep(h.watched_at)) : items, ctx.query);
  }) satisfies View,
  episodeHistory: ((user, ctx) => {
    const keep = timeFilter(ctx);
    return pagedReply(user.history.filter((h) => h.type === "episode" && (!keep || keep(h.watched_at))), ctx.query);
  }) satisfies View,
  allHistory: ((user, ctx) => {
    const keep = timeFilter(ctx);
    return pagedReply(keep ? user.history.filter((h) => keep(h.watched_at)) : user.history, ctx.query);
  }) satisfies View,
  ratings: ((user, ctx) => pagedReply(user.ratings, ctx.query)) satisfies View,
  watchlist: ((user, ctx) => pagedReply(user.watchlist, ctx.query)) satisfies View,
  watched: ((user, ctx) => pagedReply(user.watched, ctx.query)) satisfies View,
  collection: ((user, ctx) => pagedReply(user.collection, ctx.query)) satisfies View,
  watchedShows: ((user, ctx) => pagedReply(user.watchedShows, ctx.query)) satisfies View,
  showRatings: ((user, ctx) => pagedReply(user.showRatings, ctx.query)) satisfies View,
  seasonRatings: ((user, ctx) => pagedReply(user.seasonRatings, ctx.query)) satisfies View,
  episodeRatings: ((user, ctx) => pagedReply(user.episodeRatings, ctx.query)) satisfies View,
  showWatchlist: ((user, ctx) => pagedReply(user.showWatchlist, ctx.query)) satisfies View,
  showCollection: ((user, ctx) => pagedReply(user.showCollection, ctx.query)) satisfies View,
  /** Reviews and other comments together, newest first; Trakt gives comments 10 a page without a limit. */
  comments: ((user, ctx) => {
    const all = [...user.reviews, ...user.otherComments].sort((a, b) => (a.comment.created_at < b.comment.created_at ? 1 : a.comment.created_at > b.comment.created_at ? -1 : b.comment.id - a.comment.id));
    return pagedReply(all, ctx.query, 10);
  }) satisfies View,
};

/** The viewer's own data; the server has already answered 401 without a token. */
function own(view: View): (ctx: RouteContext) => Reply {
  return (ctx) => (ctx.viewer ? view(ctx.viewer, ctx) : unauthorized());
}

export const syncRoutes: Route[] = [
  { method: "GET", path: "/sync/last_activities", auth: "required", handle: own((user) => json(200, user.last_activities)) },
  { method: "GET", path: "/sync/history", auth: "required", handle: own(views.allHistory) },
  { method: "GET", path: "/sync/history/movies", auth: "required", handle: own(views.history) },
  { method: "GET", path: "/sync/ratings/movies", auth: "required", handle: own(views.ratings) },
  { method: "GET", path: "/sync/watchlist/movies", auth: "required", handle: own(views.watchlist) },
  { method: "GET", path: "/sync/watched/movies", auth: "required", handle: own(views.watched) },
  { method: "GET", path: "/sync/collection/movies", auth: "required", handle: own(views.collection) },
  { method: "GET", path: "/sync/history/episodes", auth: "required", handle: own(views.episodeHistory) },
  { method: "GET", path: "/sync/watched/shows", auth: "required", handle: own(views.watchedShows) },
  { method: "GET", path: "/sync/ratings/shows", auth: "required", handle: own(views.showRatings) },
  { method: "GET", path: "/sync/ratings/seasons", auth: "required", handle: own(views.seasonRatings) },
  { method: "GET", path: "/sync/ratings/episodes", auth: "required", handle: own(views.episodeRatings) },
  { method: "GET", path: "/sync/watchlist/shows", auth: "required", handle: own(views.showWatchlist) },
  { method: "GET", path: "/sync/collection/shows", auth: "required", handle: own(views.showCollection) },
];
