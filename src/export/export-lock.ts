import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { ExportBusyError } from "../errors.js";
import { openStore, type Store } from "../store/index.js";
import { tryFileLock } from "../util/file-lock.js";

/**
 * Runs `fn` holding the data folder's export lock, so that no two exports or backups
 * (the CLI's, `schedule`'s, `serve`'s) ever work on one store at once.
 *
 * The lock is `<home>/export-lock.sqlite` (src/util/file-lock.ts: never stale, never held
 * by two, released only by its holder); `export-lock.pid` only names the holder for the
 * message.
 */
export async function withExportLock<T>(home: string, fn: () => Promise<T>): Promise<T> {
  await mkdir(home, { recursive: true });
  const lock = tryFileLock(join(home, "export-lock.sqlite"));
  if (lock === undefined) {
    const holder = (await readFile(join(home, "export-lock.pid"), "utf8").catch(() => "")).trim();
    throw new ExportBusyError(`Another export is running from this data folder${/^\d+$/.test(holder) ? ` (process ${holder})` : ""}; try again when it has finished.`);
  }
  await writeFile(join(home, "export-lock.pid"), String(process.pid), { mode: 0o600 }).catch(() => {});
  try {
    return await fn();
  } finally {
    // The holder's name goes first: once the lock is let go a new holder may write its own.
    if ((await readFile(join(home, "export-lock.pid"), "utf8").catch(() => "")).trim() === String(process.pid)) {
      await rm(join(home, "export-lock.pid"), { force: true });
    }
    lock.release();
  }
}

/** Runs `fn` with the data folder's store at `path`, opened under its export lock and closed after. */
export function withLockedStore<T>(home: string, path: string, fn: (store: Store) => Promise<T>): Promise<T> {
  return withExportLock(home, async () => {
    const store = openStore(path);
    try {
      return await fn(store);
    } finally {
      store.close();
    }
  });
}
