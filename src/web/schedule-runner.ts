import { UsageError } from "../errors.js";
import { Scheduler, describeDatedExport, readScheduleConfig, runLogWriter, writeScheduleConfig, type Clock, type ScheduleConfig } from "../schedule/index.js";
import type { ExportJobs } from "./export-jobs.js";

export interface ScheduleRunnerOptions {
  home: string;
  jobs: ExportJobs;
  /** The zone the pattern is read in (readingTimeZone). */
  timeZone: string;
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

  /** Why the saved schedule does not run (a pattern an older version accepted); undefined when it runs or is off. */
  get problem(): string | undefined {
    return this.#problem;
  }

  /** Starts the saved schedule, if any. A saved pattern that no longer passes is reported (`problem`), never fatal to `serve`. */
  async resume(): Promise<void> {
    const config = await readScheduleConfig(this.options.home);
    if (config === undefined || this.#scheduler !== undefined) return;
    try {
      this.#scheduler = this.#make(config);
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      this.#problem = `The saved schedule does not run: ${error.message}`;
      return;
    }
    this.#scheduler.start();
  }

  /** Saves `config` (undefined = off) and runs it from now on. Throws UsageError for a bad pattern before saving. */
  async set(config: ScheduleConfig | undefined): Promise<void> {
    const next = config && this.#make(config);
    await writeScheduleConfig(this.options.home, config);
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
    const { home, jobs, timeZone, clock, onLogError = () => {} } = this.options;
    return new Scheduler({
      cron: config.cron,
      timeZone: config.timeZone ?? timeZone,
      clock,
      onEvent: runLogWriter(home, onLogError),
      run: async () => {
        const job = await jobs.start("incremental", "schedule", config.dir).finished;
        if (job.result === undefined) throw new Error(job.error);
        return describeDatedExport(job.result);
      },
    });
  }
}
