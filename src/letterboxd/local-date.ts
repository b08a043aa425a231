import { ConfigError } from "../errors.js";

const DAY_MS = 86_400_000;

/**
 * Turns UTC instants into local calendar dates of one IANA time zone.
 *
 * Intl's formatToParts costs a few microseconds a call, too slow for 100K plays, so
 * the zone's UTC offset is computed once per UTC day: when the offset is the same at
 * the day's midnight and the next there was no transition that day and every
 * instant of it is `instant + offset`. Only days with a transition (twice a year in
 * DST zones) fall back to formatting each instant exactly.
 */
export class ZoneDates {
  readonly timeZone: string;
  readonly #format: Intl.DateTimeFormat;
  /** UTC day number → the zone's offset that whole day in ms, or null on a transition day. */
  readonly #dayOffsets = new Map<number, number | null>();
  /** UTC day number → the zone's offset at that day's first instant (shared by the day before). */
  readonly #midnightOffsets = new Map<number, number>();

  constructor(timeZone: string) {
    try {
      // Gregorian calendar and Latin digits whatever the host's locale defaults are.
      this.#format = new Intl.DateTimeFormat("en-US-u-ca-gregory-nu-latn", {
        timeZone,
        year: "numeric",
        month: "2-digit",
        day: "2-digit",
        hour: "2-digit",
        minute: "2-digit",
        second: "2-digit",
        hourCycle: "h23",
      });
    } catch (error) {
      throw new ConfigError(`Unknown time zone "${timeZone}": use an IANA name such as Europe/Berlin or America/New_York.`, {
        cause: error,
      });
    }
    this.timeZone = this.#format.resolvedOptions().timeZone;
  }

  /** `YYYY-MM-DD` of the instant `ms` (milliseconds since the epoch) in this zone. */
  dateOf(ms: number): string {
    const day = Math.floor(ms / DAY_MS);
    let offset = this.#dayOffsets.get(day);
    if (offset === undefined) {
      // Equal offsets at this midnight and the next mean no transition in between.
      // (A transition right at the next midnight makes them differ too: harmless, just slower.)
      const first = this.#offsetAtMidnight(day);
      offset = first === this.#offsetAtMidnight(day + 1) ? first : null;
      this.#dayOffsets.set(day, offset);
    }
    if (offset === null) return isoDate(this.#wallClockMs(ms));
    return isoDate(ms + offset);
  }

  /** The zone's offset from UTC at 00:00 UTC of `day`, in ms. */
  #offsetAtMidnight(day: number): number {
    let offset = this.#midnightOffsets.get(day);
    if (offset === undefined) {
      offset = this.#wallClockMs(day * DAY_MS) - day * DAY_MS;
      this.#midnightOffsets.set(day, offset);
    }
    return offset;
  }

  /** The zone's wall-clock time at `ms`, expressed as if it were a UTC instant. */
  #wallClockMs(ms: number): number {
    let year = 0;
    let month = 0;
    let day = 0;
    let hour = 0;
    let minute = 0;
    let second = 0;
    for (const part of this.#format.formatToParts(ms)) {
      switch (part.type) {
        case "year": year = Number(part.value); break;
        case "month": month = Number(part.value); break;
        case "day": day = Number(part.value); break;
        case "hour": hour = Number(part.value); break;
        case "minute": minute = Number(part.value); break;
        case "second": second = Number(part.value); break;
        default: break;
      }
    }
    const wall = new Date(0);
    // setUTCFullYear, unlike Date.UTC, takes years 0–99 literally.
    wall.setUTCFullYear(year, month - 1, day);
    wall.setUTCHours(hour, minute, second, ms - Math.floor(ms / 1000) * 1000);
    return wall.getTime();
  }
}

/** UTC day number → `YYYY-MM-DD`; many plays share a day, and toISOString is not free. */
const dayStrings = new Map<number, string>();

function isoDate(ms: number): string {
  const day = Math.floor(ms / DAY_MS);
  let text = dayStrings.get(day);
  if (text === undefined) {
    text = new Date(day * DAY_MS).toISOString().slice(0, 10);
    dayStrings.set(day, text);
  }
  return text;
}

const zones = new Map<string, ZoneDates>();

/** The cached ZoneDates of `timeZone`; throws ConfigError for a name Intl does not know. */
export function zoneDates(timeZone: string): ZoneDates {
  let zone = zones.get(timeZone);
  if (zone === undefined) {
    zone = new ZoneDates(timeZone);
    zones.set(timeZone, zone);
  }
  return zone;
}

/**
 * The calendar date `YYYY-MM-DD` of a UTC ISO-8601 instant in an IANA time zone,
 * e.g. `localDate("2024-03-10T04:30:00.000Z", "America/New_York")` is `"2024-03-09"`.
 * Throws RangeError for text that is not a date, ConfigError for an unknown zone.
 */
export function localDate(watchedAtIso: string, timeZone: string): string {
  const ms = Date.parse(watchedAtIso);
  if (Number.isNaN(ms)) throw new RangeError(`Not a date: "${watchedAtIso}"`);
  return zoneDates(timeZone).dateOf(ms);
}

/** 1900-01-01T00:00:00.000Z, the other "unknown date" real accounts hold (TRAKT-EXPORT.md §5). */
const UNKNOWN_1900 = Date.UTC(1900, 0, 1);

/**
 * True for Trakt's "unknown date": a play at exactly the Unix epoch or at exactly
 * 1900-01-01 00:00 UTC, which users log for "seen it before, don't know when"
 * (a second later is a real date).
 */
export function isUnknownDate(watchedAtIso: string): boolean {
  return isUnknownInstant(Date.parse(watchedAtIso));
}

/** isUnknownDate for an instant already parsed (epoch milliseconds). */
export function isUnknownInstant(ms: number): boolean {
  return ms === 0 || ms === UNKNOWN_1900;
}
