import { randomBytes } from "node:crypto";
import { createInterface } from "node:readline";
import type { Settings } from "../../config/settings.js";
import { AuthError, UsageError } from "../../errors.js";
import { logOut } from "../../logout.js";
import {
  buildAuthorizeUrl,
  exchangePastedCode,
  getUserSettings,
  pollDeviceToken,
  requestDeviceCode,
  tokenExpiresAt,
  type ClientEvent,
} from "../../trakt/index.js";
import { authSession, createClient, describeClientEvent, tokenPath } from "../../context.js";
import { localTime, readingTimeZone } from "../../schedule/local-time.js";
import { commandSettings } from "../command-settings.js";
import { line, warning, type CliIo } from "../io.js";
import { untilInterrupted } from "../stop-signal.js";
import { styleFor } from "../style.js";

/** What Ctrl+C while `auth` waits for the approval (or the pasted code) says: the token is saved only once Trakt gives it. */
const interrupted = (command: string) => `Interrupted; you are not logged in (nothing was saved). Run \`${command}\` again.`;

export async function runAuthLogin(io: CliIo, globals: { home?: string }, manual: boolean): Promise<void> {
  const settings = await commandSettings(io, globals);
  if (manual) await manualLogin(io, settings);
  else await untilInterrupted(io, "between-steps", (signal) => deviceLogin(io, settings, { signal }), interrupted("trakt-letterboxd auth"));
}

export interface DeviceLoginOptions {
  /** Called with the code once it is shown (the demo says who approves it). */
  onCode?: (userCode: string) => void;
  /** Stops the polling at its next wait (Ctrl+C); once the token is saved it no longer matters. */
  signal?: AbortSignal;
  /** Where the greeting says the login is kept. Default: "The login is saved in <token.json>." */
  savedNote?: string;
}

/** Device-code login: show the code, poll as Trakt says, save the token. Never waits for a key press. */
export async function deviceLogin(io: CliIo, settings: Settings, options: DeviceLoginOptions = {}): Promise<void> {
  const session = authSession(settings);
  const onEvent = (e: ClientEvent) => line(io.stderr, describeClientEvent(e));
  const client = createClient(settings, { secret: true, session, onEvent, signal: options.signal });
  const code = await requestDeviceCode(client);
  line(io.stdout, `To log in, open ${code.verification_url} and enter the code ${code.user_code}`);
  line(io.stdout, `Waiting for you to approve it (the code expires in ${Math.round(code.expires_in / 60)} minutes)…`);
  options.onCode?.(code.user_code);
  const token = await pollDeviceToken(client, code, {
    onPoll: (poll) => {
      if (poll.status === "slow-down") line(io.stderr, `Trakt asked us to poll less often; next check in ${Math.round(poll.intervalMs / 1000)} s.`);
    },
  });
  await session.save(token);
  // Logged in from here: Ctrl+C no longer cuts the greeting's waits short (it would say nothing was saved).
  await greet(io, settings, createClient(settings, { session, onEvent }), options.savedNote);
}

/** Authorization-code login with the out-of-band redirect: print the URL, read the code from standard input. */
export async function manualLogin(io: CliIo, settings: Settings): Promise<void> {
  const session = authSession(settings);
  const client = createClient(settings, { secret: true, session });
  const url = buildAuthorizeUrl(client, { state: randomBytes(12).toString("hex") });
  // Ctrl+C is ours before the prompt shows: nothing is saved while waiting for the code.
  const typed = await untilInterrupted(
    io,
    "at-once",
    () => {
      line(io.stdout, `Open this page, approve the app, and paste the code Trakt shows:\n  ${url}`);
      if (io.stdin.isTTY) io.stdout.write("Code: ");
      return readLine(io);
    },
    interrupted("trakt-letterboxd auth --manual"),
  );
  const code = typed.trim();
  if (!code) throw new UsageError("No code was given on standard input; run `trakt-letterboxd auth --manual` again and paste the code.");
  const token = await exchangePastedCode(client, code);
  await session.save(token);
  await greet(io, settings, client);
}

async function greet(io: CliIo, settings: Settings, client: ReturnType<typeof createClient>, savedNote = `The login is saved in ${tokenPath(settings)}.`): Promise<void> {
  const me = await getUserSettings(client);
  line(io.stdout, `Logged in to Trakt as ${me.user.username}. ${savedNote}`);
}

export async function runAuthStatus(io: CliIo, globals: { home?: string }): Promise<void> {
  const settings = await commandSettings(io, globals);
  const session = authSession(settings);
  if (!(await session.current())) throw new AuthError("not-logged-in", "Not logged in to Trakt; run `trakt-letterboxd auth` to log in.");
  const client = createClient(settings, { session });
  const me = await getUserSettings(client);
  // Read after the call: it may have refreshed the token.
  const token = await session.current();
  const expires = token ? localTime(tokenExpiresAt(token), readingTimeZone(settings.timeZone)) : "unknown";
  line(io.stdout, `Logged in to Trakt as ${me.user.username}; the token expires ${expires} (it is refreshed automatically).`);
}

export async function runAuthLogout(io: CliIo, globals: { home?: string }): Promise<void> {
  const settings = await commandSettings(io, globals);
  const { wasLoggedIn, warning: warningText } = await logOut(settings);
  if (warningText) line(io.stderr, warning(styleFor(io.stderr, io.env), warningText));
  line(io.stdout, wasLoggedIn ? `Logged out; deleted ${tokenPath(settings)}.` : "Not logged in; nothing to do.");
}

/** Not logged in; `alternative`: what else this command could do without a login (its own flags only). */
export function notLoggedIn(alternative?: string): AuthError {
  return new AuthError("not-logged-in", `Not logged in to Trakt; run \`trakt-letterboxd auth\` first${alternative ? ` (${alternative})` : ""}.`);
}

function readLine(io: CliIo): Promise<string> {
  return new Promise((resolve) => {
    const rl = createInterface({ input: io.stdin, terminal: false });
    let answered = false;
    rl.once("line", (text) => {
      answered = true;
      rl.close();
      resolve(text);
    });
    rl.once("close", () => {
      if (!answered) resolve("");
    });
  });
}
