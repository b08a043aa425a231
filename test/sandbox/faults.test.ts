import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startSandbox, type SandboxServer } from "../../src/sandbox/index.js";
import { get } from "./helpers.js";

let server: SandboxServer;
beforeAll(async () => {
  server = await startSandbox();
});
afterEach(() => server.clearFaults());
afterAll(() => server.close());

const PATH = "/users/sandbox-sam/history/movies";
const lastLogged = () => server.requests.at(-1);

describe("faults", () => {
  it("answers a status fault with a JSON body and headers, once by default", async () => {
    server.injectFault({ path: PATH, fault: { kind: "status", status: 503, headers: { "Retry-After": "2" } } });
    const res = await get(server, PATH);
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("2");
    expect(await res.json()).toMatchObject({ error: "sandbox_fault" });
    expect((await get(server, PATH)).status).toBe(200);
  });

  it("answers an html fault with Cloudflare's page", async () => {
    server.injectFault({ path: /history/, fault: { kind: "html", status: 429, retryAfter: "300" } });
    const res = await get(server, PATH);
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("300");
    expect(res.headers.get("content-type")).toContain("text/html");
    await expect(res.json()).rejects.toThrow();
  });

  it("resets the connection and logs status 0", async () => {
    server.injectFault({ fault: { kind: "reset" } });
    await expect(get(server, PATH)).rejects.toThrow();
    expect(lastLogged()).toMatchObject({ path: PATH, status: 0 });
  });

  it("truncates a 200 body", async () => {
    server.injectFault({ fault: { kind: "truncate" } });
    const res = await get(server, PATH);
    expect(res.status).toBe(200);
    await expect(res.text()).rejects.toThrow();
    expect(lastLogged()).toMatchObject({ status: 0 });
  });

  it("delays then answers normally", async () => {
    server.injectFault({ fault: { kind: "latency", ms: 150 } });
    const started = performance.now();
    const res = await get(server, PATH);
    expect(res.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });

  it("matches method and path, in insertion order, and honours times", async () => {
    server.injectFault({ method: "POST", fault: { kind: "status", status: 500 } });
    server.injectFault({ path: "/users/sandbox-sam/lists", fault: { kind: "status", status: 502 }, times: 2 });
    server.injectFault({ path: /^\/users\//, fault: { kind: "status", status: 520 }, times: Infinity });
    expect((await get(server, PATH)).status).toBe(520);
    expect((await get(server, "/users/sandbox-sam/lists")).status).toBe(502);
    expect((await get(server, "/users/sandbox-sam/lists")).status).toBe(502);
    expect((await get(server, "/users/sandbox-sam/lists")).status).toBe(520);
    expect((await get(server, "/movies/10")).status).toBe(200);
  });
});
