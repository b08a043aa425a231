import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Settings } from "../../config/settings.js";
import { UsageError } from "../../errors.js";
import { startSandbox, type SandboxServer } from "../../sandbox/index.js";
import { createWebApp, isLoopback, listen } from "../../web/index.js";
import { commandSettings } from "../command-settings.js";
import { line, warning, type CliIo } from "../io.js";
import { refusePortInUse } from "../port-in-use.js";
import { styleFor } from "../style.js";
import { stopSignal } from "../stop-signal.js";

export interface ServeFlags {
  port: number;
  host: string;
  /** Needed to bind to anything but loopback. */
  allowRemote?: boolean;
  /** Serve against the bundled sandbox Trakt with a throw-away data folder. */
  sandbox?: boolean;
  /** The zone of the times shown, the schedule and the watch dates; default the settings', else this computer's (readingTimeZone). */
  timezone?: string;
}

/** `serve`: the local web page until Ctrl+C (or until `stop` resolves, for tests). */
export async function runServe(io: CliIo, globals: { home?: string }, flags: ServeFlags, stop: Promise<void> = stopSignal()): Promise<void> {
  const loopback = isLoopback(flags.host);
  if (!loopback && !flags.allowRemote) {
    throw new UsageError(`Binding to ${flags.host} would let other computers reach your Trakt login and exports; use the default 127.0.0.1, or add --allow-remote if you really mean it.`);
  }
  // The throw-away data folder of --sandbox is made (empty) before the settings, which are
  // read from it; the settings are checked before the sandbox or the page starts.
  const throwAway = flags.sandbox ? await mkdtemp(join(tmpdir(), "trakt-letterboxd-serve-")) : undefined;
  let sandbox: SandboxServer | undefined;
  try {
    let settings: Settings = await commandSettings(io, throwAway === undefined ? globals : { home: throwAway }, { timeZone: flags.timezone });
    if (flags.sandbox) {
      sandbox = await startSandbox({ deviceFlow: { interval: 1, autoApproveAfterPolls: 2 } });
      settings = { ...settings, clientId: sandbox.clientId, clientSecret: sandbox.clientSecret, apiUrl: sandbox.url, authUrl: sandbox.url };
      line(io.stdout, `Sandbox: a fake Trakt at ${sandbox.url} with a sample library (user sandbox-sam); it approves login codes by itself. Data folder: ${settings.home} (deleted on exit).`);
    }
    await servePage(io, settings, flags, loopback, stop);
  } finally {
    await sandbox?.close();
    if (throwAway !== undefined) await rm(throwAway, { recursive: true, force: true });
  }
}

/** Listens until `stop` resolves, then closes the page. */
async function servePage(io: CliIo, settings: Settings, flags: ServeFlags, loopback: boolean, stop: Promise<void>): Promise<void> {
  const web = createWebApp({ settings, loopbackOnly: loopback, onLogError: (error) => line(io.stderr, `Could not write the schedule log: ${String(error)}`) });
  const server = await listen(web, flags.host, flags.port).catch(refusePortInUse(flags.port));
  try {
    if (!loopback) line(io.stderr, warning(styleFor(io.stderr, io.env), `listening on ${flags.host}: anyone who can reach this computer and gets the address below can use your Trakt login. Plain HTTP: use it only on a network you trust.`));
    line(io.stdout, `Open ${server.loginUrl} in your browser.`);
    line(io.stdout, "The address works once (it logs that browser in). Press Ctrl+C to stop.");
    if (!settings.clientId) line(io.stdout, "No Trakt client id: the page converts the data export you download from Trakt (Settings → Data); connecting to Trakt needs an API app.");
    await stop;
    line(io.stdout, "Stopping…");
  } finally {
    await server.close();
  }
}
