/**
 * Where a backup's files go: a folder or one zip file, both built beside the target
 * and put in place only once complete (rename), so a failed or killed backup leaves
 * the previous one as it was.
 */
import { createHash, type Hash } from "node:crypto";
import { mkdir, open, readdir, rename, rm, stat, type FileHandle } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { Zip, ZipDeflate } from "fflate";
import { OutputError } from "../errors.js";
import { tempPathFor } from "../util/atomic-write.js";

export interface WrittenBackupFile {
  name: string;
  bytes: number;
  sha256: string;
}

/** One file being written: text in, counted and hashed as it goes. */
export interface FileWriter {
  write(text: string): Promise<void>;
  close(): Promise<WrittenBackupFile>;
}

export interface BackupSink {
  /** Files are written one at a time, each closed before the next is opened. */
  file(name: string): Promise<FileWriter>;
  /** Puts the finished backup in place of the previous one. */
  commit(): Promise<void>;
  /** Removes everything this sink wrote; the previous backup stays. */
  abort(): Promise<void>;
}

/** Text is gathered to about this many characters before it is encoded and written. */
const CHUNK_CHARS = 1 << 18;
const encoder = new TextEncoder();

/** Buffers text, hashes and counts its bytes, hands encoded chunks to `out`. */
function textWriter(name: string, out: (bytes: Uint8Array, final: boolean) => Promise<void>): FileWriter {
  const hash: Hash = createHash("sha256");
  let bytes = 0;
  let pending: string[] = [];
  let pendingChars = 0;
  const flush = async (final: boolean) => {
    const chunk = encoder.encode(pending.join(""));
    pending = [];
    pendingChars = 0;
    hash.update(chunk);
    bytes += chunk.byteLength;
    await out(chunk, final);
  };
  return {
    async write(text) {
      pending.push(text);
      pendingChars += text.length;
      if (pendingChars >= CHUNK_CHARS) await flush(false);
    },
    async close() {
      await flush(true);
      return { name, bytes, sha256: hash.digest("hex") };
    },
  };
}

/**
 * What a killed backup left beside `target`: its unfinished temporaries go; and should it
 * have died between moving the previous backup aside and putting the new one in place,
 * the previous one comes back.
 */
async function removeLeftovers(target: string): Promise<void> {
  const prefix = `.${basename(target)}.`;
  const names = (await readdir(dirname(target)).catch(() => [] as string[])).filter((name) => name.startsWith(prefix) && name.endsWith(".tmp"));
  const targetExists = await stat(target).then(() => true, () => false);
  for (const name of names) {
    const path = join(dirname(target), name);
    if (!targetExists && name.startsWith(`${prefix}old-`)) await rename(path, target).catch(() => undefined);
    else await rm(path, { recursive: true, force: true });
  }
}

export async function folderSink(target: string): Promise<BackupSink> {
  await removeLeftovers(target);
  await refuseForeignFolder(target);
  await mkdir(dirname(target), { recursive: true });
  const temp = tempPathFor(target, "new");
  await mkdir(temp, { recursive: true });
  return {
    async file(name) {
      const handle = await open(join(temp, name), "w", 0o600);
      return textWriter(name, async (chunk, final) => {
        await handle.write(chunk);
        if (final) {
          await handle.sync();
          await handle.close();
        }
      });
    },
    async commit() {
      const old = tempPathFor(target, "old");
      const hadOld = await rename(target, old).then(
        () => true,
        (error: NodeJS.ErrnoException) => {
          if (error.code === "ENOENT") return false;
          throw error;
        },
      );
      try {
        await rename(temp, target);
      } catch (error) {
        if (hadOld) await rename(old, target).catch(() => undefined);
        throw error;
      }
      if (hadOld) await rm(old, { recursive: true, force: true });
    },
    abort: () => rm(temp, { recursive: true, force: true }),
  };
}

/** A folder that exists, is not empty and holds no manifest.json is not ours to replace. */
async function refuseForeignFolder(target: string): Promise<void> {
  const info = await stat(target).catch(() => undefined);
  if (info === undefined) return;
  if (!info.isDirectory()) throw new OutputError(`${target} exists and is not a folder; choose another --out (or add --zip for one file).`);
  const names = await readdir(target);
  if (names.length > 0 && !names.includes("manifest.json")) {
    throw new OutputError(`${target} holds files that are not a trakt-letterboxd backup; choose another --out so nothing of yours is replaced.`);
  }
}

export async function zipSink(target: string): Promise<BackupSink> {
  const info = await stat(target).catch(() => undefined);
  if (info?.isDirectory()) throw new OutputError(`${target} is a folder; give --zip a file name such as backup.zip.`);
  if (info && info.size > 0 && !(await isZip(target))) {
    throw new OutputError(`${target} exists and is not a zip file; choose another --out so nothing of yours is replaced.`);
  }
  await removeLeftovers(target);
  await mkdir(dirname(target), { recursive: true });
  const temp = tempPathFor(target, "new");
  const handle: FileHandle = await open(temp, "w", 0o600);
  let output: Uint8Array[] = [];
  let failure: Error | null = null;
  const zip = new Zip((error, data) => {
    if (error) failure = error;
    else output.push(data);
  });
  const drain = async () => {
    if (failure) throw failure;
    const chunks = output;
    output = [];
    for (const chunk of chunks) await handle.write(chunk);
  };
  let closed = false;
  return {
    async file(name) {
      const entry = new ZipDeflate(name, { level: 6 });
      zip.add(entry);
      return textWriter(name, async (chunk, final) => {
        entry.push(chunk, final);
        await drain();
      });
    },
    async commit() {
      zip.end();
      await drain();
      await handle.sync();
      await handle.close();
      closed = true;
      await rename(temp, target);
    },
    async abort() {
      if (!closed) await handle.close().catch(() => undefined);
      await rm(temp, { force: true });
    },
  };
}

/** Whether the file starts as every zip does ("PK\x03\x04"); a backup zip is only ever replaced by another. */
async function isZip(path: string): Promise<boolean> {
  const handle = await open(path, "r");
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(4), 0, 4, 0);
    return bytesRead === 4 && buffer.readUInt32LE(0) === 0x04034b50;
  } finally {
    await handle.close();
  }
}
