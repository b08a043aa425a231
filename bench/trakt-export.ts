/**
 * Converting Trakt's own data export (the ZIP from Settings → Data), called by run.ts
 * before the backup bench so its figures print early. The driver writes the flat export
 * (250-row pages) of the same generated library (not measured); each figure then comes
 * from a fresh plain-Node child (trakt-export-child.mjs, the built dist/ code) so its
 * peak RSS is that run's alone.
 */
import { fork } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { unzipSync } from "fflate";
import { generateLibrary, sam, traktExportZip } from "../src/sandbox/index.js";
import { next, seconds, table, verdict } from "./ipc.js";

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));

interface Run {
  wallMs: number;
  timings: { syncMs: number; buildMs: number; writeMs: number };
  rows: number;
  files: number;
  nothingNew: boolean;
  /** The child's peak so far. */
  peakRssMb: number;
}
interface ConvertFigures {
  convert: Run;
  cpuMs: number;
}
interface IncrementalFigures {
  first: Run;
  again: Run;
}

/** Runs `mode` in a fresh child and waits for its figures (rejects if it dies first). */
function measure<T>(mode: "convert" | "incremental", zip: string): Promise<T> {
  const child = fork(here("./trakt-export-child.mjs"), [mode, zip], { execArgv: [] });
  return next<T>(child, "figures");
}

/** Where the time goes; syncMs is, here, reading the ZIP into the store. */
const phases = (t: Run["timings"]): [string, string, string][] => [
  ["  load into the store", seconds(t.syncMs), ""],
  ["  build rows", seconds(t.buildMs), ""],
  ["  write files", seconds(t.writeMs), ""],
];

/** Prints the Trakt-export tables; `size` is run.ts's, with its seed, so it is the same library. */
export async function runTraktExportBench(size: { plays: number; ratings: number; watchlist: number }): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), "tl-bench-trakt-"));
  try {
    const zip = join(dir, "trakt-export.zip");
    const bytes = traktExportZip(sam(generateLibrary({ plays: size.plays, ratings: size.ratings, watchlist: size.watchlist, seed: 2026 })), { pageSize: 250 });
    await writeFile(zip, bytes);
    // Count the entries from the central directory, inflating none.
    let entries = 0;
    let historyPages = 0;
    unzipSync(bytes, {
      filter: (f) => {
        entries++;
        if (f.name.startsWith("watched-history")) historyPages++;
        return false;
      },
    });
    console.log(`\nTrakt's data export of that library: flat, 250-row pages, ${(bytes.byteLength / 1_048_576).toFixed(1)} MB zipped, ${entries} files (${historyPages} watched-history pages)`);

    const c = await measure<ConvertFigures>("convert", zip);
    table("export --from Trakt's export ZIP (store in memory)", [
      ["wall time", seconds(c.convert.wallMs), verdict(c.convert.wallMs < 10_000, "< 10 s")],
      ...phases(c.convert.timings),
      ["CPU time (user + system)", seconds(c.cpuMs), ""],
      ["peak RSS", `${c.convert.peakRssMb.toFixed(0)} MB`, verdict(c.convert.peakRssMb < 300, "< 300 MB")],
      ["rows written", `${c.convert.rows} in ${c.convert.files} files`, ""],
    ]);

    const i = await measure<IncrementalFigures>("incremental", zip);
    table("export --from Trakt's export ZIP, incremental (store file)", [
      ["first load: wall time", seconds(i.first.wallMs), ""],
      ...phases(i.first.timings),
      ["  rows written", `${i.first.rows} in ${i.first.files} files`, ""],
      ["  peak RSS", `${i.first.peakRssMb.toFixed(0)} MB`, ""],
      ["same ZIP again: wall time", seconds(i.again.wallMs), verdict(i.again.wallMs < 5000, "< 5 s")],
      ...phases(i.again.timings),
      ["  nothing new", String(i.again.nothingNew), verdict(i.again.nothingNew && i.again.files === 0, "true, no file written")],
      ["  peak RSS (of both runs)", `${i.again.peakRssMb.toFixed(0)} MB`, ""],
    ]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
