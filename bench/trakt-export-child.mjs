// The measured side of the Trakt-export benchmark: the built code (dist/) in a plain Node
// process, started afresh for each figure so its peak RSS is that run's alone. argv: the
// mode and Trakt's export ZIP. "convert" converts it through a store in memory;
// "incremental" loads it twice into a store file in a temp data folder, the second time
// with nothing new. Answers with one "figures" message, then exits.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { exportFromFile } from "../dist/export/from-file.js";
import { openStore } from "../dist/store/index.js";

const [mode, zip] = process.argv.slice(2);
const home = await mkdtemp(join(tmpdir(), "tl-bench-trakt-child-"));

/** One exportFromFile, timed by the wall clock around it; peak RSS is the process's so far. */
async function convert(label, store) {
  const t0 = performance.now();
  const s = await exportFromFile({ from: zip, store, incremental: store !== undefined, tags: [], outDir: join(home, `out-${label}`), maxFileBytes: 900_000 });
  return {
    wallMs: performance.now() - t0,
    timings: s.timings,
    rows: s.files.reduce((sum, f) => sum + f.rows, 0),
    files: s.files.length,
    nothingNew: s.nothingNew,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  };
}

try {
  const figures = {};
  if (mode === "convert") {
    const cpu0 = process.cpuUsage();
    figures.convert = await convert("convert", undefined);
    const cpu = process.cpuUsage(cpu0);
    figures.cpuMs = (cpu.user + cpu.system) / 1000;
  } else {
    const store = openStore(join(home, "store.sqlite"));
    figures.first = await convert("first", store);
    figures.again = await convert("again", store);
    store.close();
  }
  await new Promise((resolve) => process.send({ type: "figures", ...figures }, resolve));
} finally {
  await rm(home, { recursive: true, force: true });
  process.disconnect();
}
