import { libraryStats } from "./library-stats.js";
import { libraryPage } from "./pages/library-page.js";
import type { WebContext, WebRoutes } from "./web-context.js";

/** "Library": charts of the local store, and their numbers as JSON. */
export function libraryRoutes(app: WebRoutes, ctx: WebContext): void {
  const stats = () => ctx.withStore((store) => libraryStats(store, { timeZone: ctx.settings.timeZone }));
  app.get("/library", async (c) => {
    const s = stats();
    return ctx.page(c, "library", "Your library", () => libraryPage(s && s.totals.films > 0 ? s : undefined));
  });
  app.get("/api/library", (c) => c.json(stats() ?? null));
}
