import { ExportBusyError } from "../errors.js";

/** How far one kind of work has come: `history` 120 of 450 (total undefined until known). */
export interface JobProgress {
  kind: string;
  done: number;
  total: number | undefined;
}

/** What the page shows of any job: its state, live progress and notes, and how it ended. */
export interface JobStatus<Result> {
  id: number;
  state: "running" | "done" | "failed";
  startedAt: string;
  finishedAt?: string;
  /** The latest count per kind of work. */
  progress: JobProgress[];
  /** Lines about what happened meanwhile (rate limits, retries). */
  notes: string[];
  result?: Result;
  /** The failure in one line (describeError). */
  error?: string;
}

/** A job: what it was started with (`Info`) and its status. */
export type Job<Info, Result> = Info & JobStatus<Result>;

export type JobEvent<J> = { type: "progress" | "done" | "failed"; job: J };

export interface JobHooks {
  onProgress: (p: JobProgress) => void;
  onNote: (line: string) => void;
}

/**
 * Jobs the page runs one at a time (exports, conversions), with listeners for live
 * progress (the SSE routes). Keeps the latest job so a page opened later still shows
 * how it ended.
 */
export class PageJobs<Info extends object, Result> {
  #latest: Job<Info, Result> | undefined;
  #nextId = 1;
  readonly #listeners = new Set<(event: JobEvent<Job<Info, Result>>) => void>();

  /** `busy` is the message of the ExportBusyError thrown when a job is started while one runs. */
  constructor(
    private readonly busy: string,
    private readonly describeError: (error: unknown) => string,
    private readonly now: () => number = Date.now,
  ) {}

  get latest(): Job<Info, Result> | undefined {
    return this.#latest;
  }

  get running(): boolean {
    return this.#latest?.state === "running";
  }

  /**
   * Runs `run` as a new job; throws ExportBusyError while one runs. `finished` resolves
   * when it has ended, well or not (it never rejects).
   */
  start(info: Info, run: (hooks: JobHooks) => Promise<Result>): { job: Job<Info, Result>; finished: Promise<Job<Info, Result>> } {
    this.assertIdle();
    const status: JobStatus<Result> = { id: this.#nextId++, state: "running", startedAt: this.#iso(), progress: [], notes: [] };
    const job: Job<Info, Result> = { ...info, ...status };
    this.#latest = job;
    const hooks: JobHooks = {
      onProgress: (p) => {
        const i = job.progress.findIndex((q) => q.kind === p.kind);
        if (i === -1) job.progress.push({ ...p });
        else job.progress[i] = { ...p };
        this.#emit({ type: "progress", job });
      },
      onNote: (line) => {
        job.notes.push(line);
        this.#emit({ type: "progress", job });
      },
    };
    // Through a promise even when `run` throws at once: a job left "running" would refuse every later one.
    const finished = Promise.resolve()
      .then(() => run(hooks))
      .then(
        (result) => {
          job.state = "done";
          job.result = result;
        },
        (error: unknown) => {
          job.state = "failed";
          job.error = this.describeError(error);
        },
      )
      .then(() => {
        job.finishedAt = this.#iso();
        this.#emit({ type: job.state === "done" ? "done" : "failed", job });
        return job;
      });
    return { job, finished };
  }

  /** Throws ExportBusyError while a job runs: lets a caller refuse before preparing one (an upload). */
  assertIdle(): void {
    if (this.running) throw new ExportBusyError(this.busy);
  }

  subscribe(listener: (event: JobEvent<Job<Info, Result>>) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Resolves once no job runs. */
  async settled(): Promise<void> {
    if (!this.running) return;
    await new Promise<void>((resolve) => {
      const off = this.subscribe((event) => {
        if (event.type === "progress") return;
        off();
        resolve();
      });
    });
  }

  #emit(event: JobEvent<Job<Info, Result>>): void {
    for (const listener of [...this.#listeners]) {
      try {
        listener(event);
      } catch {
        // A listener (a closed browser tab) must not break the job.
      }
    }
  }

  #iso(): string {
    return new Date(this.now()).toISOString();
  }
}
