import { randomBytes } from "node:crypto";
import { mkdir, open, rename, rm } from "node:fs/promises";
import { dirname, join, basename } from "node:path";

export interface AtomicWriteOptions {
  /** File mode of the finished file, e.g. 0o600 for token.json. Default 0o644. */
  mode?: number;
}

/**
 * Path of a temporary sibling for `path`: same folder so rename(2) is atomic. `tag`
 * (e.g. "new", "old") lets a later run tell what a killed one left behind.
 */
export function tempPathFor(path: string, tag?: string): string {
  return join(dirname(path), `.${basename(path)}.${tag ? `${tag}-` : ""}${randomBytes(6).toString("hex")}.tmp`);
}

/**
 * Writes `data` to `path` and fsyncs it, so a later rename publishes a file that is
 * really on disk. Text given as pieces is written piece by piece, never joined.
 */
export async function writeDurably(path: string, data: string | Uint8Array | Iterable<string>, mode = 0o644): Promise<void> {
  const handle = await open(path, "w", mode);
  try {
    if (typeof data === "string" || data instanceof Uint8Array) await handle.writeFile(data);
    else for (const piece of data) await handle.write(piece);
    // open()'s mode is masked by the umask; chmod makes 0600 exact.
    await handle.chmod(mode);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Writes `data` to `path` so that readers see either the old file or the whole new one:
 * write a temporary sibling durably, rename it over. A crash leaves at most a stray
 * `.tmp` file, never a half-written target.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array, options: AtomicWriteOptions = {}): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temp = tempPathFor(path);
  try {
    await writeDurably(temp, data, options.mode ?? 0o644);
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
