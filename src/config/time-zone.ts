import { ConfigError } from "../errors.js";

/** Throws ConfigError unless `zone` is an IANA time zone this Node.js knows. */
export function assertTimeZone(zone: string, source: string): string {
  try {
    // Intl rejects unknown zones with a RangeError; it is the same database the mapping uses.
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
  } catch {
    throw new ConfigError(`Unknown time zone "${zone}" (from ${source}). Use an IANA name such as Europe/Berlin or America/New_York.`);
  }
  return zone;
}

/** The machine's own zone, the last fallback for watch dates. */
export function systemTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}
