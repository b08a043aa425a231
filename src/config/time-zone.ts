import { ConfigError } from "../errors.js";

/** True when `zone` is an IANA time zone this Node.js knows (the database the mapping uses). */
export function isKnownZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Throws ConfigError unless `zone` is an IANA time zone this Node.js knows. */
export function assertTimeZone(zone: string, source: string): string {
  if (!isKnownZone(zone)) {
    throw new ConfigError(`Unknown time zone "${zone}" (from ${source}). Use an IANA name such as Europe/Berlin or America/New_York.`);
  }
  return zone;
}

/** The machine's own zone, the last fallback for watch dates. */
export function systemTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}
