import { ConfigError, UsageError } from "../errors.js";
import type { Settings } from "../config/settings.js";
import { Scheduler, describeDatedExport, readingTimeZone, readScheduleConfig, runLogWriter, scheduleSettings, writeScheduleConfig, type Clock, type ScheduleConfig } from "../schedule/index.js";
import type { ExportJobs } from "./export-jobs.js";

export interface ScheduleRunnerOptions {
  /** The page's; a schedule runs with them, its zone replaced by one saved with it (scheduleSettings). */
  settings: Settings;
  jobs: ExportJobs;
  /** Default: the real clock. */
  clock?: Clock;
  /** Where failures to write the run log go. Default: ignored. */
  onLogError?: (error: unknown) => void;
}

/**
 * The schedule as `serve` runs it: the saved config, and a Scheduler whose runs are
 * page exports (so the Export page shows them live). Its ticks go to the shared run log.
 */
export class ScheduleRunner {
  #scheduler: Scheduler | undefined;
  #problem: string | undefined;

  constructor(private readonly options: ScheduleRunnerOptions) {}

  get nextRun(): Date | undefined {
    return this.#scheduler?.nextRun;
  }

  /** The zone the running schedule's pattern is read in: the one saved with it (`schedule --timezone`), else the page's. */
  get timeZone(): string {
    return this.#scheduler?.timeZone ?? readingTimeZone(this.options.settings.timeZone);
  }

  /** Why the saved schedule does not run (a pattern an older version accepted, an unknown zone); undefined when it runs or is off. */
  get problem(): string | undefined {
    return this.#problem;
  }

  /** Starts the saved schedule, if any. A saved pattern or zone that no longer passes is reported (`problem`), never fatal to `serve`. */
  async resume(): Promise<void> {
    const config = await readScheduleConfig(this.options.settings.home);
    if (config === undefined || this.#scheduler !== undefined) return;
    try {
      this.#scheduler = this.#make(config);
    } catch (error) {
      if (!(error instanceof UsageError || error instanceof ConfigError)) throw error;
      this.#problem = `The saved schedule does not run: ${error.message}`;
      return;
    }
    this.#scheduler.start();
  }

  /** Saves `config` (undefined = off) and runs it from now on. Throws UsageError for a bad pattern, ConfigError for an unknown zone, before saving. */
  async set(config: ScheduleConfig | undefined): Promise<void> {
    const next = config && this.#make(config);
    await writeScheduleConfig(this.options.settings.home, config);
    this.#problem = undefined;
    const previous = this.#scheduler;
    this.#scheduler = next;
    next?.start();
    // Stops ticking at once; not awaited, since that waits for a run in progress and saving must not
    // wait for an export to end. No overlap: a tick of the new one meanwhile finds ExportJobs busy.
    void previous?.stop();
  }

  async stop(): Promise<void> {
    await this.#scheduler?.stop();
    this.#scheduler = undefined;
  }

  #make(config: ScheduleConfig): Scheduler {
    const { settings, jobs, clock, onLogError = () => {} } = this.options;
    // The same rule as `schedule`: the zone saved with the pattern, checked, over the page's, for the pattern and the watch dates.
    const run = scheduleSettings(settings, config);
    return new Scheduler({
      cron: config.cron,
      timeZone: readingTimeZone(run.timeZone),
      clock,
      onEvent: runLogWriter(settings.home, onLogError),
      run: async () => {
        const job = await jobs.start("incremental", "schedule", config.dir, run).finished;
        if (job.result === undefined) throw new Error(job.error);
        return describeDatedExport(job.result);
      },
    });
  }
}
