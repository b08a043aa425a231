import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateLibrary, sampleLibrary, startSandbox, type SandboxServer } from "../../src/sandbox/index.js";
import { get } from "./helpers.js";

let server: SandboxServer;
beforeAll(async () => {
  server = await startSandbox();
});
afterAll(() => server.close());

describe("profiles", () => {
  it("reads a public profile with the client id alone", async () => {
    const res = await get(server, "/users/sandbox-sam/ratings/movies?limit=250");
    expect(res.status).toBe(200);
    const ratings = (await res.json()) as { rating: number }[];
    expect(new Set(ratings.map((r) => r.rating))).toEqual(new Set([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]));
  });

  it("reads a private profile only with its owner's token", async () => {
    expect((await get(server, "/users/private-pat/history/movies")).status).toBe(401);
    expect((await get(server, "/users/private-pat/history/movies", server.issueToken().access_token)).status).toBe(401);
    expect((await get(server, "/users/private-pat/history/movies", server.issueToken("private-pat").access_token)).status).toBe(200);
    expect((await get(server, "/users/me/lists")).status).toBe(401);
    expect((await get(server, "/users/nobody/lists")).status).toBe(404);
  });

  it("serves shows among list items only when not filtered to movies", async () => {
    const all = (await (await get(server, "/users/sandbox-sam/lists/best-of-2024/items")).json()) as { type: string }[];
    const movies = (await (await get(server, "/users/sandbox-sam/lists/9001/items/movie")).json()) as { type: string }[];
    expect(all.map((i) => i.type)).toContain("show");
    expect(movies.every((i) => i.type === "movie")).toBe(true);
    expect(movies.length).toBe(all.length - 1);
  });
});

describe("libraries", () => {
  it("builds the same sample library every time", () => {
    expect(JSON.stringify(sampleLibrary())).toBe(JSON.stringify(sampleLibrary()));
  });

  it("holds the hard cases", () => {
    const [sam] = sampleLibrary().users;
    if (!sam) throw new Error("no user");
    const plays = sam.history.flatMap((h) => (h.type === "movie" ? [h] : []));
    const titles = new Set(plays.map((p) => p.movie.title));
    for (const t of ["Crouching Tiger, Hidden Dragon", '"Crocodile" Dundee', "千と千尋の神隠し", "Сталкер", "وجدة"]) expect(titles).toContain(t);
    expect(plays.some((p) => p.movie.ids.imdb === null && p.movie.ids.tmdb === null && p.movie.year === null)).toBe(true);
    expect(plays.filter((p) => p.watched_at === "1970-01-01T00:00:00.000Z").map((p) => p.movie.title)).toEqual(["Casablanca", "Casablanca", "The Matrix"]);
    expect(new Set(plays.map((p) => p.action))).toEqual(new Set(["watch", "scrobble", "checkin"]));
    expect(sam.watchlist.map((w) => w.rank)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(sam.last_activities.movies.watched_at).toBe(plays.find((p) => !p.hidden)?.watched_at);
  });

  // How fast is the bench's business (speed is never asserted in a test: a busy machine fails it).
  it("generates a 100K-play library", () => {
    const library = generateLibrary({ plays: 100_000, ratings: 20_000, watchlist: 5_000, seed: 3 });
    const [user] = library.users;
    expect(user?.history).toHaveLength(100_000);
    expect(user?.ratings).toHaveLength(20_000);
    expect(user?.watchlist).toHaveLength(5_000);
    expect(user?.watched.length).toBeGreaterThan(20_000);
  });
});
