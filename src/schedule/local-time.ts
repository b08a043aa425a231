import { systemTimeZone } from "../config/time-zone.js";

/**
 * The zone people read times in (the next run, the run log, past exports): the settings'
 * (`--timezone`, `TRAKT_LETTERBOXD_TZ`, `timezone` in config.toml), else this computer's.
 * The schedule's pattern is read in the same zone, so "0 3 * * *" shows as 03:00.
 */
export function readingTimeZone(settingsZone: string | undefined): string {
  return settingsZone ?? systemTimeZone();
}

const formats = new Map<string, Intl.DateTimeFormat>();

/** `2026-11-30 03:00 (Europe/Berlin)`: an instant as it reads in `zone`, the zone named. */
export function localTime(at: Date | string | number, zone: string): string {
  let format = formats.get(zone);
  if (format === undefined) {
    // hourCycle h23, not hour12: false, which writes midnight as "24" in some engines.
    format = new Intl.DateTimeFormat("en-US", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
    formats.set(zone, format);
  }
  const part = Object.fromEntries(format.formatToParts(new Date(at)).map((p) => [p.type, p.value]));
  return `${part.year}-${part.month}-${part.day} ${part.hour}:${part.minute} (${zone})`;
}
