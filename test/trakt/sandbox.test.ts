/**
 * The client against the fake Trakt (src/sandbox). Sandbox and client share a fake clock
 * whose sleep advances time at once, so Retry-After, backoff and token lifetimes cost
 * nothing real.
 */
import { mkdtemp, readFile, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { AuthError, TraktHttpError, TraktParseError } from "../../src/errors.js";
import { startSandbox, type SandboxOptions, type SandboxServer } from "../../src/sandbox/index.js";
import {
  AuthSession,
  FileTokenStore,
  MemoryTokenStore,
  buildAuthorizeUrl,
  collectItems,
  exchangeCode,
  getLastActivities,
  getMoviePeople,
  getUserSettings,
  listItemsPages,
  movieHistoryPages,
  movieRatingsPages,
  movieReviewsPages,
  movieWatchlistPages,
  pollDeviceToken,
  refreshToken,
  requestDeviceCode,
  revokeToken,
  userListsPages,
  type DevicePoll,
  type Page,
  type TraktClientOptions,
  type TraktToken,
} from "../../src/trakt/index.js";
import { fakeClock, type FakeClock } from "./helpers/fake-clock.js";
import { testClient } from "./helpers/client.js";

let sandbox: SandboxServer | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

async function setup(sandboxOptions: SandboxOptions = {}, clientOptions: Partial<TraktClientOptions> = {}) {
  const clock: FakeClock = fakeClock();
  sandbox = await startSandbox({ now: clock.now, ...sandboxOptions });
  const made = testClient(sandbox.url, { clientId: sandbox.clientId, clientSecret: sandbox.clientSecret, ...clientOptions }, clock);
  return { ...made, sandbox };
}

async function pagesOf<T>(pages: AsyncIterable<Page<T>>): Promise<Page<T>[]> {
  const all: Page<T>[] = [];
  for await (const page of pages) all.push(page);
  return all;
}

describe("pagination against the sandbox", () => {
  it("reads every page of sandbox-sam's history, short page included, in order", async () => {
    const { client, sandbox } = await setup();
    const progress: [number, number][] = [];
    const pages = await pagesOf(movieHistoryPages(client, "sandbox-sam", { onPage: (p) => progress.push([p.page, p.pageCount]) }));
    const pageCount = pages[0]?.pageCount ?? 0;
    expect(pageCount).toBeGreaterThan(1);
    expect(pages.map((p) => p.page)).toEqual(Array.from({ length: pageCount }, (_, i) => i + 1));
    expect(progress.map(([page]) => page)).toEqual(pages.map((p) => p.page));
    // A short page that is not the last one: stopping there would lose the rest.
    expect(pages.slice(0, -1).some((p) => p.items.length < 250)).toBe(true);
    const ids = pages.flatMap((p) => p.items.map((item) => item.id));
    expect(new Set(ids).size).toBe(ids.length);
    const calls = sandbox.requests.filter((r) => r.path === "/users/sandbox-sam/history/movies");
    expect(calls).toHaveLength(pageCount);
    expect(calls.every((r) => r.query.limit === "250" && !r.authed)).toBe(true);
  });

  it("reads every endpoint the export needs, public and authed, through the schemas", async () => {
    const session = new AuthSession({ store: new MemoryTokenStore() });
    const { client, sandbox } = await setup({}, { session });
    await session.save(sandbox.issueToken());
    const settings = await getUserSettings(client);
    expect(settings.user.username).toBe("sandbox-sam");
    expect(settings.account?.timezone).toBe("Europe/Berlin");
    expect((await getLastActivities(client)).all).toEqual(expect.any(String));
    for (const user of [undefined, "sandbox-sam"]) {
      const [history, ratings, watchlist, reviews, lists] = await Promise.all([
        collectItems(movieHistoryPages(client, user)),
        collectItems(movieRatingsPages(client, user)),
        collectItems(movieWatchlistPages(client, user)),
        collectItems(movieReviewsPages(client, user)),
        collectItems(userListsPages(client, user)),
      ]);
      expect(history.length).toBeGreaterThan(250);
      expect(ratings.length).toBeGreaterThan(0);
      expect(watchlist.length).toBeGreaterThan(0);
      expect(reviews.length).toBeGreaterThan(0);
      expect(lists.length).toBeGreaterThan(0);
      const items = await collectItems(listItemsPages(client, user, lists[0]!.ids.trakt));
      expect(items.length).toBeGreaterThan(0);
    }
    const idless = (await collectItems(movieHistoryPages(client))).find((h) => h.movie.ids.imdb === null && h.movie.ids.tmdb === null);
    if (idless) expect((await getMoviePeople(client, idless.movie.ids.trakt)).directors.length).toBeGreaterThan(0);
  });

  it("cannot read a private profile without its owner's token", async () => {
    const { client } = await setup();
    const error = await collectItems(movieHistoryPages(client, "private-pat")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TraktHttpError);
    expect((error as TraktHttpError).status).toBe(401);
  });
});

describe("rate limits against the sandbox", () => {
  it("waits out a Cloudflare 429 with Retry-After, pausing the other pages, and finishes", async () => {
    const { client, sandbox, events, clock } = await setup();
    const start = clock.now();
    const s = sandbox;
    const pages = await pagesOf(
      movieHistoryPages(client, "sandbox-sam", {
        onPage: (p) => p.page === 1 && s.injectFault({ fault: { kind: "html", status: 429, retryAfter: "30" }, path: "/users/sandbox-sam/history/movies" }),
      }),
    );
    expect(pages.map((p) => p.page)).toEqual(Array.from({ length: pages[0]!.pageCount }, (_, i) => i + 1));
    expect(sandbox.requests.filter((r) => r.status === 429)).toHaveLength(1);
    expect(events).toContainEqual({ type: "rate-limited", waitMs: 30_000, reason: "429" });
    expect(clock.now() - start).toBeGreaterThanOrEqual(30_000);
    expect(client.stats.rateLimitedMs).toBe(30_000);
  });

  it("honours the server's X-Ratelimit header: waits for its reset instead of meeting a 429", async () => {
    const { client, sandbox, events } = await setup({ rateLimit: { limit: 3, periodSeconds: 60 } });
    await pagesOf(movieHistoryPages(client, "sandbox-sam"));
    await pagesOf(movieRatingsPages(client, "sandbox-sam"));
    await pagesOf(movieWatchlistPages(client, "sandbox-sam"));
    await pagesOf(userListsPages(client, "sandbox-sam"));
    expect(sandbox.requests.length).toBeGreaterThan(3);
    expect(sandbox.requests.filter((r) => r.status === 429)).toEqual([]);
    expect(events.some((e) => e.type === "rate-limited" && e.reason === "server-budget")).toBe(true);
  });

  it("stays under a budget it knows, never meeting a 429", async () => {
    const { client, sandbox, events } = await setup({ rateLimit: { limit: 3, periodSeconds: 60 } }, { rateLimit: { limit: 3, periodMs: 60_000 } });
    await pagesOf(movieHistoryPages(client, "sandbox-sam"));
    await pagesOf(movieRatingsPages(client, "sandbox-sam"));
    expect(sandbox.requests.filter((r) => r.status === 429)).toEqual([]);
    expect(events.some((e) => e.type === "rate-limited" && (e.reason === "budget" || e.reason === "server-budget"))).toBe(true);
  });
});

describe("faults against the sandbox", () => {
  it("retries Cloudflare HTML 5xx pages, a 5xx burst, a reset and a truncated body", async () => {
    const { client, sandbox, events } = await setup({}, { retry: { maxAttempts: 10 } });
    const path = /\/history\/movies$/;
    sandbox.injectFault({ fault: { kind: "html", status: 503, retryAfter: "2" }, path });
    sandbox.injectFault({ fault: { kind: "status", status: 502 }, path, times: 2 });
    sandbox.injectFault({ fault: { kind: "html", status: 520 }, path });
    sandbox.injectFault({ fault: { kind: "reset" }, path });
    sandbox.injectFault({ fault: { kind: "truncate" }, path });
    const expected = await collectItems(movieRatingsPages(client, "sandbox-sam"));
    const history = await collectItems(movieHistoryPages(client, "sandbox-sam"));
    expect(history.length).toBeGreaterThan(250);
    expect(expected.length).toBeGreaterThan(0);
    const reasons = events.flatMap((e) => (e.type === "retry" ? [e.reason] : []));
    expect(reasons).toEqual(["HTTP 503", "HTTP 502", "HTTP 502", "HTTP 520", "network error", "network error"]);
  });

  it("reports a 200 HTML page as a TraktParseError without retrying", async () => {
    const { client, sandbox } = await setup();
    sandbox.injectFault({ fault: { kind: "html", status: 200 }, path: "/users/sandbox-sam/ratings/movies" });
    await expect(collectItems(movieRatingsPages(client, "sandbox-sam"))).rejects.toBeInstanceOf(TraktParseError);
    expect(sandbox.requests).toHaveLength(1);
  });

  it("gives up after the attempts with the last error", async () => {
    const { client, sandbox } = await setup();
    sandbox.injectFault({ fault: { kind: "status", status: 500 }, times: Infinity });
    await expect(getMoviePeople(client, 1)).rejects.toThrow(`GET ${sandbox.url}/movies/1/people → 500`);
    expect(sandbox.requests).toHaveLength(6);
  });
});

describe("tokens against the sandbox", () => {
  async function fileSession(token: TraktToken) {
    const dir = await mkdtemp(join(tmpdir(), "trakt-sandbox-"));
    const store = new FileTokenStore(join(dir, "token.json"));
    await store.save(token);
    return { store, session: new AuthSession({ store }) };
  }

  it("survives token expiry mid-pagination: one refresh for all pages, new pair saved 0600, old refresh token not reused", async () => {
    const clock = fakeClock();
    sandbox = await startSandbox({ now: clock.now });
    const first = sandbox.issueToken();
    const { store, session } = await fileSession(first);
    const { client, events } = testClient(sandbox.url, { clientId: sandbox.clientId, clientSecret: sandbox.clientSecret, session }, clock);
    const s = sandbox;
    const pages = await pagesOf(movieHistoryPages(client, undefined, { onPage: (p) => p.page === 1 && s.expireAccessTokens() }));
    expect(pages.map((p) => p.page)).toEqual(Array.from({ length: pages[0]!.pageCount }, (_, i) => i + 1));
    expect(sandbox.requests.filter((r) => r.path === "/oauth/token")).toHaveLength(1);
    expect(sandbox.requests.filter((r) => r.status === 401).length).toBeGreaterThanOrEqual(1);
    const saved = JSON.parse(await readFile(store.path, "utf8")) as TraktToken;
    expect(saved.refresh_token).not.toBe(first.refresh_token);
    expect(saved.access_token).not.toBe(first.access_token);
    expect(((await stat(store.path)).mode & 0o777).toString(8)).toBe("600");
    expect(events.filter((e) => e.type === "token-refreshed")).toHaveLength(1);
    // The old refresh token is dead at Trakt: had we used it again, the session would be gone.
    await expect(refreshToken(client, first.refresh_token)).rejects.toMatchObject({ status: 400 });
  });

  it("refreshes shortly before expiry without meeting a 401", async () => {
    const session = new AuthSession({ store: new MemoryTokenStore() });
    const { client, sandbox, clock } = await setup({ accessTokenTtlSeconds: 3600 }, { session });
    await session.save(sandbox.issueToken());
    await getUserSettings(client);
    await clock.sleep(3300 * 1000); // 5 min left, inside the 6 min margin (10% of 1 h)
    await getUserSettings(client);
    expect(sandbox.requests.map((r) => [r.path, r.status])).toEqual([
      ["/users/settings", 200],
      ["/oauth/token", 200],
      ["/users/settings", 200],
    ]);
  });

  it("after a revoke, the refresh fails with AuthError(refresh-failed)", async () => {
    const session = new AuthSession({ store: new MemoryTokenStore() });
    const { client, sandbox } = await setup({}, { session });
    const token = sandbox.issueToken();
    await session.save(token);
    await revokeToken(client, token.access_token);
    const error = await getUserSettings(client).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect((error as AuthError).reason).toBe("refresh-failed");
    expect((error as Error).message).not.toContain(token.refresh_token);
    expect((error as Error).message).not.toContain(sandbox.clientSecret);
  });
});

describe("OAuth against the sandbox", () => {
  it("device flow: pending polls, then the token", async () => {
    const { client, sandbox } = await setup({ deviceFlow: { interval: 5, expiresIn: 600, autoApproveAfterPolls: 2 } });
    const code = await requestDeviceCode(client);
    expect(code.verification_url).toBe(`${sandbox.url}/activate`);
    const polls: DevicePoll[] = [];
    const token = await pollDeviceToken(client, code, { onPoll: (p) => polls.push(p) });
    expect(polls.map((p) => p.status)).toEqual(["pending", "pending"]);
    const session = new AuthSession({ store: new MemoryTokenStore(token) });
    const authed = testClient(sandbox.url, { clientId: sandbox.clientId, clientSecret: sandbox.clientSecret, session, now: client.now, sleep: client.sleep });
    expect((await getUserSettings(authed.client)).user.username).toBe("sandbox-sam");
    // The code is used up now.
    await expect(pollDeviceToken(client, code)).rejects.toMatchObject({ reason: "code-used" });
  });

  it("device flow: slows down on 429 and keeps polling", async () => {
    const { client, sandbox } = await setup({ deviceFlow: { interval: 5, autoApproveAfterPolls: 1 } });
    const code = await requestDeviceCode(client);
    const polls: DevicePoll[] = [];
    // Polling every 2 s against a 5 s interval: Trakt says "slow down".
    await pollDeviceToken(client, { ...code, interval: 2 }, { onPoll: (p) => polls.push(p) });
    expect(polls.map((p) => [p.status, p.intervalMs])).toEqual([
      ["pending", 2000],
      ["slow-down", 7000],
    ]);
    expect(sandbox.requests.filter((r) => r.path === "/oauth/device/token").map((r) => r.status)).toEqual([400, 429, 200]);
  });

  it("device flow: denied, expired and unknown codes", async () => {
    const { client, sandbox } = await setup({ deviceFlow: { interval: 5, expiresIn: 30 } });
    const denied = await requestDeviceCode(client);
    sandbox.denyDevice(denied.user_code);
    await expect(pollDeviceToken(client, denied)).rejects.toMatchObject({ reason: "denied" });
    const expired = await requestDeviceCode(client);
    await expect(pollDeviceToken(client, expired)).rejects.toMatchObject({ reason: "expired" });
    await expect(pollDeviceToken(client, { ...expired, device_code: "nope" })).rejects.toMatchObject({ reason: "invalid-code" });
  });

  it("device flow: 410 from Trakt is 'expired'", async () => {
    const { client } = await setup({ deviceFlow: { interval: 5, expiresIn: 30 } });
    const code = await requestDeviceCode(client);
    // Believe the code lives longer than it does: Trakt's 410 ends the wait.
    await expect(pollDeviceToken(client, { ...code, expires_in: 3600 })).rejects.toMatchObject({ reason: "expired" });
  });

  it("authorization code: authorize URL, code from the page, exchange", async () => {
    const { client, sandbox } = await setup();
    const page = await (await fetch(buildAuthorizeUrl(client, { state: "st4te" }), { headers: { "User-Agent": "test" } })).text();
    const code = /<code id="code">([^<]+)<\/code>/.exec(page)?.[1] ?? "";
    const token = await exchangeCode(client, code);
    expect(token.access_token).toEqual(expect.any(String));
    await expect(exchangeCode(client, code)).rejects.toMatchObject({ status: 400 });
    const authed = testClient(sandbox.url, { clientId: sandbox.clientId, session: new AuthSession({ store: new MemoryTokenStore(token) }), now: client.now });
    expect((await getUserSettings(authed.client)).user.username).toBe("sandbox-sam");
  });
});
