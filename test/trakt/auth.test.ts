import { mkdtemp, readFile, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { AuthError } from "../../src/errors.js";
import {
  AuthSession,
  FileTokenStore,
  MemoryTokenStore,
  buildAuthorizeUrl,
  exchangeCode,
  pollDeviceToken,
  requestDeviceCode,
  revokeToken,
  type DevicePoll,
  type TraktToken,
} from "../../src/trakt/index.js";
import { startScriptedServer, type Handler, type ScriptedResponse, type ScriptedServer } from "./helpers/scripted-server.js";
import { CLIENT_SECRET, testClient } from "./helpers/client.js";

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});
async function serve(script: ScriptedResponse[] | Handler) {
  server = await startScriptedServer(script);
  return server;
}

const NOW_S = Date.parse("2026-10-01T00:00:00Z") / 1000;
const token = (n: number, createdAt = NOW_S, expiresIn = 86_400): TraktToken => ({
  access_token: `access-${n}-xxxxxxxx`,
  token_type: "bearer",
  expires_in: expiresIn,
  refresh_token: `refresh-${n}-xxxxxxxx`,
  scope: "public",
  created_at: createdAt,
});
const DEVICE = { device_code: "dev-code-123456", user_code: "ABCD1234", verification_url: "https://trakt.tv/activate", expires_in: 60, interval: 5 };

describe("device flow", () => {
  it("requests a code and polls through pending and slow-down to a token", async () => {
    const s = await serve([{ body: DEVICE }, { status: 400, body: {} }, { status: 429, body: {} }, { status: 400, body: {} }, { body: token(1) }]);
    const { client, clock } = testClient(s.url);
    const code = await requestDeviceCode(client);
    expect(code).toEqual(DEVICE);
    const polls: DevicePoll[] = [];
    expect(await pollDeviceToken(client, code, { onPoll: (poll) => polls.push(poll) })).toEqual(token(1));
    expect(polls.map((p) => [p.status, p.intervalMs])).toEqual([
      ["pending", 5000],
      ["slow-down", 10_000],
      ["pending", 10_000],
    ]);
    expect(clock.sleeps).toEqual([5000, 5000, 10_000, 10_000]);
    expect(s.requests[0]).toMatchObject({ method: "POST", path: "/oauth/device/code", body: { client_id: "test-client-id" } });
    expect(s.requests[1]).toMatchObject({ path: "/oauth/device/token", body: { code: "dev-code-123456", client_id: "test-client-id", client_secret: CLIENT_SECRET } });
  });

  it.each([
    [404, "invalid-code"],
    [409, "code-used"],
    [410, "expired"],
    [418, "denied"],
  ] as const)("maps %i to AuthError(%s)", async (status, reason) => {
    const s = await serve([{ status: 400, body: {} }, { status, body: {} }]);
    const { client } = testClient(s.url);
    const error = await pollDeviceToken(client, DEVICE).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect((error as AuthError).reason).toBe(reason);
  });

  it("stops at expires_in", async () => {
    const s = await serve(() => ({ status: 400, body: {} }));
    const { client } = testClient(s.url);
    const error = await pollDeviceToken(client, DEVICE).catch((e: unknown) => e);
    expect((error as AuthError).reason).toBe("expired");
    expect(s.requests.length).toBe(11);
  });
});

