import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import Database from "better-sqlite3";
import { ExportBusyError } from "../errors.js";

/**
 * Runs `fn` holding the data folder's export lock, so that no two exports or backups
 * (the CLI's, `schedule`'s, `serve`'s) ever work on one store at once.
 *
 * The lock is SQLite's own: an exclusive transaction on `<home>/export-lock.sqlite`, held
 * open while `fn` runs. The operating system releases it when its holder ends, however
 * it ends, so there is never a stale lock to take over and two processes can never both
 * hold it (a PID file could be taken over by two at once, or removed by a non-holder).
 * `export-lock.pid` only names the holder for the message.
 */
export async function withExportLock<T>(home: string, fn: () => Promise<T>): Promise<T> {
  await mkdir(home, { recursive: true });
  const lock = acquire(join(home, "export-lock.sqlite"));
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
    release(lock);
  }
}

/** The open lock, or undefined when another connection (any process) holds it. */
function acquire(path: string): Database.Database | undefined {
  const db = new Database(path, { timeout: 0 });
  try {
    db.exec("BEGIN EXCLUSIVE");
    return db;
  } catch (error) {
    db.close();
    if ((error as { code?: string }).code === "SQLITE_BUSY") return undefined;
    throw error;
  }
}

function release(db: Database.Database): void {
  if (db.inTransaction) db.exec("ROLLBACK");
  db.close();
}
