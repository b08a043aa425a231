/**
 * A real store in a temp folder and a client logged in to the real sandbox over HTTP,
 * plus edits of the sandbox library that move `last_activities` as Trakt would.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { SandboxLibrary, SandboxServer } from "../../src/sandbox/index.js";
import { startSandbox, sampleLibrary } from "../../src/sandbox/index.js";
import { openStore, type Store } from "../../src/store/index.js";
import { AuthSession, MemoryTokenStore, type TraktClient } from "../../src/trakt/index.js";
import { testClient } from "../trakt/helpers/client.js";
import { fakeClock, type FakeClock } from "../trakt/helpers/fake-clock.js";

export interface World {
  sandbox: SandboxServer;
  /** Shared by the sandbox, the clients and the store; its sleep advances it. */
  clock: FakeClock;
  library: SandboxLibrary;
  /** A fresh client (request counts start at 0) for the logged-in owner. */
  client(): TraktClient;
  /** A client with no login, for public profiles. */
  anonymousClient(): TraktClient;
  storePath: string;
  open(): Store;
  /** Requests the sandbox saw since the last call. */
  takeRequests(): SandboxServer["requests"];
  close(): Promise<void>;
}

export async function world(library: SandboxLibrary = sampleLibrary()): Promise<World> {
  const clock = fakeClock(Date.parse("2026-11-01T00:00:00Z"));
  const sandbox = await startSandbox({ library, now: clock.now });
  const dir = mkdtempSync(join(tmpdir(), "tl-store-"));
  const storePath = join(dir, "store.sqlite");
  const token = sandbox.issueToken();
  const stores: Store[] = [];
  let taken = 0;
  const options = { clientId: sandbox.clientId, clientSecret: sandbox.clientSecret };
  return {
    sandbox,
    clock,
    library,
    storePath,
    client: () => testClient(sandbox.url, { ...options, session: new AuthSession({ store: new MemoryTokenStore(token) }) }, clock).client,
    anonymousClient: () => testClient(sandbox.url, options, clock).client,
    open: () => {
      const store = openStore(storePath, { now: clock.now });
      stores.push(store);
      return store;
    },
    takeRequests: () => {
      const fresh = sandbox.requests.slice(taken);
      taken = sandbox.requests.length;
      return fresh;
    },
    close: async () => {
      for (const store of stores) store.close();
      await sandbox.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export { addPlays, addToWatchlist, movie, nextStamp, removeFromWatchlist, removePlay, sam, setRating } from "../../src/sandbox/index.js";

/** Paths of API requests (OAuth left out), with their page query when there is one. */
export function requestLines(requests: SandboxServer["requests"]): string[] {
  return requests.map((r) => `${r.path}${r.query.page ? `?page=${r.query.page}` : ""}${r.query.end_at ? `&end_at=${r.query.end_at}` : ""}`);
}
