import { afterEach, describe, expect, it } from "vitest";
import { startSandbox, type SandboxOptions, type SandboxServer, type TraktToken } from "../../src/sandbox/index.js";
import { get, manualClock, post } from "./helpers.js";

let server: SandboxServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(options: SandboxOptions = {}): Promise<SandboxServer> {
  server = await startSandbox(options);
  return server;
}

async function deviceCode(s: SandboxServer): Promise<{ device_code: string; user_code: string; interval: number; expires_in: number; verification_url: string }> {
  const res = await post(s, "/oauth/device/code", { client_id: s.clientId });
  expect(res.status).toBe(200);
  return (await res.json()) as { device_code: string; user_code: string; interval: number; expires_in: number; verification_url: string };
}

const poll = (s: SandboxServer, code: string) => post(s, "/oauth/device/token", { code, client_id: s.clientId, client_secret: s.clientSecret });

describe("device flow", () => {
  it("answers pending, slow down, then the token once approved, then 409", async () => {
    const clock = manualClock();
    const s = await start({ now: clock.now });
    const code = await deviceCode(s);
    expect(code).toMatchObject({ interval: 5, expires_in: 600, verification_url: `${s.url}/activate` });
    expect(s.lastUserCode()).toBe(code.user_code);

    expect((await poll(s, code.device_code)).status).toBe(400);
    clock.advance(1000);
    expect((await poll(s, code.device_code)).status).toBe(429);
    clock.advance(5000);
    expect((await poll(s, code.device_code)).status).toBe(400);

    s.approveDevice(code.user_code);
    clock.advance(5000);
    const ok = await poll(s, code.device_code);
    expect(ok.status).toBe(200);
    const token = (await ok.json()) as TraktToken;
    expect(token).toMatchObject({ token_type: "bearer", scope: "public", expires_in: 604800, created_at: Math.floor(clock.now() / 1000) });
    expect((await get(s, "/users/settings", token.access_token)).status).toBe(200);

    clock.advance(5000);
    expect((await poll(s, code.device_code)).status).toBe(409);
  });

  it("answers 418 when denied, 410 when expired, 404 for an unknown code, 401 for a wrong secret", async () => {
    const clock = manualClock();
    const s = await start({ now: clock.now });
    const denied = await deviceCode(s);
    s.denyDevice(denied.user_code);
    expect((await poll(s, denied.device_code)).status).toBe(418);

    const expiring = await deviceCode(s);
    clock.advance(600_000);
    expect((await poll(s, expiring.device_code)).status).toBe(410);

    expect((await poll(s, "nope")).status).toBe(404);
    const wrong = await post(s, "/oauth/device/token", { code: expiring.device_code, client_id: s.clientId, client_secret: "wrong" });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ error: "invalid_client" });
  });

  it("auto-approves after the configured number of polls", async () => {
    const s = await start({ deviceFlow: { interval: 0, autoApproveAfterPolls: 1 } });
    const code = await deviceCode(s);
    expect((await poll(s, code.device_code)).status).toBe(400);
    expect((await poll(s, code.device_code)).status).toBe(200);
  });

  it("lets a person approve or deny a code on the /activate page, as a browser (no API headers)", async () => {
    const s = await start({ deviceFlow: { interval: 0 } });
    const browser = { "User-Agent": "a browser" };
    const decide = (code: string, decision: string) => fetch(`${s.url}/activate`, { method: "POST", headers: browser, body: new URLSearchParams({ code, decision }) });

    const approved = await deviceCode(s);
    const page = await fetch(`${s.url}/activate`, { headers: browser });
    expect(page.headers.get("content-type")).toContain("text/html");
    expect(await page.text()).toContain(`value="${approved.user_code}"`);
    expect((await poll(s, approved.device_code)).status).toBe(400);
    // Typed as a person might: lower case, with a dash.
    const typed = `${approved.user_code.slice(0, 4).toLowerCase()}-${approved.user_code.slice(4)}`;
    expect((await decide(typed, "approve")).status).toBe(200);
    expect((await poll(s, approved.device_code)).status).toBe(200);
    expect((await decide(approved.user_code, "approve")).status).toBe(409);

    const denied = await deviceCode(s);
    expect((await decide(denied.user_code, "deny")).status).toBe(200);
    expect((await poll(s, denied.device_code)).status).toBe(418);
    expect((await decide("NOSUCHCODE", "approve")).status).toBe(404);
  });
});

