import { afterEach, describe, expect, it } from "vitest";
import { buildLetterboxdExport } from "../../src/letterboxd/index.js";
import { CatalogBuilder, finishUser } from "../../src/sandbox/library-builder.js";
import type { SandboxLibrary } from "../../src/sandbox/index.js";
import { loadLibrary } from "../../src/store/index.js";
import { syncStore } from "../../src/sync/index.js";
import { requestLines, world, type World } from "../sync/helpers.js";

let w: World | undefined;
afterEach(async () => {
  await w?.close();
  w = undefined;
});

/**
 * Four id-less films: one Trakt also holds with ids (same title and year), one whose year
 * only Trakt's full record has (not asked for: the history's copy is what the files use),
 * one found nowhere, and one of unknown year that shares its title with a film that has ids.
 */
function library(): SandboxLibrary {
  const catalog = new CatalogBuilder();
  const stub = catalog.add(1, "Le Samouraï", 1967, null, null, ["Jean-Pierre Melville"]);
  catalog.add(2, "Le Samourai", 1967, "tt0062229", 5511, ["Jean-Pierre Melville"]);
  catalog.add(3, "Le Samouraï", 2003, "tt9999999", 77, ["Someone Else"]);
  const noYear = catalog.add(4, "Home Movie", null, null, null, ["Dad"]);
  const entry = catalog.entries.find((e) => e.movie.ids.trakt === 4);
  if (entry) entry.movie.year = 1988;
  const lost = catalog.add(5, "Lost Reel", 1950, null, null, []);
  const tape = catalog.add(6, "Basement Tape", null, null, null, []);
  catalog.add(7, "Basement Tape", 2011, "tt7777777", 777, ["Someone Famous"]);
  const base = sampleSettings();
  const play = (movie: typeof stub, at: string, id: number) => ({ id, watched_at: at, action: "watch" as const, type: "movie" as const, movie });
  const user = finishUser({
    settings: base,
    history: [play(stub, "2020-01-01T20:00:00.000Z", 1), play(noYear, "2020-01-02T20:00:00.000Z", 2), play(lost, "2020-01-03T20:00:00.000Z", 3), play(tape, "2020-01-04T20:00:00.000Z", 4)],
    ratings: [],
    watchlist: [],
    collection: [],
    lists: [],
    reviews: [],
  });
  return { users: [user], catalog: catalog.entries };
}

function sampleSettings() {
  return {
    user: { username: "sandbox-sam", private: false, name: "Sam", vip: false, vip_ep: false, ids: { slug: "sandbox-sam" }, joined_at: "2015-06-01T10:00:00.000Z", location: null, about: null },
    account: { timezone: "UTC", date_format: "dmy", time_24hr: true, cover_image: null },
  };
}

describe("enrichment of films without ids", () => {
  it("fills ids from the one sure search match with two calls at most per film, caches it, and leaves the rest to the user", async () => {
    w = await world(library());
    const store = w.open();
    const first = await syncStore({ client: w.client(), store });
    expect(first.filmsEnriched).toBe(4);
    const lines = requestLines(w.takeRequests());
    // Per film its people and, when its year is known, one title search; never its record or aliases.
    expect(lines.filter((l) => l.startsWith("/movies/") || l.startsWith("/search")).sort()).toEqual(
      ["/movies/1/people", "/movies/4/people", "/movies/5/people", "/movies/6/people", "/search/movie", "/search/movie"].sort(),
    );

    const letterboxd = buildLetterboxdExport(loadLibrary(store), { timeZone: "UTC" });
    const row = (title: string) => letterboxd.diary.find((r) => r.film.title === title)?.film;
    // "Le Samourai" (1967) is the same film with ids; the 2003 one is not (another year).
    expect(row("Le Samouraï")).toMatchObject({ imdb: "tt0062229", tmdb: 5511 });
    expect(row("Home Movie")).toMatchObject({ year: null, imdb: null, tmdb: null, directors: ["Dad"] });
    expect(row("Basement Tape")).toMatchObject({ year: null, imdb: null, tmdb: null });
    expect(letterboxd.titleOnlyFilms.map((f) => f.title)).toEqual(["Basement Tape", "Home Movie", "Lost Reel"]);

    const again = await syncStore({ client: w.client(), store });
    expect(again.filmsEnriched).toBe(0);
    expect(requestLines(w.takeRequests()).filter((l) => l.startsWith("/movies") || l.startsWith("/search"))).toEqual([]);
  });
});
