/**
 * `npm run bench`: a full export of a generated 100K-play library (20K ratings, 5K
 * watchlist) from the sandbox with 20 ms latency a request. Prints figures, asserts
 * nothing; the targets (issue 2) are printed beside them: requests = minimum, peak RSS
 * < 300 MB, mapping + writing (network excluded) < 2 s.
 *
 * Three processes: this driver, the sandbox (sandbox-process.ts) and the measured export
 * (export-child.mjs, running the built dist/ code), so each figure is the tool's own.
 */
import { fork, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";

interface Ready {
  type: "ready";
  url: string;
  clientId: string;
  clientSecret: string;
  token: unknown;
  minimumRequests: { total: number; parts: Record<string, number> };
}
interface Requests {
  type: "requests";
  count: number;
  paths: Record<string, number>;
}
interface Figures {
  type: "figures";
  fetchMs: number;
  mapMs: number;
  cpuMs: number;
  peakRssMb: number;
  rows: number;
  files: number;
  requests: number;
}

const size = { plays: 100_000, ratings: 20_000, watchlist: 5_000, latencyMs: 20 };
const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));

function next<T>(child: ChildProcess, type: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: { type: string }) => {
      if (message.type !== type) return;
      child.off("message", onMessage);
      resolve(message as T);
    };
    child.on("message", onMessage);
    child.once("exit", (code) => reject(new Error(`${type}: child exited with ${code}`)));
  });
}

const sandbox = fork(here("./sandbox-process.ts"), [JSON.stringify(size)], { execArgv: ["--import", "tsx"] });
try {
  const ready = await next<Ready>(sandbox, "ready");
  console.log(`Library: ${size.plays} plays, ${size.ratings} ratings, ${size.watchlist} watchlist; sandbox latency ${size.latencyMs} ms/request`);

  const exporter = fork(here("./export-child.mjs"), [], { execArgv: [] });
  const figuresPromise = next<Figures>(exporter, "figures");
  exporter.send(ready);
  const f = await figuresPromise;
  sandbox.send("requests");
  const served = await next<Requests>(sandbox, "requests");

  const rows: [string, string, string][] = [
    ["requests (served / minimum)", `${served.count} / ${ready.minimumRequests.total}`, served.count === ready.minimumRequests.total ? "ok (= minimum)" : "OVER minimum"],
    ["wall time, whole export", `${((f.fetchMs + f.mapMs) / 1000).toFixed(2)} s`, ""],
    ["  fetching (network)", `${(f.fetchMs / 1000).toFixed(2)} s`, ""],
    ["  mapping + writing", `${(f.mapMs / 1000).toFixed(2)} s`, f.mapMs < 2000 ? "ok (< 2 s)" : "OVER 2 s"],
    ["CPU time (user + system)", `${(f.cpuMs / 1000).toFixed(2)} s`, ""],
    ["peak RSS", `${f.peakRssMb.toFixed(0)} MB`, f.peakRssMb < 300 ? "ok (< 300 MB)" : "OVER 300 MB"],
    ["rows written", `${f.rows} in ${f.files} files`, ""],
  ];
  console.log("\nFull export");
  for (const [name, value, verdict] of rows) console.log(`  ${name.padEnd(30)} ${value.padStart(22)}  ${verdict}`);
  console.log(`  minimum by endpoint: ${JSON.stringify(ready.minimumRequests.parts)}`);
  console.log(`  served by path:      ${JSON.stringify(served.paths)}`);
} finally {
  sandbox.send("stop");
}
