import { Scheduler, describeDatedExport, readScheduleConfig, runLogWriter, writeScheduleConfig, type Clock, type ScheduleConfig } from "../schedule/index.js";
import type { ExportJobs } from "./export-jobs.js";

/**
 * The schedule as `serve` runs it: the saved config, and a Scheduler whose runs are
 * page exports (so the Export page shows them live). Its ticks go to the shared run log.
 */
export class ScheduleRunner {
  #scheduler: Scheduler | undefined;

  constructor(
    private readonly home: string,
    private readonly jobs: ExportJobs,
    private readonly clock?: Clock,
    private readonly onLogError: (error: unknown) => void = () => {},
  ) {}

  get nextRun(): Date | undefined {
    return this.#scheduler?.nextRun;
  }

  /** Starts the saved schedule, if any. */
  async resume(): Promise<void> {
    const config = await readScheduleConfig(this.home);
    if (config === undefined || this.#scheduler !== undefined) return;
    this.#scheduler = this.#make(config);
    this.#scheduler.start();
  }

  /** Saves `config` (undefined = off) and runs it from now on. Throws UsageError for a bad pattern before saving. */
  async set(config: ScheduleConfig | undefined): Promise<void> {
    const next = config && this.#make(config);
    await writeScheduleConfig(this.home, config);
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
    return new Scheduler({
      cron: config.cron,
      clock: this.clock,
      onEvent: runLogWriter(this.home, this.onLogError),
      run: async () => {
        const job = await this.jobs.start("incremental", "schedule", config.dir).finished;
        if (job.result === undefined) throw new Error(job.error);
        return describeDatedExport(job.result);
      },
    });
  }
}
