import type { Context } from "hono";
import { streamSSE } from "hono/streaming";
import type { JobEvent, JobStatus } from "./jobs.js";

/** Where a page's jobs can be followed: ExportJobs, Conversions. */
export interface FollowedJobs<J> {
  readonly latest: J | undefined;
  subscribe(listener: (event: JobEvent<J>) => void): () => void;
}

/**
 * The latest job as server-sent events: its state now, then every change until it ends
 * (`progress`…, then `done` or `failed`); nothing when there is no job. Each event's data
 * is `{job, ...extra(type, job)}`, `extra` adding the markup the page swaps in.
 */
export function streamJobEvents<J extends JobStatus<unknown>>(c: Context, jobs: FollowedJobs<J>, extra: (type: JobEvent<J>["type"], job: J) => Promise<object>): Response {
  return streamSSE(c, async (stream) => {
    let chain = Promise.resolve();
    // The job changes as it runs: take its state now, not when the write's turn comes.
    const send = (type: JobEvent<J>["type"], job: J) => {
      const snapshot = structuredClone(job);
      chain = chain.then(async () => {
        await stream.writeSSE({ event: type, data: JSON.stringify({ job: snapshot, ...(await extra(type, snapshot)) }) });
      });
      return chain;
    };
    const job = jobs.latest;
    if (job === undefined) return;
    if (job.state !== "running") return send(job.state, job);
    await new Promise<void>((resolve) => {
      const off = jobs.subscribe((event) => {
        void send(event.type, event.job);
        if (event.type !== "progress") {
          off();
          void chain.then(resolve);
        }
      });
      stream.onAbort(() => {
        off();
        resolve();
      });
      void send("progress", job);
    });
    await chain;
  });
}
