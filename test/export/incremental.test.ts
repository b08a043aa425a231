import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { exportWriteOf, hasNoRows, recordExport, selectIncremental } from "../../src/export/incremental.js";
import { buildLetterboxdExport, letterboxdCsvFiles, writeExportFiles, type LetterboxdExport } from "../../src/letterboxd/index.js";
import { loadLibrary, openStore, readExportedState, storeStatus, type ExportedState } from "../../src/store/index.js";
import { syncStore } from "../../src/sync/index.js";
import { film, library, play, rating, review } from "../letterboxd/library-builder.js";
import { addPlays, addToWatchlist, removePlay, requestLines, sam, setRating, world, type World } from "../sync/helpers.js";

const UTC = { timeZone: "UTC" };

/** What recording `written` would leave, without a store. */
function stateAfter(written: LetterboxdExport): ExportedState {
  const write = exportWriteOf(written);
  return {
    plays: new Set(write.plays),
    ratings: new Map(write.ratings.map((r) => [r.traktId, r.rating])),
    reviews: new Map(write.reviews.map((r) => [r.commentId, r.updatedAt])),
    watchlist: new Set(write.watchlist),
    lists: new Map(write.lists.map((l) => [l.listId, l.fingerprint])),
  };
}

describe("selectIncremental", () => {
  const films = [film(1), film(2), film(3), film(4)];
  const base = library({
    films,
    plays: [play(1, "2016-05-01T20:00:00Z", 101), play(2, "2020-01-01T20:00:00Z", 102)],
    ratings: [rating(1, 8)],
    reviews: [review(2, 501, "Fine.")],
    watchlist: [{ traktId: 3, rank: 1, listedAt: "2024-01-01T00:00:00Z", notes: null }],
    lists: [{ traktId: 70, slug: "faves", name: "Faves", description: null, items: [{ traktId: 1, rank: 1, listedAt: "x", notes: null }] }],
  });
  const exported = stateAfter(buildLetterboxdExport(base, UTC));

  it("gives nothing when nothing changed", () => {
    expect(hasNoRows(selectIncremental(buildLetterboxdExport(base, UTC), exported))).toBe(true);
  });

  it("gives the rows of new plays with Rewatch and rating as a full export places them, and no review twice", () => {
    const next = library({
      ...base,
      films,
      plays: [...base.plays, play(1, "2025-06-01T20:00:00Z", 103), play(2, "2025-06-02T20:00:00Z", 104), play(4, "2025-06-03T20:00:00Z", 105)],
    });
    const selected = selectIncremental(buildLetterboxdExport(next, UTC), exported);
    expect(selected.diary.map((r) => [r.film.traktId, r.watchedDate, r.rewatch, r.rating10, r.review?.commentId ?? null, r.historyIds])).toEqual([
      [1, "2025-06-01", true, 8, null, [103]],
      // Film 2's review (of 2024) stays on its 2020 row, written before: not again.
      [2, "2025-06-02", true, null, null, [104]],
      [4, "2025-06-03", false, null, null, [105]],
    ]);
    expect(selected.ratings).toEqual([]);
    expect(selected.watchlist).toEqual([]);
    expect(selected.lists).toEqual([]);
  });

  it("gives changed ratings and changed reviews with no new diary row on the ratings file", () => {
    const next = library({ ...base, films, ratings: [rating(1, 6)], reviews: [review(2, 501, "Better on a rewatch.", "2025-01-01T00:00:00Z"), review(4, 502, "Never saw it all.")] });
    const selected = selectIncremental(buildLetterboxdExport(next, UTC), exported);
    expect(selected.diary).toEqual([]);
    expect(selected.ratings.map((r) => [r.film.traktId, r.rating10, r.review?.text ?? null])).toEqual([
      [1, 6, null],
      [2, null, "Better on a rewatch."],
      [4, null, "Never saw it all."],
    ]);
  });

  it("writes two new reviews of a film seen before once each: one on its ratings row, one on its diary row written again", () => {
    const early = review(2, 601, "First watch in years.", "2020-01-02T00:00:00Z");
    const late = review(2, 602, "Rewatched on a big screen.", "2025-06-03T00:00:00Z");
    const seen = library({ ...base, films, plays: [...base.plays, play(2, "2025-06-02T20:00:00Z", 106)], reviews: [] });
    const before = stateAfter(buildLetterboxdExport(seen, UTC));
    const full = buildLetterboxdExport(library({ ...seen, films, reviews: [early, late] }), UTC);
    expect(full.diary.filter((r) => r.film.traktId === 2).map((r) => [r.watchedDate, r.review?.commentId])).toEqual([
      ["2020-01-01", 601],
      ["2025-06-02", 602],
    ]);
    const selected = selectIncremental(full, before);
    expect(selected.ratings.map((r) => [r.film.traktId, r.rating10, r.review?.commentId])).toEqual([[2, null, 602]]);
    // Same film, same date: Letterboxd updates that diary entry with the review.
    expect(selected.diary.map((r) => [r.film.traktId, r.watchedDate, r.review?.commentId, r.historyIds])).toEqual([[2, "2020-01-01", 601, []]]);
    const written = exportWriteOf(selected);
    expect(written.plays).toEqual([]);
    expect(written.reviews.map((r) => r.commentId).sort()).toEqual([601, 602]);
    const after = { ...before, reviews: new Map([...before.reviews, ...written.reviews.map((r) => [r.commentId, r.updatedAt] as const)]) };
    expect(hasNoRows(selectIncremental(full, after))).toBe(true);
  });

  it("gives films new on the watchlist, and a changed list whole", () => {
    const next = library({
      ...base,
      films,
      watchlist: [...base.watchlist, { traktId: 4, rank: 2, listedAt: "2025-01-01T00:00:00Z", notes: null }],
      lists: [{ traktId: 70, slug: "faves", name: "Faves", description: null, items: [{ traktId: 2, rank: 1, listedAt: "y", notes: null }, { traktId: 1, rank: 2, listedAt: "x", notes: null }] }],
    });
    const selected = selectIncremental(buildLetterboxdExport(next, UTC), exported);
    expect(selected.watchlist.map((r) => r.film.traktId)).toEqual([4]);
    expect(selected.lists.map((l) => l.rows.map((r) => [r.position, r.film.traktId]))).toEqual([[[1, 2], [2, 1]]]);
  });
});

