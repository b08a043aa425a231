import { join } from "node:path";
import type { Settings } from "../config/settings.js";
import { assertTimeZone } from "../config/time-zone.js";
import type { ScheduleConfig } from "./schedule-file.js";

/**
 * The zone saved with the pattern (`schedule --timezone`), checked, when it stands: until a
 * new --timezone (`flagZone`) replaces it, it is the pattern's and the watch dates' zone over
 * the settings' (TRAKT_LETTERBOXD_TZ, config.toml). Undefined when the settings' zone stands.
 * Throws ConfigError, naming schedule.json, for a zone this Node.js does not know.
 */
function savedScheduleZone(home: string, saved: ScheduleConfig | undefined, flagZone?: string): string | undefined {
  if (flagZone !== undefined || saved?.timeZone === undefined) return undefined;
  return assertTimeZone(saved.timeZone, join(home, "schedule.json"));
}

/** The settings a schedule runs with: `settings`, their zone replaced by the saved one while it stands (savedScheduleZone). */
export function scheduleSettings(settings: Settings, saved: ScheduleConfig | undefined, flagZone?: string): Settings {
  const zone = savedScheduleZone(settings.home, saved, flagZone);
  return zone === undefined ? settings : { ...settings, timeZone: zone, timeZoneSetting: undefined };
}
