import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { DEFAULT_MAX_FILE_BYTES } from "../../src/config/settings.js";
import { exportFromFile } from "../../src/export/from-file.js";
import { emptyLetterboxdAccount, importCsv, letterboxdCatalog, traktExportZip, type LetterboxdSandboxAccount, type SandboxLibrary } from "../../src/sandbox/index.js";
import { openStore } from "../../src/store/index.js";
import { listFiles } from "../helpers/e2e.js";

/**
 * A data folder `<root>/home` whose store holds `library` (its Trakt export loaded as
 * `export --from --incremental` keeps it), and a Letterboxd account that imported the
 * files that export wrote: a whole import, for a test to damage.
 */
export async function importedLibrary(root: string, library: SandboxLibrary): Promise<{ home: string; account: LetterboxdSandboxAccount }> {
  const home = join(root, "home");
  await mkdir(root, { recursive: true });
  const trakt = join(root, "trakt.zip");
  await writeFile(trakt, traktExportZip(library.users[0]!, { quirks: false }));
  const store = openStore(join(home, "store.sqlite"));
  const files = join(root, "imported");
  try {
    await exportFromFile({ from: trakt, store, incremental: true, tags: [], outDir: files, maxFileBytes: DEFAULT_MAX_FILE_BYTES });
  } finally {
    store.close();
  }
  const account = emptyLetterboxdAccount("sam");
  const csv = Object.fromEntries(await Promise.all((await listFiles(files)).map(async (f) => [f, await readFile(join(files, f), "utf8")] as const)));
  importCsv(account, letterboxdCatalog(library), csv);
  return { home, account };
}
