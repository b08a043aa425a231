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
  allHistory: ((user, ctx) => {
    const keep = timeFilter(ctx);
    return pagedReply(keep ? user.history.filter((h) => keep(h.watched_at)) : user.history, ctx.query);
  }) satisfies View,
  ratings: ((user, ctx) => pagedReply(user.ratings, ctx.query)) satisfies View,
  watchlist: ((user, ctx) => pagedReply(user.watchlist, ctx.query)) satisfies View,
  watched: ((user, ctx) => pagedReply(user.watched, ctx.query)) satisfies View,
  collection: ((user, ctx) => pagedReply(user.collection, ctx.query)) satisfies View,
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
];
