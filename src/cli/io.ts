import type { Readable, Writable } from "node:stream";
import { styleFor, type Style } from "./style.js";

/** The outside world a command talks to; tests can pass their own. */
export interface CliIo {
  stdout: Writable & { isTTY?: boolean };
  stderr: Writable & { isTTY?: boolean; columns?: number };
  stdin: Readable & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
}

export function processIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env };
}

export function line(stream: Writable, text = ""): void {
  stream.write(`${text}\n`);
}

/** The one way a failure is shown: one line on standard error after our name, red on a terminal. */
export function failureLine(io: CliIo, message: string): void {
  line(io.stderr, `${styleFor(io.stderr, io.env)("red", "trakt-letterboxd:")} ${message}`);
}

/** A warning as every command prints it: "Warning: …", the label yellow on a terminal. */
export function warning(style: Style, text: string): string {
  return `${style("yellow", "Warning:")} ${text}`;
}
