import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSandbox, type SandboxServer } from "../../src/sandbox/index.js";
import { get, manualClock } from "./helpers.js";

const clock = manualClock();
let server: SandboxServer;
beforeAll(async () => {
  server = await startSandbox({ now: clock.now, rateLimit: { limit: 3, periodSeconds: 300 } });
});
afterAll(() => server.close());

const rateHeader = (res: Response): Record<string, unknown> => JSON.parse(res.headers.get("x-ratelimit") ?? "{}") as Record<string, unknown>;

describe("rate limit", () => {
  it("counts GETs per token in a fixed window and answers 429 with Retry-After and X-Ratelimit", async () => {
    const token = server.issueToken().access_token;
    const remaining: unknown[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await get(server, "/users/settings", token);
      expect(res.status).toBe(200);
      remaining.push(rateHeader(res).remaining);
    }
    expect(remaining).toEqual([2, 1, 0]);

    clock.advance(100_000);
    const limited = await get(server, "/users/settings", token);
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("200");
    expect(rateHeader(limited)).toEqual({
      name: "AUTHED_API_GET_LIMIT",
      period: 300,
      limit: 3,
      remaining: 0,
      until: new Date(clock.now() + 200_000).toISOString(),
    });
    expect(await limited.json()).toMatchObject({ error: "rate_limit_exceeded" });

    // The client id has its own budget; another token too.
    expect((await get(server, "/users/sandbox-sam/lists")).status).toBe(200);
    expect(rateHeader(await get(server, "/users/sandbox-sam/lists")).name).toBe("UNAUTHED_API_GET_LIMIT");

    clock.advance(199_500);
    expect((await get(server, "/users/settings", token)).headers.get("retry-after")).toBe("1");
    clock.advance(500);
    expect((await get(server, "/users/settings", token)).status).toBe(200);
  });
});