describe("authorization code", () => {
  it("builds the authorize URL and exchanges the code", async () => {
    const s = await serve([{ body: token(1) }]);
    const { client } = testClient(s.url);
    expect(buildAuthorizeUrl(client, { state: "xyz" })).toBe(
      `${s.url}/oauth/authorize?response_type=code&client_id=test-client-id&redirect_uri=urn%3Aietf%3Awg%3Aoauth%3A2.0%3Aoob&state=xyz`,
    );
    expect(await exchangeCode(client, "the-code")).toEqual(token(1));
    expect(s.requests[0]?.body).toEqual({
      code: "the-code",
      redirect_uri: "urn:ietf:wg:oauth:2.0:oob",
      grant_type: "authorization_code",
      client_id: "test-client-id",
      client_secret: CLIENT_SECRET,
    });
  });

  it("revokes", async () => {
    const s = await serve([{ body: {} }]);
    const { client } = testClient(s.url);
    await revokeToken(client, "access-1-xxxxxxxx");
    expect(s.requests[0]).toMatchObject({ path: "/oauth/revoke", body: { token: "access-1-xxxxxxxx", client_secret: CLIENT_SECRET } });
  });
});

/** A fake Trakt that accepts one live access token and rotates single-use refresh tokens. */
function rotatingTrakt(first: number) {
  let live = first;
  let accessRevoked = false;
  let refreshes = 0;
  const handler: Handler = (request) => {
    if (request.path === "/oauth/token") {
      const body = request.body as { refresh_token?: string };
      if (body.refresh_token !== `refresh-${live}-xxxxxxxx`) return { status: 400, body: { error: "invalid_grant", error_description: `bad ${body.refresh_token}` } };
      refreshes++;
      live++;
      accessRevoked = false;
      return { body: token(live), delayMs: 20 };
    }
    if (accessRevoked || request.headers.authorization !== `Bearer access-${live}-xxxxxxxx`) return { status: 401, body: {} };
    return { body: { path: request.path } };
  };
  return { handler, refreshes: () => refreshes, revokeAccess: () => void (accessRevoked = true) };
}

