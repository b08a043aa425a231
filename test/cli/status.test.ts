import { describe, expect, it } from "vitest";
import { formatStatus } from "../../src/cli/commands/status.js";
import type { StoreStatus } from "../../src/store/index.js";

const status: StoreStatus = {
  path: "/data/store.sqlite",
  schemaVersion: 1,
  sizeBytes: 1_048_576,
  account: { username: "sam", timeZone: "Europe/Berlin", publicProfile: false },
  counts: { films: 1, plays: 2, ratings: 0, reviews: 0, watchlist: 0, lists: 1, listItems: 1, exports: 1 },
  lastSyncAt: "2026-11-30T02:00:00.000Z",
  kinds: {},
  lastExport: {
    id: 1,
    exportedAt: "2026-11-30T02:01:00.000Z",
    kind: "full",
    files: [{ name: "diary", path: "/out/diary.csv", rows: 1, bytes: 10 }],
    counts: { plays: 2, ratings: 0, reviews: 0, watchlist: 0, lists: 0 },
  },
};

describe("status", () => {
  it("shows the last sync and the last export in the reading zone, the zone named", () => {
    const text = formatStatus(status, "America/New_York");
    expect(text).toContain("Last sync: 2026-11-29 21:00 (America/New_York)\n");
    expect(text).toContain("Last export: 2026-11-29 21:01 (America/New_York), full (1 export in all)\n");
    expect(text).toContain("In the store: 1 film, 2 plays, 0 ratings, 0 reviews, 0 on the watchlist, 1 list (1 list item)");
    expect(text).toContain("  /out/diary.csv  1 row\n");
  });

  it("says never before the first sync", () => {
    expect(formatStatus({ ...status, lastSyncAt: undefined, lastExport: undefined }, "UTC")).toContain("Last sync: never\nLast export: none yet\n");
  });

  it("names the file a store was filled from, and when", () => {
    const text = formatStatus({ ...status, lastSyncAt: undefined, lastLoad: { at: "2026-11-30T02:00:00.000Z", from: "/home/sam/trakt-export-sam.zip" } }, "UTC");
    expect(text).toContain("Last sync: never (the store was filled from a file)\nLast loaded from a file: 2026-11-30 02:00 (UTC), /home/sam/trakt-export-sam.zip\n");
    expect(text).toContain("Store: /data/store.sqlite (1 MiB, schema 1)");
  });
});