describe("tokens", () => {
  const refresh = (s: SandboxServer, refreshToken: string) =>
    post(s, "/oauth/token", { refresh_token: refreshToken, client_id: s.clientId, client_secret: s.clientSecret, redirect_uri: "urn:ietf:wg:oauth:2.0:oob", grant_type: "refresh_token" });

  it("uses each refresh token once and kills the old pair", async () => {
    const s = await start();
    const first = s.issueToken();
    const res = await refresh(s, first.refresh_token);
    expect(res.status).toBe(200);
    const second = (await res.json()) as TraktToken;
    expect(second.refresh_token).not.toBe(first.refresh_token);
    expect((await get(s, "/users/settings", first.access_token)).status).toBe(401);
    expect((await get(s, "/users/settings", second.access_token)).status).toBe(200);

    const reused = await refresh(s, first.refresh_token);
    expect(reused.status).toBe(400);
    expect(await reused.json()).toMatchObject({ error: "invalid_grant", error_description: expect.any(String) });
  });

  it("refreshes an expired access token", async () => {
    const s = await start();
    const token = s.issueToken();
    s.expireAccessTokens();
    expect((await get(s, "/users/settings", token.access_token)).status).toBe(401);
    const fresh = (await (await refresh(s, token.refresh_token)).json()) as TraktToken;
    expect((await get(s, "/users/settings", fresh.access_token)).status).toBe(200);
  });

  it("revokes a token", async () => {
    const s = await start();
    const token = s.issueToken();
    const res = await post(s, "/oauth/revoke", { token: token.access_token, client_id: s.clientId, client_secret: s.clientSecret });
    expect(res.status).toBe(200);
    expect((await get(s, "/users/settings", token.access_token)).status).toBe(401);
    expect((await refresh(s, token.refresh_token)).status).toBe(400);
  });

  it("exchanges an out-of-band authorization code once", async () => {
    const s = await start();
    const oob = "urn:ietf:wg:oauth:2.0:oob";
    const page = await fetch(`${s.url}/oauth/authorize?response_type=code&client_id=${s.clientId}&redirect_uri=${encodeURIComponent(oob)}&state=xyz`, {
      headers: { "User-Agent": "tests" },
    });
    expect(page.headers.get("content-type")).toContain("text/html");
    const code = /<code id="code">([^<]+)<\/code>/.exec(await page.text())?.[1] ?? "";
    const exchange = () => post(s, "/oauth/token", { code, client_id: s.clientId, client_secret: s.clientSecret, redirect_uri: oob, grant_type: "authorization_code" });
    expect((await exchange()).status).toBe(200);
    expect((await exchange()).status).toBe(400);
  });

  it("redirects to a loopback redirect_uri with the code and state", async () => {
    const s = await start();
    const res = await fetch(`${s.url}/oauth/authorize?response_type=code&client_id=${s.clientId}&redirect_uri=${encodeURIComponent("http://127.0.0.1:9/cb")}&state=abc`, {
      headers: { "User-Agent": "tests" },
      redirect: "manual",
    });
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get("location") ?? "");
    expect(location.searchParams.get("state")).toBe("abc");
    expect(location.searchParams.get("code")).toMatch(/^[0-9a-f]+$/);
  });

  it("refuses a wrong client secret with invalid_client", async () => {
    const s = await start();
    const res = await post(s, "/oauth/token", { refresh_token: s.issueToken().refresh_token, client_id: s.clientId, client_secret: "nope", grant_type: "refresh_token" });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: "invalid_client" });
  });
});
