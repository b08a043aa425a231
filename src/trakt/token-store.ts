/**
 * Where the Trakt token lives: `<data folder>/token.json`, mode 0600, written atomically,
 * holding the token fields exactly as Trakt returned them (CONTRACT.md "Token file").
 */
import { mkdir, readFile, rm } from "node:fs/promises";
import { dirname } from "node:path";
import { AuthError } from "../errors.js";
import { writeFileAtomic } from "../util/atomic-write.js";
import { waitForFileLock } from "../util/file-lock.js";
import { tokenSchema, type TraktToken } from "./schemas.js";

export interface TokenStore {
  /** The saved token, or undefined when there is none. */
  load(): Promise<TraktToken | undefined>;
  save(token: TraktToken): Promise<void>;
  remove(): Promise<void>;
  /**
   * Runs `fn` as the only refresher of this token among every process that shares it
   * (`serve`, `schedule`, a terminal `export`, `auth status`): a refresh token works once,
   * so whoever comes second must find the new pair saved, not spend the old one again.
   */
  whileRefreshing<T>(fn: () => Promise<T>): Promise<T>;
}

/** How long a process waits for another one's refresh (one POST to Trakt) before giving up. */
const REFRESH_LOCK_WAIT_MS = 60_000;

export class FileTokenStore implements TokenStore {
  constructor(readonly path: string) {}

  async load(): Promise<TraktToken | undefined> {
    let text: string;
    try {
      text = await readFile(this.path, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw error;
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    const parsed = tokenSchema.safeParse(json);
    if (!parsed.success) throw new AuthError("not-logged-in", `${this.path} is not a Trakt token; run \`trakt-letterboxd auth\` again.`);
    return parsed.data;
  }

  async save(token: TraktToken): Promise<void> {
    await writeFileAtomic(this.path, `${JSON.stringify(token, null, 2)}\n`, { mode: 0o600 });
  }

  async remove(): Promise<void> {
    await rm(this.path, { force: true });
  }

  async whileRefreshing<T>(fn: () => Promise<T>): Promise<T> {
    await mkdir(dirname(this.path), { recursive: true });
    const lock = await waitForFileLock(`${this.path}.lock`, { timeoutMs: REFRESH_LOCK_WAIT_MS });
    if (lock === undefined) throw new AuthError("refresh-failed", `Another trakt-letterboxd process has been refreshing the Trakt login for a minute (${this.path}.lock); try again shortly.`);
    try {
      return await fn();
    } finally {
      lock.release();
    }
  }
}

/** A store in memory, for tests and for callers that keep the token elsewhere. */
export class MemoryTokenStore implements TokenStore {
  constructor(public token?: TraktToken) {}
  async load(): Promise<TraktToken | undefined> {
    return this.token;
  }
  async save(token: TraktToken): Promise<void> {
    this.token = token;
  }
  async remove(): Promise<void> {
    this.token = undefined;
  }
  /** One process: the session's own single flight is enough. */
  whileRefreshing<T>(fn: () => Promise<T>): Promise<T> {
    return fn();
  }
}
