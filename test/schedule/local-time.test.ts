import { describe, expect, it } from "vitest";
import { systemTimeZone } from "../../src/config/time-zone.js";
import { localTime, readingTimeZone } from "../../src/schedule/index.js";

describe("localTime", () => {
  it("shows an instant as it reads in the zone, the zone named", () => {
    expect(localTime("2026-11-30T02:00:00.000Z", "Europe/Berlin")).toBe("2026-11-30 03:00 (Europe/Berlin)");
    expect(localTime(new Date("2026-07-01T02:00:00Z"), "Europe/Berlin")).toBe("2026-07-01 04:00 (Europe/Berlin)");
    expect(localTime(Date.parse("2026-11-30T02:00:00Z"), "America/New_York")).toBe("2026-11-29 21:00 (America/New_York)");
    expect(localTime("2026-11-30T00:05:00Z", "UTC")).toBe("2026-11-30 00:05 (UTC)");
    // Half-hour zones and midnight (never "24:00").
    expect(localTime("2026-01-01T18:30:00Z", "Asia/Kolkata")).toBe("2026-01-02 00:00 (Asia/Kolkata)");
  });

  it("reads times in the settings' zone, else the system's", () => {
    expect(readingTimeZone("Asia/Tokyo")).toBe("Asia/Tokyo");
    expect(readingTimeZone(undefined)).toBe(systemTimeZone());
  });
});
