import { Cron } from "croner";
import { ExportBusyError } from "../errors.js";
import { systemClock, type Clock } from "./clock.js";
import { checkCronPattern } from "./cron-pattern.js";

/** What the scheduler reports, one event per thing that happened. */
export type SchedulerEvent =
  | { type: "scheduled"; at: Date }
  | { type: "started"; at: Date }
  | { type: "succeeded"; at: Date; finishedAt: Date; message: string }
  | { type: "failed"; at: Date; finishedAt: Date; message: string }
  | { type: "skipped"; at: Date; message: string };

export interface SchedulerOptions {
  /** A cron pattern of five fields (checkCronPattern). */
  cron: string;
  /** IANA zone the pattern is read in. Default: the system's. */
  timeZone?: string;
  /** One run; resolves to a line saying what it did. A rejection is reported, never fatal. */
  run: () => Promise<string>;
  /** Default: the real clock. */
  clock?: Clock;
  onEvent?: (event: SchedulerEvent) => void;
  /** A failed run's line for the log. Default: the error's message. */
  describeError?: (error: unknown) => string;
}

// setTimeout fires at once for delays above 2^31-1 ms (~24.8 days); wait in slices instead.
const MAX_DELAY_MS = 2 ** 31 - 1;

/** Throws UsageError unless `pattern` passes checkCronPattern; returns the parsed job (paused, it never fires by itself). */
function parseCron(pattern: string, timeZone?: string): Cron {
  return new Cron(checkCronPattern(pattern), { paused: true, timezone: timeZone });
}

/**
 * Runs `run` at each tick of a cron pattern. A tick that finds the previous run still
 * going is skipped (runs never overlap); a failed run is reported and the next tick
 * simply runs again. Nothing a run or a listener does can stop the scheduler.
 */
export class Scheduler {
  readonly cron: string;
  /** The zone the pattern is read in; undefined: the system's. */
  readonly timeZone: string | undefined;
  readonly #job: Cron;
  readonly #clock: Clock;
  readonly #run: () => Promise<string>;
  readonly #onEvent: (event: SchedulerEvent) => void;
  readonly #describe: (error: unknown) => string;
  #timer: unknown;
  #next: Date | undefined;
  #running: Promise<void> | undefined;
  #stopped = true;

  constructor(options: SchedulerOptions) {
    this.cron = options.cron;
    this.timeZone = options.timeZone;
    this.#job = parseCron(options.cron, options.timeZone);
    this.#clock = options.clock ?? systemClock;
    this.#run = options.run;
    this.#describe = options.describeError ?? ((error) => (error instanceof Error ? error.message : String(error)));
    const onEvent = options.onEvent ?? (() => {});
    this.#onEvent = (event) => {
      try {
        onEvent(event);
      } catch {
        // A broken listener must not stop the schedule.
      }
    };
  }

  /** When the next tick is due, while started. */
  get nextRun(): Date | undefined {
    return this.#next;
  }

  get isRunning(): boolean {
    return this.#running !== undefined;
  }

  start(): void {
    if (!this.#stopped) return;
    this.#stopped = false;
    this.#arm();
  }

  /** Stops ticking; resolves once a run in progress has finished. */
  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer !== undefined) this.#clock.clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#next = undefined;
    await this.idle();
  }

  /** Resolves when no run is in progress. */
  async idle(): Promise<void> {
    while (this.#running) await this.#running;
  }

  #arm(): void {
    const next = this.#job.nextRun(new Date(this.#clock.now())) ?? undefined;
    this.#next = next;
    if (next === undefined) return;
    this.#onEvent({ type: "scheduled", at: next });
    this.#wait(next);
  }

  #wait(due: Date): void {
    const delay = Math.min(MAX_DELAY_MS, Math.max(0, due.getTime() - this.#clock.now()));
    this.#timer = this.#clock.setTimeout(() => {
      if (this.#stopped) return;
      if (this.#clock.now() < due.getTime()) return this.#wait(due);
      this.#tick(due);
      this.#arm();
    }, delay);
  }

  #tick(at: Date): void {
    if (this.#running) {
      this.#onEvent({ type: "skipped", at, message: "The previous run was still going; skipped this tick." });
      return;
    }
    this.#onEvent({ type: "started", at });
    const running = this.#runOnce(at);
    this.#running = running;
    void running.finally(() => {
      if (this.#running === running) this.#running = undefined;
    });
  }

  /** Never rejects: the outcome becomes an event. */
  async #runOnce(at: Date): Promise<void> {
    const finish = (type: "succeeded" | "failed", message: string) => this.#onEvent({ type, at, finishedAt: new Date(this.#clock.now()), message });
    try {
      finish("succeeded", await this.#run());
    } catch (error) {
      // Another export (the page's, another process's) holds the lock: this tick's work is theirs.
      if (error instanceof ExportBusyError) this.#onEvent({ type: "skipped", at, message: error.message });
      else finish("failed", this.#describe(error));
    }
  }
}
