import type { FetchProgress } from "../export/fetch-library.js";
import { ExportBusyError } from "../errors.js";
import type { DatedExport } from "../schedule/index.js";
import type { ClientEvent } from "../trakt/index.js";

export type ExportKind = "full" | "incremental";

/** One export started from the page or by the schedule, as the page shows it. */
export interface ExportJob {
  id: number;
  kind: ExportKind;
  source: "page" | "schedule";
  state: "running" | "done" | "failed";
  startedAt: string;
  finishedAt?: string;
  /** The latest count per kind of data fetched. */
  progress: FetchProgress[];
  /** What the Trakt client said meanwhile (rate limits, retries). */
  notes: string[];
  result?: DatedExport;
  error?: string;
}

export type JobEvent = { type: "progress" | "done" | "failed"; job: ExportJob };

/** Runs one export: the real one in `serve`, a scripted one in tests. */
export type ExportStarter = (
  request: { kind: ExportKind; root: string },
  hooks: { onProgress: (p: FetchProgress) => void; onClientEvent: (e: ClientEvent) => void },
) => Promise<DatedExport>;

/**
 * The page's exports, one at a time, with listeners for live progress (the SSE route).
 * Keeps the latest job so a page opened later still shows how it ended.
 */
export class ExportJobs {
  #latest: ExportJob | undefined;
  #nextId = 1;
  readonly #listeners = new Set<(event: JobEvent) => void>();

  constructor(
    private readonly starter: ExportStarter,
    private readonly describeError: (error: unknown) => string,
    private readonly describeClientEvent: (event: ClientEvent) => string,
    private readonly now: () => number = Date.now,
  ) {}

  get latest(): ExportJob | undefined {
    return this.#latest;
  }

  /**
   * Starts an export into a dated folder under `root`; throws ExportBusyError while one
   * runs. `finished` resolves when it has ended, well or not (it never rejects).
   */
  start(kind: ExportKind, source: ExportJob["source"], root: string): { job: ExportJob; finished: Promise<ExportJob> } {
    if (this.#latest?.state === "running") throw new ExportBusyError("An export is already running; wait for it to finish.");
    const job: ExportJob = { id: this.#nextId++, kind, source, state: "running", startedAt: this.#iso(), progress: [], notes: [] };
    this.#latest = job;
    const hooks: Parameters<ExportStarter>[1] = {
      onProgress: (p) => {
        const i = job.progress.findIndex((q) => q.kind === p.kind);
        if (i === -1) job.progress.push({ ...p });
        else job.progress[i] = { ...p };
        this.#emit({ type: "progress", job });
      },
      onClientEvent: (e) => {
        job.notes.push(this.describeClientEvent(e));
        this.#emit({ type: "progress", job });
      },
    };
    // Through a promise even when the starter throws at once: a job left "running" would refuse every later export.
    const finished = Promise.resolve()
      .then(() => this.starter({ kind, root }, hooks))
      .then(
        (result) => {
          job.state = "done";
          job.result = result;
          return job;
        },
        (error: unknown) => {
          job.state = "failed";
          job.error = this.describeError(error);
          return job;
        },
      );
    return {
      job,
      finished: finished.then((done) => {
        done.finishedAt = this.#iso();
        this.#emit({ type: done.state === "done" ? "done" : "failed", job: done });
        return done;
      }),
    };
  }

  subscribe(listener: (event: JobEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #emit(event: JobEvent): void {
    for (const listener of [...this.#listeners]) {
      try {
        listener(event);
      } catch {
        // A listener (a closed browser tab) must not break the export.
      }
    }
  }

  #iso(): string {
    return new Date(this.now()).toISOString();
  }
}
