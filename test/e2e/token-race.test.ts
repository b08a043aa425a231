import { spawn } from "node:child_process";
import { readFile, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { tokenSchema } from "../../src/trakt/schemas.js";
import { useE2e, type E2e } from "../helpers/e2e.js";
import { BIN, runCli } from "../helpers/run-cli.js";

describe("one token, many processes", () => {
  let e2e: E2e;
  useE2e({}, (made) => ({ e2e } = made));

  it("an export, `auth status` and a page of `serve` all start with an expired token: one refresh, nobody logged out", async () => {
    const path = join(e2e.home, "token.json");
    const saved = JSON.parse(await readFile(path, "utf8")) as { created_at: number; expires_in: number };
    // Expired for the tool (it refreshes before its first call) and for Trakt alike.
    saved.created_at = Math.floor(Date.now() / 1000) - saved.expires_in - 60;
    await writeFile(path, JSON.stringify(saved), { mode: 0o600 });
    e2e.sandbox.expireAccessTokens();
    // A slow refresh, so that all three are refreshing at the same time.
    e2e.sandbox.injectFault({ method: "POST", path: "/oauth/token", fault: { kind: "latency", ms: 1500 }, times: Infinity });

    const env = { PATH: process.env.PATH ?? "", HOME: e2e.cwd, ...e2e.env };
    const serve = spawn(process.execPath, [BIN, "serve", "--port", "0"], { cwd: e2e.cwd, env, stdio: ["ignore", "pipe", "inherit"] });
    try {
      const loginUrl = await new Promise<string>((resolve, reject) => {
        let out = "";
        serve.stdout.on("data", (chunk: Buffer) => {
          out += chunk.toString();
          const url = /Open (http:\/\/\S+\/login\?key=\S+) in your browser/.exec(out)?.[1];
          if (url) resolve(url);
        });
        serve.once("exit", () => reject(new Error(`serve ended: ${out}`)));
      });
      const page = async (): Promise<string> => {
        const login = await fetch(loginUrl, { redirect: "manual" });
        const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
        const response = await fetch(new URL("/connect", loginUrl), { headers: { cookie } });
        return response.text();
      };
      const before = e2e.sandbox.requests.length;
      const [exported, status, html] = await Promise.all([
        runCli(["export", "--out", "out", "--only", "watchlist"], { cwd: e2e.cwd, env: e2e.env }),
        runCli(["auth", "status"], { cwd: e2e.cwd, env: e2e.env }),
        page(),
      ]);
      expect(exported.code, exported.stderr).toBe(0);
      expect(status.code, status.stderr).toBe(0);
      expect(status.stdout).toContain("Logged in to Trakt as sandbox-sam");
      expect(html).toContain("sandbox-sam");
      const refreshes = e2e.sandbox.requests.slice(before).filter((r) => r.method === "POST" && r.path === "/oauth/token");
      expect(refreshes).toHaveLength(1);
      // token.json ends valid, private, and holds the pair Trakt issued last.
      expect(tokenSchema.safeParse(JSON.parse(await readFile(path, "utf8"))).success).toBe(true);
      expect((await stat(path)).mode & 0o777).toBe(0o600);
      const again = await runCli(["auth", "status"], { cwd: e2e.cwd, env: e2e.env });
      expect(again.code, again.stderr).toBe(0);
    } finally {
      serve.kill();
    }
  });
});
