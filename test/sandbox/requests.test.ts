import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSandbox, type SandboxServer } from "../../src/sandbox/index.js";
import { apiHeaders, get } from "./helpers.js";

let server: SandboxServer;
beforeAll(async () => {
  server = await startSandbox();
});
afterAll(() => server.close());

/** fetch always sends a User-Agent, so this one goes through node:http, which sends none. */
function getWithoutUserAgent(path: string): Promise<{ status: number; contentType: string; body: string }> {
  return new Promise((resolve, reject) => {
    const headers = apiHeaders(server);
    delete headers["User-Agent"];
    const req = request(server.url + path, { headers }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (body += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, contentType: String(res.headers["content-type"]), body }));
    });
    req.on("error", reject);
    req.end();
  });
}

describe("required headers", () => {
  it("answers a request without User-Agent with Cloudflare's 403 HTML page", async () => {
    const res = await getWithoutUserAgent("/users/sandbox-sam/history/movies");
    expect(res.status).toBe(403);
    expect(res.contentType).toContain("text/html");
    expect(res.body).toMatch(/^<!DOCTYPE html>/);
  });

  it("refuses a missing or wrong API key with 403 JSON", async () => {
    const res = await fetch(`${server.url}/users/sandbox-sam/history/movies`, { headers: { ...apiHeaders(server), "trakt-api-key": "nope" } });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ error: "invalid_api_key" });
  });

  it("wants trakt-api-version 2", async () => {
    const res = await fetch(`${server.url}/users/sandbox-sam/history/movies`, { headers: { ...apiHeaders(server), "trakt-api-version": "1" } });
    expect(res.status).toBe(400);
  });

  it("answers 401 to unknown and expired tokens, and to /sync without one", async () => {
    expect((await get(server, "/users/settings", "not-a-token")).status).toBe(401);
    expect((await get(server, "/sync/history/movies")).status).toBe(401);
    const token = server.issueToken();
    expect((await get(server, "/users/settings", token.access_token)).status).toBe(200);
    server.expireAccessTokens();
    const expired = await get(server, "/users/settings", token.access_token);
    expect(expired.status).toBe(401);
    expect(await expired.json()).toMatchObject({ error: "invalid_token" });
  });

  it("answers unknown paths with 404 JSON", async () => {
    const res = await get(server, "/no/such/thing");
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: "not_found" });
  });

  it("logs every request with its query and status, but never a token", async () => {
    const token = server.issueToken();
    const before = server.requests.length;
    await get(server, "/sync/history/movies?page=2&limit=10", token.access_token);
    await get(server, `/users/sandbox-sam/lists?access_token=${token.access_token}`);
    const logged = server.requests.slice(before);
    expect(logged[0]).toEqual({ method: "GET", path: "/sync/history/movies", query: { page: "2", limit: "10" }, status: 200, authed: true });
    expect(logged[1]).toMatchObject({ path: "/users/sandbox-sam/lists", query: {}, authed: false });
    expect(JSON.stringify(server.requests)).not.toContain(token.access_token);
  });
});

describe("movie endpoints", () => {
  it("serves settings, extended movies, people, aliases and search", async () => {
    const token = server.issueToken();
    const settings = (await (await get(server, "/users/settings", token.access_token)).json()) as { account: { timezone: string } };
    expect(settings.account.timezone).toBe("Europe/Berlin");
    const full = (await (await get(server, "/movies/tt0133093?extended=full")).json()) as { title: string; runtime: number };
    expect(full).toMatchObject({ title: "The Matrix", runtime: expect.any(Number) });
    const short = (await (await get(server, "/movies/10")).json()) as Record<string, unknown>;
    expect(Object.keys(short)).toEqual(["title", "year", "ids"]);
    const people = (await (await get(server, "/movies/8/people")).json()) as { crew: { directing: { person: { name: string } }[] } };
    expect(people.crew.directing.map((d) => d.person.name)).toEqual(["Harold Lindqvist", "Greta Lindqvist"]);
    expect((await get(server, "/movies/10/aliases")).status).toBe(200);
    const found = (await (await get(server, "/search/movie?query=matrix")).json()) as { movie: { ids: { trakt: number } } }[];
    expect(found.map((r) => r.movie.ids.trakt)).toEqual([10]);
  });
});
