// The measured side of the backup benchmark: the built code (dist/) in a plain Node
// process. "backup" runs a full backup into a fresh store and folder and answers with its
// figures (peak memory is this process's, taken before anything else runs); "from" runs
// `export --from` that backup.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runBackup } from "../dist/backup/index.js";
import { exportFromFile } from "../dist/export/from-file.js";
import { openStore } from "../dist/store/index.js";
import { sandboxClient } from "./sandbox-client.mjs";
import { VERSION } from "../dist/version.js";

const home = await mkdtemp(join(tmpdir(), "tl-bench-backup-"));
const out = join(home, "backup");

process.on("message", async (message) => {
  if (message.type === "backup") {
    const client = sandboxClient(message);
    const store = openStore(join(home, "store.sqlite"));
    const t0 = performance.now();
    const summary = await runBackup({ client, store, out, zip: false, version: VERSION });
    const wallMs = performance.now() - t0;
    store.close();
    process.send({
      type: "backup-figures",
      wallMs,
      requests: summary.requests,
      rateLimitedMs: client.stats.rateLimitedMs,
      items: summary.manifest.files.reduce((sum, f) => sum + f.items, 0),
      bytes: summary.manifest.files.reduce((sum, f) => sum + f.bytes, 0),
      peakRssMb: process.resourceUsage().maxRSS / 1024,
    });
  } else if (message.type === "from") {
    const t0 = performance.now();
    const summary = await exportFromFile({ from: out, tags: [], outDir: join(home, "letterboxd"), maxFileBytes: 900_000 });
    process.send({ type: "from-figures", wallMs: performance.now() - t0, rows: summary.files.reduce((sum, f) => sum + f.rows, 0), files: summary.files.length });
  } else if (message.type === "stop") {
    await rm(home, { recursive: true, force: true });
    process.disconnect();
  }
});
process.send({ type: "child-ready" });
