import { resolve } from "node:path";
import { UsageError } from "../../errors.js";
import {
  Scheduler,
  checkCronPattern,
  defaultExportsDir,
  describeDatedExport,
  exportToDatedFolder,
  localTime,
  readScheduleConfig,
  readingTimeZone,
  runLogWriter,
  scheduleSettings,
  writeScheduleConfig,
  type Clock,
  type ScheduleConfig,
} from "../../schedule/index.js";
import { authSession, createClient, describeClientEvent } from "../../context.js";
import { commandSettings } from "../command-settings.js";
import { describeError } from "../../describe-error.js";
import { line, type CliIo } from "../io.js";
import { stopSignal } from "../stop-signal.js";
import { notLoggedIn } from "./auth.js";

export interface ScheduleFlags {
  /** Folder for the dated export folders. Default: the saved one, else `<home>/exports`. */
  dir?: string;
  /**
   * The zone of the pattern, the times shown and the watch dates; saved with the pattern, it stays
   * theirs until another --timezone. Default: the saved one, else the settings' (TRAKT_LETTERBOXD_TZ,
   * config.toml); without any, the pattern and times are read in this computer's zone and the watch
   * dates follow the Trakt account's.
   */
  timezone?: string;
}

/**
 * `schedule [CRON]`: saves the schedule and runs incremental exports on it until Ctrl+C.
 * Without CRON, runs the saved one (set here or on the page).
 */
export async function runSchedule(io: CliIo, globals: { home?: string }, cron: string | undefined, flags: ScheduleFlags, stop: Promise<void> = stopSignal(), clock?: Clock): Promise<void> {
  // Checked first, as export checks it: a bad --timezone is exit 2 before anything starts.
  const current = await commandSettings(io, globals, { timeZone: flags.timezone });
  const saved = await readScheduleConfig(current.home);
  const settings = scheduleSettings(current, saved, flags.timezone);
  const given = cron ?? saved?.cron;
  if (given === undefined) throw new UsageError('No schedule saved yet; give one, e.g. `trakt-letterboxd schedule "0 3 * * *"` for every night at 03:00.');
  const pattern = checkCronPattern(given);
  // Fail now, not at 3 in the morning: no client id is bad settings (2), no login exit 3.
  createClient(settings);
  if (!(await authSession(settings).current())) throw notLoggedIn();
  // A zone a --timezone gave (now or before) is the schedule's own and saved with it; one from the settings is not.
  const ownZone = flags.timezone !== undefined || saved?.timeZone !== undefined;
  const config: ScheduleConfig = { cron: pattern, dir: resolve(flags.dir ?? saved?.dir ?? defaultExportsDir(settings.home)), ...(ownZone ? { timeZone: settings.timeZone } : {}) };
  await writeScheduleConfig(settings.home, config);

  const zone = readingTimeZone(settings.timeZone);
  const log = runLogWriter(settings.home, (error) => line(io.stderr, `Could not write the schedule log: ${String(error)}`));
  const scheduler = new Scheduler({
    cron: config.cron,
    timeZone: zone,
    clock,
    describeError,
    run: async () => describeDatedExport(await exportToDatedFolder({ settings, root: config.dir, incremental: true, onClientEvent: (e) => line(io.stderr, describeClientEvent(e)) })),
    onEvent: (event) => {
      log(event);
      const at = localTime(event.at, zone);
      if (event.type === "started") line(io.stdout, `${at} Export started.`);
      if (event.type === "succeeded") line(io.stdout, `${at} ${event.message}`);
      if (event.type === "failed") line(io.stderr, `${at} Export failed: ${event.message} It runs again at the next tick.`);
      if (event.type === "skipped") line(io.stdout, `${at} ${event.message}`);
    },
  });
  scheduler.start();
  line(io.stdout, `Incremental exports run on "${config.cron}" (${zone} time) into dated folders under ${config.dir}.`);
  line(io.stdout, `Next run: ${scheduler.nextRun ? localTime(scheduler.nextRun, zone) : "never (the pattern has no future time)"}. Press Ctrl+C to stop.`);
  await stop;
  line(io.stdout, scheduler.isRunning ? "Stopping after the export in progress…" : "Stopping…");
  await scheduler.stop();
}
