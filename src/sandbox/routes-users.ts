import type { ListItem, SandboxUser } from "./library-types.js";
import { pagedReply } from "./pagination.js";
import { json, notFound, unauthorized, type Reply, type Route, type RouteContext } from "./router.js";
import { views } from "./routes-sync.js";

/**
 * `{id}` is `me` (needs a token) or a username/slug. A public profile is readable
 * with the client id alone; a private one only with its owner's token.
 */
function resolveUser(ctx: RouteContext): SandboxUser | Reply {
  const id = ctx.params.id ?? "";
  if (id === "me") return ctx.viewer ?? unauthorized();
  const user = ctx.state.library.user(id);
  if (!user) return notFound();
  if (user.settings.user.private && ctx.viewer !== user) return unauthorized();
  return user;
}

function forUser(handler: (user: SandboxUser, ctx: RouteContext) => Reply): (ctx: RouteContext) => Reply {
  return (ctx) => {
    const user = resolveUser(ctx);
    return "settings" in user ? handler(user, ctx) : user;
  };
}

function listItems(type: "movie" | "show" | undefined): (user: SandboxUser, ctx: RouteContext) => Reply {
  return (user, ctx) => {
    const wanted = ctx.params.list ?? "";
    const entry = user.lists.find((l) => String(l.list.ids.trakt) === wanted || l.list.ids.slug === wanted);
    if (!entry) return notFound();
    const items: ListItem[] = type ? entry.items.filter((item) => item.type === type) : entry.items;
    return pagedReply(items, ctx.query);
  };
}

export const userRoutes: Route[] = [
  { method: "GET", path: "/users/settings", auth: "required", handle: (ctx) => (ctx.viewer ? json(200, ctx.viewer.settings) : unauthorized()) },
  {
    method: "GET",
    path: "/users/:id",
    handle: forUser((user) => {
      const { joined_at: _joined, ...profile } = user.settings.user;
      return json(200, profile);
    }),
  },
  { method: "GET", path: "/users/:id/history/movies", handle: forUser(views.history) },
  { method: "GET", path: "/users/:id/ratings/movies", handle: forUser(views.ratings) },
  { method: "GET", path: "/users/:id/watchlist/movies", handle: forUser(views.watchlist) },
  { method: "GET", path: "/users/:id/watched/movies", handle: forUser(views.watched) },
  { method: "GET", path: "/users/:id/collection/movies", handle: forUser(views.collection) },
  { method: "GET", path: "/users/:id/lists", handle: forUser((user, ctx) => pagedReply(user.lists.map((l) => l.list), ctx.query)) },
  { method: "GET", path: "/users/:id/lists/:list/items", handle: forUser(listItems(undefined)) },
  { method: "GET", path: "/users/:id/lists/:list/items/movie", handle: forUser(listItems("movie")) },
  { method: "GET", path: "/users/:id/lists/:list/items/movies", handle: forUser(listItems("movie")) },
  { method: "GET", path: "/users/:id/lists/:list/items/show", handle: forUser(listItems("show")) },
  { method: "GET", path: "/users/:id/comments", handle: forUser(views.comments) },
  // Trakt gives comments 10 a page without a limit.
  { method: "GET", path: "/users/:id/comments/reviews/movies", handle: forUser((user, ctx) => pagedReply(user.reviews, ctx.query, 10)) },
];
