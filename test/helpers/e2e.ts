import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, afterEach, beforeAll, beforeEach, expect } from "vitest";
import { startSandbox, type SandboxOptions, type SandboxServer, type TraktToken } from "../../src/sandbox/index.js";
import { renderCsv } from "../../src/letterboxd/csv-render.js";
import type { CliResult } from "./run-cli.js";

export interface E2e {
  sandbox: SandboxServer;
  /** Working folder of the command (exports land in ./letterboxd-export). */
  cwd: string;
  home: string;
  env: Record<string, string>;
  /** Logs in as the sandbox's user by writing token.json as `auth` would. */
  login(username?: string): Promise<TraktToken>;
  /** Every secret the run could leak: client secret and every token issued. */
  secrets(): string[];
}

export async function startE2e(dir: string, options: SandboxOptions = {}): Promise<E2e> {
  const sandbox = await startSandbox(options);
  const home = join(dir, "home");
  const cwd = join(dir, "work");
  await mkdir(home, { recursive: true });
  await mkdir(cwd, { recursive: true });
  const tokens: TraktToken[] = [];
  return {
    sandbox,
    cwd,
    home,
    env: {
      TRAKT_CLIENT_ID: sandbox.clientId,
      TRAKT_CLIENT_SECRET: sandbox.clientSecret,
      TRAKT_API_URL: sandbox.url,
      TRAKT_AUTH_URL: sandbox.url,
      TRAKT_LETTERBOXD_HOME: home,
    },
    async login(username?: string) {
      const token = sandbox.issueToken(username);
      tokens.push(token);
      await writeFile(join(home, "token.json"), JSON.stringify(token), { mode: 0o600 });
      return token;
    },
    secrets() {
      return [sandbox.clientSecret, ...tokens.flatMap((t) => [t.access_token, t.refresh_token])];
    },
  };
}

/** No secret in what the user sees, including tokens issued during the run (read from token.json). */
export async function expectNoSecrets(e2e: E2e, ...results: CliResult[]): Promise<void> {
  const secrets = [...e2e.secrets()];
  try {
    const saved = JSON.parse(await readFile(join(e2e.home, "token.json"), "utf8")) as TraktToken;
    secrets.push(saved.access_token, saved.refresh_token);
  } catch {
    // No token file: nothing more to look for.
  }
  for (const result of results) {
    for (const secret of secrets) {
      expect(result.stdout).not.toContain(secret);
      expect(result.stderr).not.toContain(secret);
    }
  }
}

/** Every file below `dir`, relative, sorted. */
export async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();
}

export function readCsv(text: string): Record<string, string>[] {
  return parse(text, { columns: true, skip_empty_lines: false }) as Record<string, string>[];
}

/** Rows as readCsv gives them, back to CSV text with our writer (the header from the first row's keys). */
export function csvOf(rows: readonly Record<string, string>[]): string {
  const header = Object.keys(rows[0] ?? {});
  return renderCsv(
    header,
    rows.map((row) => header.map((key) => row[key] ?? "")),
  );
}

/**
 * Compares an output folder with a golden one byte for byte. With UPDATE_GOLDEN=1 the
 * golden folder is rewritten instead (then review the diff before committing it).
 */
export async function expectMatchesGolden(outDir: string, goldenDir: string): Promise<void> {
  const files = await listFiles(outDir);
  if (process.env.UPDATE_GOLDEN === "1") {
    for (const file of files) {
      await mkdir(join(goldenDir, file, ".."), { recursive: true });
      await writeFile(join(goldenDir, file), await readFile(join(outDir, file)));
    }
  }
  expect(files).toEqual(await listFiles(goldenDir));
  for (const file of files) {
    const actual = await readFile(join(outDir, file), "utf8");
    const expected = await readFile(join(goldenDir, file), "utf8");
    expect(actual, file).toBe(expected);
  }
}

/** A failure is one clear line (after any progress lines), never a stack trace. */
export function errorLine(result: CliResult): string {
  const lines = result.stderr.trim().split("\n");
  expect(lines.filter((l) => l.startsWith("trakt-letterboxd:"))).toHaveLength(1);
  expect(result.stderr).not.toMatch(/^\s+at /m);
  return lines[lines.length - 1] ?? "";
}

/**
 * Gives a test file a sandbox, a temp folder and (by default) a login, made before all its
 * tests (or before each, with `each`) and removed after; `onReady` receives them.
 */
export function useE2e(options: SandboxOptions & { login?: boolean; each?: boolean }, onReady: (made: { e2e: E2e; dir: string }) => void): void {
  const { login = true, each = false, ...sandboxOptions } = options;
  let made: { e2e: E2e; dir: string } | undefined;
  (each ? beforeEach : beforeAll)(async () => {
    const dir = await mkdtemp(join(tmpdir(), "tl-e2e-"));
    const e2e = await startE2e(dir, sandboxOptions);
    if (login) await e2e.login();
    made = { e2e, dir };
    onReady(made);
  });
  (each ? afterEach : afterAll)(async () => {
    if (!made) return;
    await made.e2e.sandbox.close();
    await rm(made.dir, { recursive: true, force: true });
    made = undefined;
  });
}
