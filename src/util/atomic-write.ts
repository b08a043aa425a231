import { randomBytes } from "node:crypto";
import { mkdir, open, rename, rm } from "node:fs/promises";
import { dirname, join, basename } from "node:path";

export interface AtomicWriteOptions {
  /** File mode of the finished file, e.g. 0o600 for token.json. Default 0o644. */
  mode?: number;
}

/** Path of a temporary sibling for `path`: same folder so rename(2) is atomic. */
export function tempPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${randomBytes(6).toString("hex")}.tmp`);
}

/**
 * Writes `data` to `path` so that readers see either the old file or the whole new one:
 * write a temporary sibling, fsync it, rename it over. A crash leaves at most a stray
 * `.tmp` file, never a half-written target.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array, options: AtomicWriteOptions = {}): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temp = tempPathFor(path);
  const handle = await open(temp, "w", options.mode ?? 0o644);
  try {
    await handle.writeFile(data);
    // open()'s mode is masked by the umask; chmod makes 0600 exact.
    await handle.chmod(options.mode ?? 0o644);
    await handle.sync();
  } catch (error) {
    await handle.close().catch(() => undefined);
    await rm(temp, { force: true });
    throw error;
  }
  await handle.close();
  try {
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
