import { link, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { ExportBusyError } from "../errors.js";

/**
 * Runs `fn` holding `<home>/export.lock`, so that no two exports or backups (the CLI's,
 * `schedule`'s, `serve`'s) ever work on one data folder's store at once. A lock left by a
 * process that died is taken over.
 */
export async function withExportLock<T>(home: string, fn: () => Promise<T>): Promise<T> {
  const path = join(home, "export.lock");
  await mkdir(home, { recursive: true });
  await acquire(path);
  try {
    return await fn();
  } finally {
    await rm(path, { force: true });
  }
}

async function acquire(path: string): Promise<void> {
  // The lock appears with its holder's pid already in it (link is atomic), so no one reads an empty one.
  const mine = `${path}.${randomBytes(6).toString("hex")}.tmp`;
  await writeFile(mine, String(process.pid), { mode: 0o600 });
  try {
    for (let attempt = 0; attempt < 2; attempt++) {
      if (await tryLink(mine, path)) return;
      const holder = Number((await readFile(path, "utf8").catch(() => "")).trim());
      if (Number.isInteger(holder) && holder > 0 && isAlive(holder)) {
        throw new ExportBusyError(`Another export is running from this data folder (process ${holder}); try again when it has finished.`);
      }
      await rm(path, { force: true });
    }
  } finally {
    await rm(mine, { force: true });
  }
  throw new ExportBusyError(`Could not take ${path}; another export may be starting.`);
}

async function tryLink(from: string, to: string): Promise<boolean> {
  try {
    await link(from, to);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
