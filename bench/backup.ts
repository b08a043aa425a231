/**
 * The backup benchmark, called by bench/run.ts: a full backup of the 100K-play
 * library plus 50K episode plays against the sandbox at 20 ms a request (requests against
 * the minimum, wall time, peak RSS < 300 MB), then `export --from` that backup (< 10 s, as for Trakt's own export: both load a store in memory first).
 * Three processes as in run.ts: the driver, the sandbox (sandbox-process.ts) and the
 * measured side (backup-child.mjs, the built dist/ code).
 */
import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import { fewest, next, seconds, table, verdict, type SandboxReady, type ServedRequests } from "./ipc.js";

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));

export interface BackupBenchFigures {
  requests: number;
  minimumRequests: number;
  wallMs: number;
  rateLimitedMs: number;
  peakRssMb: number;
  items: number;
  bytes: number;
  fromWallMs: number;
  fromRows: number;
}

/** Runs the backup benchmark, prints its table, and returns the figures. */
export async function runBackupBench(size = { plays: 100_000, ratings: 20_000, watchlist: 5_000, episodePlays: 50_000, latencyMs: 20 }): Promise<BackupBenchFigures> {
  const sandbox = fork(here("./sandbox-process.ts"), [JSON.stringify(size)], { execArgv: ["--import", "tsx"] });
  const child = fork(here("./backup-child.mjs"), [], { execArgv: [] });
  try {
    const childReady = next(child, "child-ready");
    const ready = await next<SandboxReady>(sandbox, "ready");
    await childReady;
    const backupDone = next<{ wallMs: number; rateLimitedMs: number; requests: number; items: number; bytes: number; peakRssMb: number }>(child, "backup-figures");
    child.send({ ...ready, type: "backup" });
    const backup = await backupDone;
    const served = next<ServedRequests>(sandbox, "requests");
    sandbox.send("requests");
    const requests = await served;
    const fromDone = next<{ wallMs: number; rows: number; files: number }>(child, "from-figures");
    child.send({ type: "from" });
    const from = await fromDone;

    const minimum = ready.minimum.backup;
    table(`Backup: ${size.plays} film plays + ${size.episodePlays} episode plays, ${size.latencyMs} ms/request`, [
      ["requests", String(requests.count), fewest(requests.count, minimum.total)],
      ["wall time", seconds(backup.wallMs), "under Trakt's 1000 GETs / 5 min: no wait"],
      ["  of which waiting for the rate limit", seconds(backup.rateLimitedMs), ""],
      ["peak RSS", `${backup.peakRssMb.toFixed(0)} MB`, verdict(backup.peakRssMb < 300, "< 300 MB")],
      ["items written", `${backup.items} (${(backup.bytes / 1_048_576).toFixed(1)} MB of JSON)`, ""],
      ["export --from that backup", seconds(from.wallMs), verdict(from.wallMs < 10_000, "< 10 s")],
      ["  rows written", `${from.rows} in ${from.files} files`, ""],
    ]);
    console.log(`  minimum by endpoint: ${JSON.stringify(minimum.parts)}`);
    console.log(`  served by path:      ${JSON.stringify(requests.paths)}`);
    return {
      requests: requests.count,
      minimumRequests: minimum.total,
      wallMs: backup.wallMs,
      rateLimitedMs: backup.rateLimitedMs,
      peakRssMb: backup.peakRssMb,
      items: backup.items,
      bytes: backup.bytes,
      fromWallMs: from.wallMs,
      fromRows: from.rows,
    };
  } finally {
    child.send({ type: "stop" });
    sandbox.send("stop");
  }
}
