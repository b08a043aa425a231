import type { Settings } from "../config/settings.js";
import type { FetchProgress } from "../sync/progress.js";
import type { DatedExport } from "../schedule/index.js";
import type { ClientEvent } from "../trakt/index.js";
import { PageJobs, type Job, type JobEvent } from "./jobs.js";

export type ExportKind = "full" | "incremental";

/** One export started from the page or by the schedule, as the page shows it. */
export type ExportJob = Job<{ kind: ExportKind; source: "page" | "schedule" }, DatedExport>;

/** Runs one export: the real one in `serve`, a scripted one in tests. */
export type ExportStarter = (
  /** `settings`: this export's own (the schedule's, its zone saved with it); undefined: the page's. */
  request: { kind: ExportKind; root: string; settings?: Settings },
  hooks: { onProgress: (p: FetchProgress) => void; onClientEvent: (e: ClientEvent) => void },
) => Promise<DatedExport>;

/** The page's and the schedule's exports, one at a time; what the Trakt client says meanwhile becomes the job's notes. */
export class ExportJobs {
  readonly #jobs: PageJobs<{ kind: ExportKind; source: ExportJob["source"] }, DatedExport>;

  constructor(
    private readonly starter: ExportStarter,
    describeError: (error: unknown) => string,
    private readonly describeClientEvent: (event: ClientEvent) => string,
    now: () => number = Date.now,
  ) {
    this.#jobs = new PageJobs("An export is already running; wait for it to finish.", describeError, now);
  }

  get latest(): ExportJob | undefined {
    return this.#jobs.latest;
  }

  /**
   * Starts an export into a dated folder under `root`; throws ExportBusyError while one
   * runs. `finished` resolves when it has ended, well or not (it never rejects).
   */
  start(kind: ExportKind, source: ExportJob["source"], root: string, settings?: Settings): { job: ExportJob; finished: Promise<ExportJob> } {
    return this.#jobs.start({ kind, source }, (hooks) =>
      this.starter({ kind, root, settings }, { onProgress: hooks.onProgress, onClientEvent: (e) => hooks.onNote(this.describeClientEvent(e)) }),
    );
  }

  subscribe(listener: (event: JobEvent<ExportJob>) => void): () => void {
    return this.#jobs.subscribe(listener);
  }

  /** Resolves once no export runs. */
  settled(): Promise<void> {
    return this.#jobs.settled();
  }
}
