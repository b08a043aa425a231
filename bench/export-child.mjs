// The measured side of the benchmark: the built library (dist/, as users run it) in a
// plain Node process, so its CPU time and peak memory are the tool's alone (no tsx, no
// sandbox). Receives the sandbox's address over IPC, sends back its figures.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fetchLibrary } from "../dist/export/fetch-library.js";
import { buildLetterboxdExport, letterboxdCsvFiles, writeExportFiles } from "../dist/letterboxd/index.js";
import { AuthSession, createTraktClient, getUserSettings, MemoryTokenStore } from "../dist/trakt/index.js";
import { USER_AGENT } from "../dist/version.js";

process.once("message", async (ready) => {
  const out = await mkdtemp(join(tmpdir(), "tl-bench-"));
  try {
    const client = createTraktClient({
      clientId: ready.clientId,
      clientSecret: ready.clientSecret,
      apiUrl: ready.url,
      authUrl: ready.url,
      userAgent: USER_AGENT,
      session: new AuthSession({ store: new MemoryTokenStore(ready.token) }),
    });
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const settings = await getUserSettings(client);
    const library = await fetchLibrary({ client, kinds: new Set(["history", "ratings", "watchlist", "lists", "reviews", "directors"]) });
    const t1 = performance.now();
    const letterboxd = buildLetterboxdExport(library, { timeZone: settings.account.timezone, tags: [] });
    const written = await writeExportFiles(out, letterboxdCsvFiles(letterboxd), { maxFileBytes: 900_000 });
    const t2 = performance.now();
    const cpu = process.cpuUsage(cpu0);
    process.send({
      type: "figures",
      fetchMs: t1 - t0,
      mapMs: t2 - t1,
      cpuMs: (cpu.user + cpu.system) / 1000,
      peakRssMb: process.resourceUsage().maxRSS / 1024,
      rows: written.reduce((sum, f) => sum + f.rows, 0),
      files: written.length,
      requests: client.stats.requests,
    });
  } finally {
    await rm(out, { recursive: true, force: true });
    process.disconnect();
  }
});
