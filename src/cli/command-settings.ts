import { loadSettings, type Settings, type SettingsFlags } from "../config/settings.js";
import type { CliIo } from "./io.js";

/** Settings for a command: the environment of `io`, the global `--home` and the command's own flags. */
export function commandSettings(io: CliIo, globals: { home?: string }, flags: Omit<SettingsFlags, "home"> = {}): Promise<Settings> {
  return loadSettings(io.env, { ...flags, home: globals.home });
}
