import type { Movie } from "./library-types.js";
import { pagedReply } from "./pagination.js";
import { json, notFound, type Route } from "./router.js";

export const movieRoutes: Route[] = [
  {
    method: "GET",
    path: "/movies/:id",
    handle: ({ params, query, state }) => {
      const entry = state.library.movie(params.id ?? "");
      if (!entry) return notFound();
      const { title, year, ids } = entry.movie;
      return json(200, query.extended?.split(",").includes("full") ? entry.movie : { title, year, ids });
    },
  },
  {
    method: "GET",
    path: "/movies/:id/aliases",
    handle: ({ params, state }) => {
      const entry = state.library.movie(params.id ?? "");
      return entry ? json(200, entry.aliases) : notFound();
    },
  },
  {
    method: "GET",
    path: "/movies/:id/people",
    handle: ({ params, state }) => {
      const entry = state.library.movie(params.id ?? "");
      return entry ? json(200, entry.people) : notFound();
    },
  },
  {
    method: "GET",
    path: "/search/movie",
    // A plain title match, case and accents ignored; Trakt gives search 50 a page.
    handle: ({ query, state }) => {
      const fold = (text: string) => text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
      const needle = fold(query.query ?? "");
      const results: { type: "movie"; score: number; movie: Movie }[] = [];
      if (needle !== "") {
        for (const { movie } of state.library.library.catalog) {
          const title = fold(movie.title);
          if (!title.includes(needle)) continue;
          const { title: t, year, ids } = movie;
          results.push({ type: "movie", score: title === needle ? 1000 : 500, movie: { title: t, year, ids } });
        }
        results.sort((a, b) => b.score - a.score);
      }
      return pagedReply(results, query, 50);
    },
  },
];
