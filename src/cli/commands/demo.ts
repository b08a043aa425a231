import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEFAULT_MAX_FILE_BYTES, DEFAULT_RETRIES, type Settings } from "../../config/settings.js";
import { startSandbox } from "../../sandbox/index.js";
import { line, type CliIo } from "../io.js";
import { deviceLogin } from "./auth.js";
import { exportWith } from "./export.js";

/**
 * The whole path with no account: a sandbox Trakt on loopback with a sample library,
 * the real device-flow login and the real export. Its login lives in a throw-away data
 * folder so a real token is never touched.
 */
export async function runDemo(io: CliIo, _globals: { home?: string }, flags: { out: string }): Promise<void> {
  // The sandbox approves the code after one poll, as a user would on its /activate page.
  const sandbox = await startSandbox({ deviceFlow: { interval: 1, autoApproveAfterPolls: 1 } });
  const home = await mkdtemp(join(tmpdir(), "trakt-letterboxd-demo-"));
  try {
    line(io.stdout, `Started a sandbox Trakt server at ${sandbox.url} with a sample library (user sandbox-sam).`);
    const settings: Settings = {
      home,
      clientId: sandbox.clientId,
      clientSecret: sandbox.clientSecret,
      apiUrl: sandbox.url,
      authUrl: sandbox.url,
      timeZone: undefined,
      tags: [],
      maxFileBytes: DEFAULT_MAX_FILE_BYTES,
      retries: DEFAULT_RETRIES,
    };
    await deviceLogin(io, settings, () => line(io.stdout, "(The sandbox approves the code by itself, as you would on trakt.tv.)"));
    const summary = await exportWith(io, settings, { out: flags.out, tag: [] });
    line(io.stdout, `Demo done: the Letterboxd files are in ${summary.outDir}`);
  } finally {
    await sandbox.close();
    await rm(home, { recursive: true, force: true });
  }
}
