/** What the benchmark's driver shares: waiting for a child's message, and printing figures. */
import type { ChildProcess } from "node:child_process";

/** The next message of `type` from `child`; rejects if the child exits first. */
export function next<T>(child: ChildProcess, type: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`waiting for ${type}: a child exited with ${code}`));
    const onMessage = (message: { type: string }) => {
      if (message.type !== type) return;
      child.off("message", onMessage);
      child.off("exit", onExit);
      resolve(message as T);
    };
    child.on("message", onMessage);
    child.once("exit", onExit);
  });
}

/** What the sandbox process sends when it is listening. */
export interface SandboxReady {
  type: "ready";
  url: string;
  clientId: string;
  clientSecret: string;
  token: unknown;
  /** The fewest requests a full export and a full backup of its library can take. */
  minimum: { export: Minimum; backup: Minimum };
}
export interface Minimum {
  total: number;
  parts: Record<string, number>;
}
export interface ServedRequests {
  type: "requests";
  count: number;
  paths: Record<string, number>;
}

export const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
/** The target beside its figure, and whether the figure meets it. */
export const verdict = (ok: boolean, target: string): string => `(target ${target}) ${ok ? "ok" : "MISSED"}`;

/** The target of a request count: the fewest requests the library can take. */
export const fewest = (served: number, minimum: number): string => verdict(served <= minimum, `≤ ${minimum}, the fewest possible`);

export function table(title: string, rows: [string, string, string][]): void {
  console.log(`\n${title}`);
  for (const [name, value, note] of rows) console.log(`  ${name.padEnd(36)} ${value.padStart(28)}  ${note}`);
}
