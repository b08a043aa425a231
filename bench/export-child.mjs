// The measured side of the benchmark: the built library (dist/, as users run it) in a
// plain Node process, so its CPU time and peak memory are the tool's alone (no tsx, no
// sandbox). The driver sends { type: "run", incremental } messages; each runs the real
// export (sync into the local store, build, write) and answers with its figures.
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runExport } from "../dist/export/run-export.js";
import { openStore } from "../dist/store/index.js";
import { sandboxClient } from "./sandbox-client.mjs";

const home = await mkdtemp(join(tmpdir(), "tl-bench-"));
const storeFile = join(home, "store.sqlite");
let client;
let store;

process.on("message", async (message) => {
  if (message.type === "ready") {
    client = sandboxClient(message);
    store = openStore(storeFile);
    process.send({ type: "child-ready" });
  } else if (message.type === "run") {
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const summary = await runExport({
      client,
      store,
      incremental: message.incremental,
      tags: [],
      outDir: join(home, `out-${message.label}`),
      maxFileBytes: 900_000,
    });
    const wallMs = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    process.send({
      type: "figures",
      label: message.label,
      wallMs,
      cpuMs: (cpu.user + cpu.system) / 1000,
      timings: summary.timings,
      requests: summary.requests,
      rows: summary.files.reduce((sum, f) => sum + f.rows, 0),
      files: summary.files.length,
      nothingNew: summary.nothingNew,
      peakRssMb: process.resourceUsage().maxRSS / 1024,
      storeBytes: (await stat(storeFile)).size + (await stat(`${storeFile}-wal`).then((s) => s.size, () => 0)),
    });
  } else if (message.type === "stop") {
    store?.close();
    await rm(home, { recursive: true, force: true });
    process.disconnect();
  }
});
