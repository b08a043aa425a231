import { authSession, createClient } from "../context.js";
import type { Settings } from "../config/settings.js";
import { AuthError } from "../errors.js";
import { logOut } from "../logout.js";
import { getUserSettings, pollDeviceToken, requestDeviceCode } from "../trakt/index.js";

/** Where the page's login stands. */
export type LoginState =
  | { status: "idle" }
  | { status: "pending"; userCode: string; verificationUrl: string; expiresAt: string; polls: number }
  | { status: "connected"; username: string }
  | { status: "denied" | "expired" | "failed"; message: string };

/**
 * The device-code login driven from the page: the same calls as `auth` (request a code,
 * poll as Trakt says, save the token), with the state kept for the page to show.
 */
export class DeviceLogin {
  #state: LoginState = { status: "idle" };
  /** Bumped by each start and logout, so a poll of an abandoned code cannot log anyone in. */
  #generation = 0;
  #username: string | undefined;

  constructor(
    private readonly settings: Settings,
    private readonly describeError: (error: unknown) => string,
    private readonly now: () => number = Date.now,
  ) {}

  get state(): LoginState {
    return this.#state;
  }

  /** Requests a device code and polls for it in the background; resolves with the pending state. */
  async start(): Promise<LoginState> {
    const generation = ++this.#generation;
    const session = authSession(this.settings);
    const client = createClient(this.settings, { secret: true, session });
    const code = await requestDeviceCode(client);
    const pending = {
      status: "pending" as const,
      userCode: code.user_code,
      verificationUrl: code.verification_url,
      expiresAt: new Date(this.now() + code.expires_in * 1000).toISOString(),
      polls: 0,
    };
    this.#state = pending;
    void pollDeviceToken(client, code, { onPoll: (poll) => (pending.polls = poll.attempt) })
      .then(async (token) => {
        if (generation !== this.#generation) return;
        await session.save(token);
        const me = await getUserSettings(client);
        if (generation !== this.#generation) return;
        this.#username = me.user.username;
        this.#state = { status: "connected", username: me.user.username };
      })
      .catch((error: unknown) => {
        if (generation !== this.#generation) return;
        const status = error instanceof AuthError && (error.reason === "denied" || error.reason === "expired") ? error.reason : "failed";
        this.#state = { status, message: this.describeError(error) };
      });
    return pending;
  }

  /** The connected user's name, asked of Trakt once; undefined when not logged in. */
  async connectedUser(): Promise<string | undefined> {
    const session = authSession(this.settings);
    if (!(await session.current())) {
      this.#username = undefined;
      return undefined;
    }
    this.#username ??= (await getUserSettings(createClient(this.settings, { session }))).user.username;
    return this.#username;
  }

  /** Revokes the token at Trakt (best effort) and deletes it; returns a warning when revoking failed. */
  async logout(): Promise<string | undefined> {
    this.#generation++;
    this.#state = { status: "idle" };
    this.#username = undefined;
    return (await logOut(this.settings)).warning;
  }
}
