/**
 * A lock between processes on one data folder, held as an exclusive transaction on a
 * small SQLite file. The operating system lets go of it when its holder ends, however it
 * ends, so a lock is never stale, two processes never both hold it, and only its holder
 * releases it (a PID file has none of these). Connections in one process exclude each
 * other too.
 */
import Database from "better-sqlite3";

export interface FileLock {
  release(): void;
}

/** The lock at `path`, or undefined at once when another holds it. */
export function tryFileLock(path: string): FileLock | undefined {
  const db = new Database(path, { timeout: 0 });
  try {
    db.exec("BEGIN EXCLUSIVE");
  } catch (error) {
    db.close();
    if ((error as { code?: string }).code === "SQLITE_BUSY") return undefined;
    throw error;
  }
  return {
    release() {
      if (!db.open) return;
      if (db.inTransaction) db.exec("ROLLBACK");
      db.close();
    },
  };
}

/**
 * Waits for the lock at `path`, trying every `pollMs` (never blocking the event loop), up
 * to `timeoutMs`; undefined when it stayed taken that long.
 */
export async function waitForFileLock(path: string, options: { timeoutMs: number; pollMs?: number; sleep?: (ms: number) => Promise<void> }): Promise<FileLock | undefined> {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const pollMs = options.pollMs ?? 50;
  for (let waited = 0; ; waited += pollMs) {
    const lock = tryFileLock(path);
    if (lock !== undefined || waited >= options.timeoutMs) return lock;
    await sleep(pollMs);
  }
}
