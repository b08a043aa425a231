import { mkdir, mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { startSandbox } from "../../sandbox/index.js";
import { line, type CliIo } from "../io.js";
import { refusePortInUse } from "../port-in-use.js";
import { stopSignal } from "../stop-signal.js";

export interface SandboxFlags {
  /** 0 (the default) takes any free port. */
  port: number;
}

/**
 * `sandbox`: the bundled fake Trakt with the sample library, until Ctrl+C, and the
 * environment that points every other command at it. Only `--home` chooses the data
 * folder (never TRAKT_LETTERBOXD_HOME, which may be the user's real one); without it a
 * fresh folder is made and kept, so the commands run against it can be tried again.
 */
export async function runSandbox(io: CliIo, globals: { home?: string }, flags: SandboxFlags, stop: Promise<void> = stopSignal()): Promise<void> {
  // Login codes wait for the activate page (the printed verification URL), as on trakt.tv.
  const sandbox = await startSandbox({ port: flags.port, deviceFlow: { interval: 1 } }).catch(refusePortInUse(flags.port));
  try {
    const home = globals.home === undefined ? await mkdtemp(join(tmpdir(), "trakt-letterboxd-sandbox-")) : resolve(globals.home);
    await mkdir(home, { recursive: true });
    const env: [string, string][] = [
      ["TRAKT_API_URL", sandbox.url],
      ["TRAKT_AUTH_URL", sandbox.url],
      ["TRAKT_CLIENT_ID", sandbox.clientId],
      // The sandbox's own made-up secret: no real one is ever printed.
      ["TRAKT_CLIENT_SECRET", sandbox.clientSecret],
      ["TRAKT_LETTERBOXD_HOME", home],
    ];
    line(io.stdout, `A sandbox Trakt server is listening at ${sandbox.url}, with a sample library (user sandbox-sam).`);
    line(io.stdout, "Paste this into another terminal; the commands run there then use the sandbox and this data folder:");
    line(io.stdout);
    for (const [name, value] of env) line(io.stdout, `export ${name}=${shellQuote(value)}`);
    line(io.stdout);
    line(io.stdout, "Then try: trakt-letterboxd auth, export, export --incremental, status, backup, serve.");
    line(io.stdout, `\`auth\` prints ${sandbox.url}/activate and a code: open that page and approve the code`);
    line(io.stdout, `(or without a browser: curl -d code=THE-CODE ${sandbox.url}/activate).`);
    const kept = globals.home === undefined ? "made for this session and kept when the sandbox stops: delete it when you are done" : "kept when the sandbox stops";
    line(io.stdout, `Data folder: ${home} (${kept}).`);
    line(io.stdout, "Logins live in the sandbox's memory: after a restart, run `auth` again. Press Ctrl+C to stop.");
    await stop;
    line(io.stdout, "Stopping the sandbox…");
  } finally {
    await sandbox.close();
  }
}

/** A value as POSIX shells read it back: quoted only when it needs to be. */
function shellQuote(value: string): string {
  return /^[\w./:@%+=,-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}
