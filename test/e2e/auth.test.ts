import { readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { errorLine, expectNoSecrets, startE2e } from "../helpers/e2e.js";
import { runCli, withTempDir } from "../helpers/run-cli.js";

describe("auth (built command against the sandbox)", () => {
  it("logs in with the device flow, reports status, logs out and revokes", async () => {
    await withTempDir(async (dir) => {
      const e2e = await startE2e(dir, { deviceFlow: { interval: 1, autoApproveAfterPolls: 1 } });
      try {
        const run = (args: string[]) => runCli(args, { cwd: e2e.cwd, env: e2e.env });
        const login = await run(["auth"]);
        expect(login.code).toBe(0);
        expect(login.stdout).toMatch(/open http:\/\/127\.0\.0\.1:\d+\/activate and enter the code [A-Z0-9]{8}/);
        expect(login.stdout).toContain("Logged in to Trakt as sandbox-sam");
        const tokenFile = join(e2e.home, "token.json");
        expect((await stat(tokenFile)).mode & 0o777).toBe(0o600);
        const token = JSON.parse(await readFile(tokenFile, "utf8")) as Record<string, unknown>;
        expect(Object.keys(token)).toEqual(expect.arrayContaining(["access_token", "refresh_token", "expires_in", "created_at"]));

        const status = await run(["auth", "status"]);
        expect(status.code).toBe(0);
        expect(status.stdout).toMatch(/Logged in to Trakt as sandbox-sam; the token expires \d{4}-\d\d-\d\d \d\d:\d\d \(UTC\) /);
        // In the settings' zone when there is one, the zone named.
        const tokyo = await runCli(["auth", "status"], { cwd: e2e.cwd, env: { ...e2e.env, TRAKT_LETTERBOXD_TZ: "Asia/Tokyo" } });
        expect(tokyo.stdout).toMatch(/the token expires \d{4}-\d\d-\d\d \d\d:\d\d \(Asia\/Tokyo\) /);

        const logout = await run(["auth", "logout"]);
        expect(logout.code).toBe(0);
        await expect(stat(tokenFile)).rejects.toThrow();
        const revoked = await fetch(`${e2e.sandbox.url}/users/settings`, {
          headers: { "trakt-api-key": e2e.sandbox.clientId, "trakt-api-version": "2", authorization: `Bearer ${String(token.access_token)}`, "user-agent": "test" },
        });
        expect(revoked.status).toBe(401);

        const after = await run(["auth", "status"]);
        expect(after.code).toBe(3);
        expect(errorLine(after)).toContain("Not logged in");
        await expectNoSecrets(e2e, login, status, logout, after);
        for (const result of [login, status, logout]) {
          expect(result.stdout + result.stderr).not.toContain(String(token.access_token));
          expect(result.stdout + result.stderr).not.toContain(String(token.refresh_token));
        }
      } finally {
        await e2e.sandbox.close();
      }
    });
  });

  it("logs in with --manual: prints the authorize URL and reads the pasted code", async () => {
    await withTempDir(async (dir) => {
      const e2e = await startE2e(dir);
      try {
        let sent = false;
        const result = await runCli(["auth", "--manual"], {
          cwd: e2e.cwd,
          env: e2e.env,
          onOutput: (stdout, stdin) => {
            const url = /(http:\/\/\S+\/oauth\/authorize\?\S+)/.exec(stdout)?.[1];
            if (!url || sent) return;
            sent = true;
            expect(new URL(url).searchParams.get("redirect_uri")).toBe("urn:ietf:wg:oauth:2.0:oob");
            void fetch(url, { headers: { "user-agent": "a browser" } })
              .then((page) => page.text())
              .then((html) => stdin.end(`${/<code id="code">([^<]+)<\/code>/.exec(html)?.[1] ?? ""}\n`));
          },
        });
        expect(result.code).toBe(0);
        expect(result.stdout).toContain("Logged in to Trakt as sandbox-sam");
        expect((await stat(join(e2e.home, "token.json"))).mode & 0o777).toBe(0o600);
        await expectNoSecrets(e2e, result);
      } finally {
        await e2e.sandbox.close();
      }
    });
  });

  it("stops on Ctrl+C while waiting for the approval or the pasted code: one line, exit 130, nothing saved", async () => {
    await withTempDir(async (dir) => {
      const e2e = await startE2e(dir, { deviceFlow: { interval: 1 } });
      try {
        const result = await runCli(["auth"], { cwd: e2e.cwd, env: e2e.env, interruptWhen: (stdout) => stdout.includes("Waiting for you to approve it") });
        expect(result.code).toBe(130);
        expect(result.stderr).toBe("trakt-letterboxd: Interrupted; you are not logged in (nothing was saved). Run `trakt-letterboxd auth` again.\n");
        // --manual: standard input kept open, as a person at the prompt.
        const manual = await runCli(["auth", "--manual"], { cwd: e2e.cwd, env: e2e.env, onOutput: () => {}, interruptWhen: (stdout) => stdout.includes("paste the code") });
        expect(manual.code).toBe(130);
        expect(manual.stderr).toBe("trakt-letterboxd: Interrupted; you are not logged in (nothing was saved). Run `trakt-letterboxd auth --manual` again.\n");
        await expect(stat(join(e2e.home, "token.json"))).rejects.toThrow();
      } finally {
        await e2e.sandbox.close();
      }
    });
  });

  it("exits 3 with the next step when Trakt refuses the pasted --manual code", async () => {
    await withTempDir(async (dir) => {
      const e2e = await startE2e(dir);
      try {
        const result = await runCli(["auth", "--manual"], { cwd: e2e.cwd, env: e2e.env, input: "not-a-code\n" });
        expect(result.code).toBe(3);
        expect(errorLine(result)).toBe(
          "trakt-letterboxd: Trakt refused the code (mistyped, expired or already used); run `trakt-letterboxd auth --manual` again and paste the new code the page shows.",
        );
        await expect(stat(join(e2e.home, "token.json"))).rejects.toThrow();
        await expectNoSecrets(e2e, result);
      } finally {
        await e2e.sandbox.close();
      }
    });
  });

  it("exits 3 when the user denies the code, and when the code expires", async () => {
    await withTempDir(async (dir) => {
      const e2e = await startE2e(dir, { deviceFlow: { interval: 1, expiresIn: 3 } });
      try {
        let denied = false;
        const deny = await runCli(["auth"], {
          cwd: e2e.cwd,
          env: e2e.env,
          onOutput: (stdout) => {
            const code = /enter the code ([A-Z0-9]+)/.exec(stdout)?.[1];
            if (code && !denied) {
              denied = true;
              e2e.sandbox.denyDevice(code);
            }
          },
        });
        expect(deny.code).toBe(3);
        expect(errorLine(deny)).toContain("The login was denied on Trakt; run `trakt-letterboxd auth` again and choose Yes.");

        const expire = await runCli(["auth"], { cwd: e2e.cwd, env: e2e.env });
        expect(expire.code).toBe(3);
        expect(errorLine(expire)).toContain("expired");
        await expect(stat(join(e2e.home, "token.json"))).rejects.toThrow();
      } finally {
        await e2e.sandbox.close();
      }
    });
  });
});
