/**
 * The backup benchmark (issue 5), for bench/run.ts to call: a full backup of the
 * 100K-play library plus 50K episode plays against the sandbox at 20 ms a request
 * (requests against the minimum, wall time, peak RSS < 300 MB), then `export --from`
 * that backup (< 3 s). Three processes as in run.ts: this driver, the sandbox
 * (backup-sandbox.ts) and the measured side (backup-child.mjs, the built dist/ code).
 */
import { fork, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));

function next<T>(child: ChildProcess, type: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`waiting for ${type}: a child exited with ${code}`));
    const onMessage = (message: { type: string }) => {
      if (message.type !== type) return;
      child.off("message", onMessage);
      child.off("exit", onExit);
      resolve(message as T);
    };
    child.on("message", onMessage);
    child.once("exit", onExit);
  });
}

interface Ready {
  type: "ready";
  url: string;
  clientId: string;
  clientSecret: string;
  token: unknown;
  minimumRequests: { total: number; parts: Record<string, number> };
}

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
  const sandbox = fork(here("./backup-sandbox.ts"), [JSON.stringify(size)], { execArgv: ["--import", "tsx"] });
  const child = fork(here("./backup-child.mjs"), [], { execArgv: [] });
  try {
    const childReady = next(child, "child-ready");
    const ready = await next<Ready>(sandbox, "ready");
    await childReady;
    const backupDone = next<{ wallMs: number; rateLimitedMs: number; requests: number; items: number; bytes: number; peakRssMb: number }>(child, "backup-figures");
    child.send({ ...ready, type: "backup" });
    const backup = await backupDone;
    const served = next<{ count: number; paths: Record<string, number> }>(sandbox, "requests");
    sandbox.send("requests");
    const requests = await served;
    const fromDone = next<{ wallMs: number; rows: number; files: number }>(child, "from-figures");
    child.send({ type: "from" });
    const from = await fromDone;

    const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
    const verdict = (ok: boolean, target: string) => (ok ? `ok (${target})` : `MISSED (${target})`);
    console.log(`\nBackup (issue 5): ${size.plays} film plays + ${size.episodePlays} episode plays, ${size.latencyMs} ms/request`);
    const rows: [string, string, string][] = [
      ["requests (served / minimum)", `${requests.count} / ${ready.minimumRequests.total}`, verdict(requests.count <= ready.minimumRequests.total, "= minimum")],
      ["wall time", seconds(backup.wallMs), "Trakt's 1000 GETs / 5 min bound it"],
      ["  of which waiting for the rate limit", seconds(backup.rateLimitedMs), ""],
      ["peak RSS", `${backup.peakRssMb.toFixed(0)} MB`, verdict(backup.peakRssMb < 300, "< 300 MB")],
      ["items written", `${backup.items} (${(backup.bytes / 1_048_576).toFixed(1)} MB of JSON)`, ""],
      ["export --from that backup", seconds(from.wallMs), verdict(from.wallMs < 3000, "< 3 s")],
      ["  rows written", `${from.rows} in ${from.files} files`, ""],
    ];
    for (const [name, value, note] of rows) console.log(`  ${name.padEnd(34)} ${value.padStart(28)}  ${note}`);
    console.log(`  minimum by endpoint: ${JSON.stringify(ready.minimumRequests.parts)}`);
    console.log(`  served by path:      ${JSON.stringify(requests.paths)}`);
    return {
      requests: requests.count,
      minimumRequests: ready.minimumRequests.total,
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

// `npx tsx bench/backup.ts` runs it alone.
if (process.argv[1] === fileURLToPath(import.meta.url)) await runBackupBench();