describe("AuthSession", () => {
  it("fails with not-logged-in without a token", async () => {
    const s = await serve([]);
    const { client } = testClient(s.url, { session: new AuthSession({ store: new MemoryTokenStore() }) });
    await expect(client.get("/users/settings", z.unknown(), { auth: true })).rejects.toMatchObject({ reason: "not-logged-in" });
    const bare = testClient(s.url).client;
    await expect(bare.get("/users/settings", z.unknown(), { auth: true })).rejects.toMatchObject({ reason: "not-logged-in" });
  });

  it("refreshes before expiry, saves the new pair to token.json (0600) before using it", async () => {
    const trakt = rotatingTrakt(1);
    const s = await serve(trakt.handler);
    const dir = await mkdtemp(join(tmpdir(), "trakt-auth-"));
    const store = new FileTokenStore(join(dir, "token.json"));
    // 24 h token created 23.5 h ago: inside the 1 h margin.
    await store.save(token(1, NOW_S - 23.5 * 3600));
    const session = new AuthSession({ store });
    let savedWhenUsed: unknown;
    const { client, events } = testClient(s.url, {
      session,
      fetch: async (input, init) => {
        if (new Headers(init?.headers).get("authorization") === "Bearer access-2-xxxxxxxx") savedWhenUsed ??= JSON.parse(await readFile(store.path, "utf8"));
        return fetch(input, init);
      },
    });
    expect(await client.get("/sync/history/movies", z.unknown(), { auth: true })).toEqual({ path: "/sync/history/movies" });
    expect(trakt.refreshes()).toBe(1);
    expect(savedWhenUsed).toEqual(token(2));
    expect(((await stat(store.path)).mode & 0o777).toString(8)).toBe("600");
    expect(events).toContainEqual({ type: "token-refreshed", expiresAt: (NOW_S + 86_400) * 1000 });
  });

  it("shares one refresh between concurrent 401s and never reuses the old refresh token", async () => {
    const trakt = rotatingTrakt(1);
    const s = await serve(trakt.handler);
    const store = new MemoryTokenStore(token(1));
    const { client } = testClient(s.url, { session: new AuthSession({ store }) });
    // The token looks valid for hours, but Trakt rejects it: every caller gets a 401 at once.
    trakt.revokeAccess();
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => client.get(`/x/${i}`, z.unknown(), { auth: true })));
    expect(results).toEqual(Array.from({ length: 6 }, (_, i) => ({ path: `/x/${i}` })));
    expect(trakt.refreshes()).toBe(1);
    expect(s.requests.filter((r) => r.path === "/oauth/token")).toHaveLength(1);
    expect(store.token?.refresh_token).toBe("refresh-2-xxxxxxxx");
  });

  it("turns a refused refresh into AuthError(refresh-failed) that says to log in again", async () => {
    const s = await serve([{ status: 401, body: {} }, { status: 400, body: { error: "invalid_grant", error_description: "The refresh token is invalid" } }]);
    const { client } = testClient(s.url, { session: new AuthSession({ store: new MemoryTokenStore(token(1)) }) });
    const error = (await client.get("/x", z.unknown(), { auth: true }).catch((e: unknown) => e)) as AuthError;
    expect(error).toBeInstanceOf(AuthError);
    expect(error.reason).toBe("refresh-failed");
    expect(error.message).toContain("run `trakt-letterboxd auth` again");
    expect(error.message).not.toContain("refresh-1-xxxxxxxx");
  });

  it("gives AuthError(unauthorized) when Trakt keeps refusing refreshed tokens, after a bounded number of refreshes", async () => {
    const s = await serve([{ status: 401, body: {} }, { body: token(2) }, { status: 401, body: {} }, { body: token(3) }, { status: 401, body: {} }, { body: token(4) }, { status: 401, body: {} }]);
    const { client } = testClient(s.url, { session: new AuthSession({ store: new MemoryTokenStore(token(1)) }) });
    await expect(client.get("/x", z.unknown(), { auth: true })).rejects.toMatchObject({ reason: "unauthorized" });
    expect(s.requests.filter((r) => r.path === "/oauth/token")).toHaveLength(3);
  });

  it("uses the pair another process saved instead of spending the old refresh token", async () => {
    const store = new MemoryTokenStore(token(1));
    const session = new AuthSession({ store });
    await session.current();
    // Another process refreshed meanwhile: token.json holds pair 2; Trakt now refuses pair 1.
    store.token = token(2);
    const s = await serve((request) => (request.headers.authorization === `Bearer ${token(2).access_token}` ? { body: { ok: true } } : { status: 401, body: {} }));
    const { client } = testClient(s.url, { session });
    expect(await client.get("/x", z.unknown(), { auth: true })).toEqual({ ok: true });
    expect(s.requests.filter((r) => r.path === "/oauth/token")).toHaveLength(0);
  });

  it("sends a refresh once: a lost answer is never retried, and says the login may be used up", async () => {
    for (const lost of [{ status: 502, body: {} }, { reset: true }] satisfies ScriptedResponse[]) {
      const s = await serve([{ status: 401, body: {} }, lost, { body: token(2) }]);
      const { client } = testClient(s.url, { session: new AuthSession({ store: new MemoryTokenStore(token(1)) }) });
      await expect(client.get("/x", z.unknown(), { auth: true })).rejects.toMatchObject({ reason: "refresh-failed", message: expect.stringContaining("was lost") });
      expect(s.requests.filter((r) => r.path === "/oauth/token")).toHaveLength(1);
    }
  });

  it("FileTokenStore: missing file is no token, a broken one is a clear AuthError, remove deletes", async () => {
    const dir = await mkdtemp(join(tmpdir(), "trakt-store-"));
    const store = new FileTokenStore(join(dir, "token.json"));
    expect(await store.load()).toBeUndefined();
    await store.save({ ...token(1), extra_field: "kept" } as TraktToken);
    expect(await store.load()).toEqual({ ...token(1), extra_field: "kept" });
    await store.remove();
    expect(await store.load()).toBeUndefined();
    const { writeFile } = await import("node:fs/promises");
    await writeFile(store.path, "{not json");
    await expect(store.load()).rejects.toMatchObject({ reason: "not-logged-in" });
  });

});
