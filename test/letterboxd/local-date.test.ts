import { describe, expect, it } from "vitest";
import { ConfigError } from "../../src/errors.js";
import { isUnknownDate, localDate } from "../../src/letterboxd/index.js";

describe("localDate", () => {
  it("gives the date in the zone, not the UTC date, on either side of local midnight", () => {
    expect(localDate("2024-05-02T03:59:59.000Z", "America/New_York")).toBe("2024-05-01");
    expect(localDate("2024-05-02T04:00:00.000Z", "America/New_York")).toBe("2024-05-02");
    expect(localDate("2024-05-01T21:59:59.999Z", "Europe/Berlin")).toBe("2024-05-01");
    expect(localDate("2024-05-01T22:00:00.000Z", "Europe/Berlin")).toBe("2024-05-02");
    expect(localDate("2024-05-01T23:30:00.000Z", "UTC")).toBe("2024-05-01");
  });

  it("follows the spring-forward transition (America/New_York, 2024-03-10 07:00Z)", () => {
    // Before: EST (−5).
    expect(localDate("2024-03-10T04:59:59.000Z", "America/New_York")).toBe("2024-03-09");
    expect(localDate("2024-03-10T05:00:00.000Z", "America/New_York")).toBe("2024-03-10");
    // After: EDT (−4), local midnight is 04:00Z.
    expect(localDate("2024-03-11T03:59:59.000Z", "America/New_York")).toBe("2024-03-10");
    expect(localDate("2024-03-11T04:00:00.000Z", "America/New_York")).toBe("2024-03-11");
  });

  it("follows the fall-back transition (Europe/Berlin, 2024-10-27 01:00Z)", () => {
    expect(localDate("2024-10-26T21:59:59.000Z", "Europe/Berlin")).toBe("2024-10-26");
    expect(localDate("2024-10-26T22:00:00.000Z", "Europe/Berlin")).toBe("2024-10-27");
    expect(localDate("2024-10-27T22:59:59.000Z", "Europe/Berlin")).toBe("2024-10-27");
    expect(localDate("2024-10-27T23:00:00.000Z", "Europe/Berlin")).toBe("2024-10-28");
  });

  it("handles offsets that are not whole hours", () => {
    expect(localDate("2024-01-01T18:29:59.000Z", "Asia/Kolkata")).toBe("2024-01-01");
    expect(localDate("2024-01-01T18:30:00.000Z", "Asia/Kolkata")).toBe("2024-01-02");
    expect(localDate("2024-01-01T10:14:59.000Z", "Pacific/Chatham")).toBe("2024-01-01"); // +13:45 in summer
    expect(localDate("2024-01-01T10:15:00.000Z", "Pacific/Chatham")).toBe("2024-01-02");
  });

  it("agrees with Intl for instants across many zones and years", () => {
    const zones = ["Europe/London", "America/Sao_Paulo", "Australia/Lord_Howe", "Asia/Kathmandu", "America/St_Johns", "Pacific/Apia"];
    let seed = 42;
    const random = (): number => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    };
    for (const timeZone of zones) {
      const reference = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
      for (let i = 0; i < 2000; i++) {
        const ms = Date.UTC(1995, 0, 1) + Math.floor(random() * 30 * 365 * 86_400_000);
        const iso = new Date(ms).toISOString();
        expect(localDate(iso, timeZone), `${iso} in ${timeZone}`).toBe(reference.format(ms));
      }
    }
  });

  it("rejects an unknown zone with a ConfigError and text that is not a date with a RangeError", () => {
    expect(() => localDate("2024-01-01T00:00:00Z", "Mars/Olympus_Mons")).toThrow(ConfigError);
    expect(() => localDate("yesterday", "UTC")).toThrow(RangeError);
  });
});

describe("isUnknownDate", () => {
  it("is true for the Unix epoch and for 1900-01-01 at midnight UTC, however written", () => {
    expect(isUnknownDate("1970-01-01T00:00:00.000Z")).toBe(true);
    expect(isUnknownDate("1970-01-01T00:00:00Z")).toBe(true);
    expect(isUnknownDate("1900-01-01T00:00:00.000Z")).toBe(true);
    expect(isUnknownDate("1900-01-01T01:00:00+01:00")).toBe(true);
  });

  it("is false for any other instant", () => {
    expect(isUnknownDate("1970-01-01T00:00:01.000Z")).toBe(false);
    expect(isUnknownDate("1900-01-01T00:00:01.000Z")).toBe(false);
    expect(isUnknownDate("2024-01-01T00:00:00.000Z")).toBe(false);
  });
});
