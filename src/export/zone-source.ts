import type { TimeZoneSetting } from "../config/settings.js";
import type { ExportSummary } from "./run-export.js";

const ZONE_SETTING: Record<TimeZoneSetting, string> = {
  flag: "--timezone",
  env: "TRAKT_LETTERBOXD_TZ",
  config: "config.toml",
};

/**
 * Where an export's zone came from, in the words both summaries (terminal and web page) use:
 * the setting that chose it, the account's (read from Trakt's export when `fromTraktExport`), or the system's.
 */
export function zoneSourceText(summary: Pick<ExportSummary, "timeZoneSource" | "timeZoneSetting">, fromTraktExport = false): string {
  if (summary.timeZoneSource === "settings") return summary.timeZoneSetting ? `from ${ZONE_SETTING[summary.timeZoneSetting]}` : "as set";
  if (summary.timeZoneSource === "account") return fromTraktExport ? "your Trakt account's zone, from the export's user-settings.json" : "your Trakt account's zone";
  return "this computer's zone";
}
