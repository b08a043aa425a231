import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { createServer } from "node:net";
import { access, rm } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BIN, runCli, withTempDir, type CliResult } from "../helpers/run-cli.js";

interface Running {
  child: ChildProcessWithoutNullStreams;
  /** The `export NAME=value` lines, read back as a shell would. */
  env: Record<string, string>;
  /** Sends `signal` and resolves with what the command printed and its exit code. */
  stop(signal: NodeJS.Signals): Promise<CliResult>;
}

/** Starts `trakt-letterboxd sandbox …` and waits until it has printed its settings. */
function startSandboxCommand(args: string[], cwd: string): Promise<Running> {
  const child = spawn(process.execPath, [BIN, "sandbox", ...args], { cwd, env: { PATH: process.env.PATH ?? "", HOME: cwd, TZ: "UTC" } });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  const closed = new Promise<CliResult>((resolve) => child.on("close", (code) => resolve({ code, stdout, stderr })));
  return new Promise((resolve, reject) => {
    child.stdout.on("data", () => {
      if (!stdout.includes("Press Ctrl+C")) return;
      const env: Record<string, string> = {};
      for (const [, name, value] of stdout.matchAll(/^export (\w+)=(.*)$/gm)) {
        env[name as string] = (value as string).startsWith("'") ? (value as string).slice(1, -1).replaceAll(`'\\''`, "'") : (value as string);
      }
      resolve({ child, env, stop: (signal) => (child.kill(signal), closed) });
    });
    void closed.then((result) => reject(new Error(`sandbox exited with ${result.code}: ${result.stderr}`)));
  });
}

describe("sandbox (built command)", () => {
  it("prints the settings that run auth, export, export --incremental, status and backup against it", { timeout: 90_000 }, async () => {
    await withTempDir(async (cwd) => {
      const sandbox = await startSandboxCommand([], cwd);
      const { env } = sandbox;
      try {
        expect(Object.keys(env)).toEqual(["TRAKT_API_URL", "TRAKT_AUTH_URL", "TRAKT_CLIENT_ID", "TRAKT_CLIENT_SECRET", "TRAKT_LETTERBOXD_HOME"]);
        expect(env.TRAKT_API_URL).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
        const run = (args: string[]) => runCli(args, { cwd, env });

        // The login is finished by hand on the printed page, as a person would in a browser.
        let approving: Promise<void> | undefined;
        const login = await runCli(["auth"], {
          cwd,
          env,
          onOutput: (stdout) => {
            const shown = /open (\S+) and enter the code (\w+)/.exec(stdout);
            if (shown && !approving) approving = approve(shown[1] as string, shown[2] as string);
          },
        });
        await approving;
        expect(login.code, login.stderr).toBe(0);
        expect(login.stdout).toContain("Logged in to Trakt as sandbox-sam");

        const full = await run(["export"]);
        expect(full.code, full.stderr).toBe(0);
        await access(join(cwd, "letterboxd-export", "diary.csv"));
        const incremental = await run(["export", "--incremental"]);
        expect(incremental.code, incremental.stderr).toBe(0);
        expect(incremental.stdout).toContain("Nothing new since the last export");
        const status = await run(["status"]);
        expect(status.code, status.stderr).toBe(0);
        expect(status.stdout).toMatch(/Account: sandbox-sam/);
        const backup = await run(["backup"]);
        expect(backup.code, backup.stderr).toBe(0);
        await access(join(cwd, "trakt-backup", "manifest.json"));

        const stopped = await sandbox.stop("SIGTERM");
        expect(stopped.code).toBe(0);
        expect(stopped.stdout).toContain("kept when the sandbox stops");
        // The data folder outlives the sandbox, store and all.
        await access(join(env.TRAKT_LETTERBOXD_HOME as string, "store.sqlite"));
      } finally {
        sandbox.child.kill("SIGKILL");
        if (env.TRAKT_LETTERBOXD_HOME) await rm(env.TRAKT_LETTERBOXD_HOME, { recursive: true, force: true });
      }
    });
  });

  it("uses --home (made if missing) and --port, stops on Ctrl+C, and refuses a port in use (exit 2)", async () => {
    await withTempDir(async (cwd) => {
      const home = join(cwd, "not", "yet");
      const port = await freePort();
      const sandbox = await startSandboxCommand(["--home", home, "--port", String(port)], cwd);
      try {
        expect(sandbox.env).toMatchObject({ TRAKT_API_URL: `http://127.0.0.1:${port}`, TRAKT_LETTERBOXD_HOME: home });
        await access(home);
        const busy = await runCli(["sandbox", "--port", String(port)], { cwd });
        expect(busy.code).toBe(2);
        expect(busy.stderr).toContain(`Port ${port} is in use`);
        const stopped = await sandbox.stop("SIGINT");
        expect(stopped.code).toBe(0);
        await access(home);
      } finally {
        sandbox.child.kill("SIGKILL");
      }
    });
  });
});

/** What a person does on the activate page: the newest code is filled in; approve it. */
async function approve(url: string, code: string): Promise<void> {
  const page = await fetch(url, { headers: { "user-agent": "a browser" } });
  expect(page.status).toBe(200);
  expect(await page.text()).toContain(`value="${code}"`);
  const approved = await fetch(url, { method: "POST", headers: { "user-agent": "a browser" }, body: new URLSearchParams({ code, decision: "approve" }) });
  expect(approved.status).toBe(200);
  expect(await approved.text()).toContain("Approved");
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}
