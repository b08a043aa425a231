import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const BIN = join(ROOT, "bin", "trakt-letterboxd.js");

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunCliOptions {
  cwd: string;
  env?: Record<string, string>;
  /** Standard input, then closed. Ignored with onOutput, which owns standard input. */
  input?: string;
  timeoutMs?: number;
  /** Lets the test act while the command runs: sees all of standard output so far after each chunk, may write to standard input. */
  onOutput?: (stdout: string, stdin: NodeJS.WritableStream) => void;
  /** Presses Ctrl+C (sends SIGINT, once) as soon as all of standard output so far makes this true. */
  interruptWhen?: (stdout: string) => boolean;
}

/** Runs the built command as a user would: a real process, its own env, a working folder. */
export function runCli(args: string[], options: RunCliOptions): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: options.cwd,
      // A clean environment: nothing of the developer's own Trakt settings leaks in.
      env: { PATH: process.env.PATH ?? "", HOME: options.cwd, TZ: "UTC", ...options.env },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    let interrupted = false;
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
      options.onOutput?.(stdout, child.stdin);
      if (!interrupted && options.interruptWhen?.(stdout)) interrupted = child.kill("SIGINT");
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 25_000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    if (!options.onOutput) child.stdin.end(options.input ?? "");
  });
}

export async function withTempDir<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), "tl-test-"));
  try {
    return await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