describe("incremental export against the sandbox", () => {
  let w: World | undefined;
  let out: string | undefined;
  afterEach(async () => {
    await w?.close();
    if (out) rmSync(out, { recursive: true, force: true });
    w = undefined;
  });

  it("after a full export gives exactly the new rows, then nothing", async () => {
    w = await world();
    out = mkdtempSync(join(tmpdir(), "tl-out-"));
    const store = w.open();
    const zone = { timeZone: "Europe/Berlin" };

    // A full export fills the store and records everything it wrote.
    await syncStore({ client: w.client(), store });
    const full = buildLetterboxdExport(loadLibrary(store), zone);
    const files = await writeExportFiles(join(out, "full"), letterboxdCsvFiles(full));
    recordExport(store, { kind: "full", letterboxd: full, files });

    // A week on Trakt: a rewatch of a film first seen in 2015, a first watch of a film
    // reviewed long ago, a changed rating, a new watchlist film, a play removed.
    addPlays(w.sandbox, [
      { traktId: 13, watchedAt: "2026-10-30T19:00:00.000Z" },
      { traktId: 22, watchedAt: "2026-10-29T19:00:00.000Z" },
    ]);
    setRating(w.sandbox, 20, 4);
    addToWatchlist(w.sandbox, 21);
    const removed = sam(w.library).history.find((h) => h.type === "movie" && h.movie.ids.trakt > 100 && !h.hidden);
    if (!removed) throw new Error("no filler play");
    removePlay(w.sandbox, removed.id);

    w.takeRequests();
    await syncStore({ client: w.client(), store });
    expect(requestLines(w.takeRequests()).length).toBeLessThanOrEqual(6);

    const selected = selectIncremental(buildLetterboxdExport(loadLibrary(store), zone), readExportedState(store));
    expect(selected.diary.map((r) => [r.film.title, r.watchedDate, r.rewatch, r.rating10, r.review])).toEqual([
      ["Metropolis", "2026-10-29", false, null, null],
      ["Before Sunrise", "2026-10-30", true, 9, null],
    ]);
    expect(selected.ratings.map((r) => [r.film.title, r.rating10, r.review])).toEqual([["Cats", 4, null]]);
    expect(selected.watchlist.map((r) => r.film.title)).toEqual(["The Room"]);
    expect(selected.lists).toEqual([]);

    const written = await writeExportFiles(join(out, "week"), letterboxdCsvFiles(selected));
    expect(written.map((f) => [f.name, f.rows])).toEqual([
      ["diary", 2],
      ["ratings", 1],
      ["watchlist", 1],
    ]);
    recordExport(store, { kind: "incremental", letterboxd: selected, files: written });
    expect(storeStatus(store).lastExport).toMatchObject({ kind: "incremental", counts: { plays: 2, ratings: 2, reviews: 0, watchlist: 1, lists: 0 } });

    // Nothing new: one request, nothing to write.
    w.takeRequests();
    await syncStore({ client: w.client(), store });
    expect(requestLines(w.takeRequests())).toEqual(["/sync/last_activities"]);
    expect(hasNoRows(selectIncremental(buildLetterboxdExport(loadLibrary(store), zone), readExportedState(store)))).toBe(true);
  });

  it("records nothing of kinds an `--only` export did not write", () => {
    const dir = mkdtempSync(join(tmpdir(), "tl-store-"));
    const store = openStore(join(dir, "s.sqlite"));
    try {
      const full = buildLetterboxdExport(library({ films: [film(1)], plays: [play(1, "2020-01-01T00:00:00Z", 9)], ratings: [rating(1, 7)] }), UTC);
      recordExport(store, { kind: "full", letterboxd: full, files: [], only: ["ratings"] });
      const state = readExportedState(store);
      expect([...state.plays]).toEqual([]);
      expect([...state.ratings]).toEqual([[1, 7]]);
    } finally {
      store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
