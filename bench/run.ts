/**
 * `npm run bench`: prints figures, asserts nothing; each target is printed beside its figure.
 * It takes about a minute after the build (65–80 s on two cores); the first line says so and
 * the last gives the time it took.
 *
 * On a generated 100K-play library (20K ratings, 5K watchlist) served by the sandbox with
 * 20 ms latency a request:
 * - a full export: requests = minimum, peak RSS < 200 MB, mapping + writing
 *   (network excluded) < 2 s;
 * - then incremental exports: nothing new ≤ 3 requests, 10 new plays and a
 *   changed rating ≤ 6 requests, each < 2 s wall; the store under 60 MB;
 * - then `export --from` Trakt's own data export ZIP of that library (flat, 250-row
 *   pages; its size and file count printed; see trakt-export.ts): with a store in memory
 *   < 10 s wall and peak RSS < 300 MB (load / build / write times shown); then into a
 *   store file twice, the second time nothing new in < 5 s;
 * - then a full backup with 50K episode plays more, and `export --from` it (see
 *   backup.ts). It needs fewer than Trakt's 1000 reads per 5 minutes, so it never waits.
 *
 * Three processes: this driver, the sandbox (sandbox-process.ts) and the measured export
 * (export-child.mjs, running the built dist/ code), so each figure is the tool's own; the
 * Trakt-export figures come from their own child (trakt-export-child.mjs) likewise.
 */
import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import { runBackupBench } from "./backup.js";
import { fewest, next, seconds, table, verdict, type SandboxReady, type ServedRequests } from "./ipc.js";
import { runTraktExportBench } from "./trakt-export.js";

interface Figures {
  type: "figures";
  label: string;
  wallMs: number;
  cpuMs: number;
  timings: { syncMs: number; buildMs: number; writeMs: number };
  requests: number;
  rows: number;
  files: number;
  nothingNew: boolean;
  peakRssMb: number;
  storeBytes: number;
}

const size = { plays: 100_000, ratings: 20_000, watchlist: 5_000, latencyMs: 20 };
const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));

const started = performance.now();
console.log("The benchmark takes about a minute (65–80 s on two cores). Each figure is printed with its target; nothing is asserted.");
const sandbox = fork(here("./sandbox-process.ts"), [JSON.stringify(size)], { execArgv: ["--import", "tsx"] });
const exporter = fork(here("./export-child.mjs"), [], { execArgv: [] });
try {
  const ready = await next<SandboxReady>(sandbox, "ready");
  console.log(`Library: ${size.plays} plays, ${size.ratings} ratings, ${size.watchlist} watchlist; sandbox latency ${size.latencyMs} ms/request`);
  const childReady = next(exporter, "child-ready");
  exporter.send(ready);
  await childReady;

  const run = async (label: string, incremental: boolean): Promise<{ f: Figures; served: ServedRequests }> => {
    sandbox.send("reset");
    const figures = next<Figures>(exporter, "figures");
    exporter.send({ type: "run", label, incremental });
    const f = await figures;
    const served = next<ServedRequests>(sandbox, "requests");
    sandbox.send("requests");
    return { f, served: await served };
  };

  const full = await run("full", false);
  const mapMs = full.f.timings.buildMs + full.f.timings.writeMs;
  table("Full export", [
    ["requests", String(full.served.count), fewest(full.served.count, ready.minimum.export.total)],
    ["wall time", seconds(full.f.wallMs), ""],
    ["  sync (network + store writes)", seconds(full.f.timings.syncMs), ""],
    ["  mapping + writing (no network)", seconds(mapMs), verdict(mapMs < 2000, "< 2 s")],
    ["    build rows (store read + mapping)", seconds(full.f.timings.buildMs), ""],
    ["    write files", seconds(full.f.timings.writeMs), ""],
    ["CPU time (user + system)", seconds(full.f.cpuMs), ""],
    ["peak RSS", `${full.f.peakRssMb.toFixed(0)} MB`, verdict(full.f.peakRssMb < 200, "< 200 MB")],
    ["rows written", `${full.f.rows} in ${full.f.files} files`, ""],
  ]);
  console.log(`  minimum by endpoint: ${JSON.stringify(ready.minimum.export.parts)}`);
  console.log(`  served by path:      ${JSON.stringify(full.served.paths)}`);

  const quiet = await run("nothing-new", true);
  const edited = next(sandbox, "edited");
  sandbox.send("ten-new-plays-and-a-rating");
  await edited;
  const week = await run("ten-new", true);
  table("Incremental exports", [
    ["nothing new: requests", String(quiet.served.count), verdict(quiet.served.count <= 3, "≤ 3")],
    ["nothing new: wall time", seconds(quiet.f.wallMs), verdict(quiet.f.wallMs < 2000, "< 2 s")],
    ["10 new plays + 1 rating: requests", String(week.served.count), verdict(week.served.count <= 6, "≤ 6")],
    ["10 new plays + 1 rating: wall time", seconds(week.f.wallMs), verdict(week.f.wallMs < 2000, "< 2 s")],
    ["10 new plays + 1 rating: rows", `${week.f.rows} in ${week.f.files} files`, ""],
    ["store size on disk", `${(week.f.storeBytes / 1_048_576).toFixed(1)} MB`, verdict(week.f.storeBytes < 60 * 1_048_576, "< 60 MB")],
  ]);
  console.log(`  10 new plays, served by path: ${JSON.stringify(week.served.paths)}`);
} finally {
  exporter.send({ type: "stop" });
  sandbox.send("stop");
}

// Before the backup bench, the longest part, so these print early.
await runTraktExportBench(size);
await runBackupBench();
console.log(`\nDone in ${seconds(performance.now() - started)}.`);
