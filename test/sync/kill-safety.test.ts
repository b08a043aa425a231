/**
 * Interrupting a sync at any point keeps the store consistent, and the next run
 * finishes the job without asking again for what is stored. (Killing the real process
 * is the CLI's end-to-end test; here the sync is stopped between pages or by a fault.)
 */
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { libraryFromTraktExport, withoutDirectors } from "../helpers/trakt-export-library.js";
import { buildLetterboxdExport } from "../../src/letterboxd/index.js";
import { generateLibrary } from "../../src/sandbox/index.js";
import { loadLibrary, readSyncState, type SyncKind } from "../../src/store/index.js";
import { syncStore } from "../../src/sync/index.js";
import { addPlays, requestLines, setRating, world, type World } from "./helpers.js";

let w: World | undefined;
afterEach(async () => {
  await w?.close();
  w = undefined;
});

const ZONE = { timeZone: "UTC" };

function integrity(path: string): string {
  const db = new Database(path, { readonly: true });
  try {
    return db.pragma("integrity_check", { simple: true }) as string;
  } finally {
    db.close();
  }
}

describe("an interrupted sync", () => {
  it("stopped part-way through the first history fetch resumes below the floor only", async () => {
    w = await world(generateLibrary({ plays: 2500, ratings: 200, watchlist: 20 }));
    const store = w.open();
    const controller = new AbortController();
    const first = syncStore({
      client: w.client(),
      store,
      signal: controller.signal,
      onProgress: ({ kind, done }) => {
        if (kind === "history" && done >= 750) controller.abort();
      },
    });
    await expect(first).rejects.toThrow();
    expect(integrity(w.storePath)).toBe("ok");
    const partial = readSyncState(store, "history");
    expect(partial?.floor).toBeTruthy();
    const storedPlays = [...loadLibrary(store).plays].length;
    expect(storedPlays).toBeGreaterThanOrEqual(750);
    expect(storedPlays).toBeLessThan(2500);
    const doneKinds = (["ratings", "watchlist", "reviews", "lists"] as SyncKind[]).filter((kind) => readSyncState(store, kind) !== undefined);

    w.takeRequests();
    const rerun = await syncStore({ client: w.client(), store });
    const lines = requestLines(w.takeRequests());
    expect(rerun.history?.mode).toBe("resume");
    // Only plays at or before the floor are asked for: about the pages not stored, never page 1 of the whole history.
    const history = lines.filter((line) => line.includes("/history/"));
    expect(history.every((line) => line.includes(`end_at=${partial?.floor}`))).toBe(true);
    expect(history.length).toBeLessThanOrEqual(Math.ceil((2500 - storedPlays) / 250) + 1);
    for (const kind of doneKinds) expect(lines.some((line) => line.includes(`/${kind}`))).toBe(false);

    expect(integrity(w.storePath)).toBe("ok");
    const fetched = await libraryFromTraktExport(w.library);
    expect(buildLetterboxdExport(withoutDirectors(loadLibrary(store)), ZONE)).toEqual(buildLetterboxdExport(fetched, ZONE));

    // And then it is an ordinary store: nothing new costs one request.
    w.takeRequests();
    await syncStore({ client: w.client(), store });
    expect(requestLines(w.takeRequests())).toEqual(["/sync/last_activities"]);
  });

  it("resumed after new plays arrived, also reads the new ones on top", async () => {
    w = await world(generateLibrary({ plays: 1500, ratings: 50, watchlist: 5 }));
    const store = w.open();
    const controller = new AbortController();
    await expect(
      syncStore({ client: w.client(), store, signal: controller.signal, onProgress: ({ kind, done }) => done >= 500 && kind === "history" && controller.abort() }),
    ).rejects.toThrow();
    const ids = addPlays(w.sandbox, [{ traktId: 100_001, watchedAt: "2026-10-31T20:00:00.000Z" }]);
    await syncStore({ client: w.client(), store });
    expect([...loadLibrary(store).plays].some((p) => p.historyId === ids[0])).toBe(true);
    const fetched = await libraryFromTraktExport(w.library);
    expect(buildLetterboxdExport(withoutDirectors(loadLibrary(store)), ZONE)).toEqual(buildLetterboxdExport(fetched, ZONE));
    // The counts it settled on hold: the next sync with nothing new reads nothing.
    w.takeRequests();
    await syncStore({ client: w.client(), store });
    expect(requestLines(w.takeRequests())).toEqual(["/sync/last_activities"]);
  });

  it("failing on one kind keeps the others, and the rerun fetches only the failed one", async () => {
    w = await world();
    const store = w.open();
    await syncStore({ client: w.client(), store });
    addPlays(w.sandbox, [{ traktId: 13, watchedAt: "2026-10-31T20:00:00.000Z" }]);
    setRating(w.sandbox, 13, 10);
    w.sandbox.injectFault({ path: "/sync/ratings/movies", fault: { kind: "status", status: 404 } });
    await expect(syncStore({ client: w.client(), store })).rejects.toThrow(/404/);
    expect(integrity(w.storePath)).toBe("ok");
    expect(loadLibrary(store).ratings.find((r) => r.traktId === 13)?.rating).toBe(9);

    w.takeRequests();
    await syncStore({ client: w.client(), store });
    expect(requestLines(w.takeRequests()).sort()).toEqual(["/sync/last_activities", "/sync/ratings/movies?page=1"]);
    expect(loadLibrary(store).ratings.find((r) => r.traktId === 13)?.rating).toBe(10);
  });
});
