/**
 * The tests' oracle for what Trakt holds: the sandbox library's own Trakt data export
 * (src/sandbox/trakt-export.ts), loaded through the file path into a fresh store. It
 * shares no code with the API sync, so "the store after an interrupted or incremental
 * sync equals this" checks the sync against an independent reading of the same account.
 * Directors come only from the API: compare `withoutDirectors` of the synced library.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Library } from "../../src/letterboxd/library.js";
import type { SandboxLibrary } from "../../src/sandbox/index.js";
import { writeTraktExport } from "../../src/sandbox/trakt-export.js";
import { loadLibrary, openStore } from "../../src/store/index.js";
import { loadTraktExport } from "../../src/sync/load-trakt-export.js";
import { openTraktExport } from "../../src/trakt-export/read-export.js";
import { openArchive } from "../../src/util/archive.js";

export async function libraryFromTraktExport(library: SandboxLibrary): Promise<Library> {
  const user = library.users[0];
  if (user === undefined) throw new Error("no sandbox user");
  const dir = await mkdtemp(join(tmpdir(), "tl-oracle-"));
  const store = openStore(":memory:");
  try {
    await writeTraktExport(user, join(dir, "export.zip"), { zip: true, quirks: false });
    const archive = await openArchive(join(dir, "export.zip"));
    const source = await openTraktExport(archive);
    if (source === undefined) throw new Error("the sandbox wrote no Trakt export");
    await loadTraktExport(source, { store });
    archive.close();
    return loadLibrary(store);
  } finally {
    store.close();
    await rm(dir, { recursive: true, force: true });
  }
}

export function withoutDirectors(library: Library): Library {
  return { ...library, films: new Map([...library.films].map(([id, { directors: _directors, ...film }]) => [id, film])) };
}
