/**
 * A folder or a zip file read as one set of named files, for `export --from`: our own
 * backups and Trakt's data export come as either. Zip entries are read from the central
 * directory (yauzl) and inflated one at a time as a stream, counting bytes: a zip's
 * declared sizes are never trusted (yauzl also checks every entry against them), so a
 * crafted or damaged archive is refused instead of filling memory.
 */
import { createHash } from "node:crypto";
import { lstat, readdir, readFile } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import yauzl from "yauzl";
import { UsageError } from "../errors.js";

/**
 * A zip that cannot be read whole. The message ends with `remedy`, by default "download it
 * again"; a caller that knows where the file came from (a backup is made, not downloaded)
 * gives its own with `withRemedy`.
 */
export class DamagedArchiveError extends UsageError {
  constructor(
    readonly problem: string,
    remedy: string,
    options?: { cause?: unknown },
  ) {
    super(`${problem}; ${remedy}.`, options);
  }

  withRemedy(remedy: string): DamagedArchiveError {
    return new DamagedArchiveError(this.problem, remedy, { cause: this.cause });
  }
}

export interface ArchiveLimits {
  /** Files in the archive. Default 100,000 (a Trakt export has a few hundred). */
  maxEntries: number;
  /** Bytes of one file once inflated. Default 256 MiB. */
  maxEntryBytes: number;
  /** Bytes inflated in all, over every read. Default 4 GiB. */
  maxTotalBytes: number;
}

export const DEFAULT_ARCHIVE_LIMITS: ArchiveLimits = { maxEntries: 100_000, maxEntryBytes: 256 * 2 ** 20, maxTotalBytes: 4 * 2 ** 30 };

export interface Archive {
  /** The folder or zip file given. */
  readonly path: string;
  readonly kind: "folder" | "zip";
  /** Every file, by its path inside the archive with `/` separators. */
  readonly names: readonly string[];
  /** A file's bytes; throws UsageError for a damaged entry or one over the limits. */
  read(name: string): Promise<Buffer>;
  /** Changes when any file's name, size or content (zip: CRC-32; folder: modification time) does; cheap, reads no file. */
  fingerprint(): Promise<string>;
  close(): void;
}

/** Opens `path` as a folder or zip; a missing path or a file that is not a readable zip is a UsageError. */
export async function openArchive(path: string, limits: Partial<ArchiveLimits> = {}): Promise<Archive> {
  const limit = { ...DEFAULT_ARCHIVE_LIMITS, ...limits };
  const info = await lstat(path).catch(() => undefined);
  if (info === undefined) throw new UsageError(`Nothing at ${path}: give the path of the zip file (or its unzipped folder).`);
  if (info.isDirectory()) return openFolder(path, limit);
  return openZip(path, limit);
}

async function openFolder(path: string, limit: ArchiveLimits): Promise<Archive> {
  const entries = await readdir(path, { recursive: true, withFileTypes: true }).catch((error: unknown) => {
    throw new UsageError(`Cannot read the folder ${path}: ${reason(error)}.`, { cause: error });
  });
  // Regular files only: a symlink could point anywhere on the disk.
  const names = entries.filter((entry) => entry.isFile()).map((entry) => relative(path, join(entry.parentPath, entry.name)).split(sep).join("/"));
  if (names.length > limit.maxEntries) throw new UsageError(`${path} holds ${names.length} files, more than any export has; point --from at the export itself.`);
  const known = new Set(names);
  return {
    path,
    kind: "folder",
    names,
    async read(name) {
      if (!known.has(name)) throw new UsageError(`${path} has no file ${name}.`);
      const file = join(path, ...name.split("/"));
      const size = (await lstat(file)).size;
      if (size > limit.maxEntryBytes) throw new UsageError(`${path}: ${name} is ${size} bytes, larger than any export file; is this the right folder?`);
      return readFile(file).catch((error: unknown) => {
        throw new UsageError(`Cannot read ${file}: ${reason(error)}.`, { cause: error });
      });
    },
    async fingerprint() {
      const stats = await Promise.all(names.map(async (name) => ({ name, info: await lstat(join(path, ...name.split("/"))) })));
      return digest(stats.map(({ name, info }) => `${name}\0${info.size}\0${info.mtimeMs}`));
    },
    close() {},
  };
}

async function openZip(path: string, limit: ArchiveLimits): Promise<Archive> {
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.openPromise(path, { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: false, decodeStrings: true });
  } catch (error) {
    throw new DamagedArchiveError(`${path} is not a readable zip file (${reason(error)})`, "download it again, or give its unzipped folder", { cause: error });
  }
  const byName = new Map<string, yauzl.Entry>();
  try {
    if (zip.entryCount > limit.maxEntries) throw new UsageError(`${path} holds ${zip.entryCount} files, more than any export has.`);
    for await (const entry of zip.eachEntry()) {
      if (!entry.fileName.endsWith("/")) byName.set(entry.fileName.replace(/\\/g, "/"), entry);
    }
  } catch (error) {
    zip.close();
    if (error instanceof UsageError) throw error;
    throw new DamagedArchiveError(`${path} is a damaged zip file (${reason(error)})`, "download it again", { cause: error });
  }
  let inflated = 0;
  return {
    path,
    kind: "zip",
    names: [...byName.keys()],
    async read(name) {
      const entry = byName.get(name);
      if (entry === undefined) throw new UsageError(`${path} has no file ${name}.`);
      if (entry.isEncrypted()) throw new UsageError(`${path}: ${name} is encrypted; unzip it yourself and give the folder.`);
      const chunks: Buffer[] = [];
      let size = 0;
      try {
        const stream = await zip.openReadStreamPromise(entry);
        for await (const chunk of stream as AsyncIterable<Buffer>) {
          size += chunk.length;
          inflated += chunk.length;
          if (size > limit.maxEntryBytes || inflated > limit.maxTotalBytes) {
            stream.destroy();
            throw new UsageError(`${path}: ${name} inflates to more than any export file holds; refusing it (a damaged or crafted zip?).`);
          }
          chunks.push(chunk);
        }
      } catch (error) {
        if (error instanceof UsageError) throw error;
        throw new DamagedArchiveError(`${path}: ${name} cannot be unpacked (${reason(error)}); the zip is damaged or incomplete`, "download it again", { cause: error });
      }
      return Buffer.concat(chunks, size);
    },
    fingerprint() {
      return Promise.resolve(digest([...byName].map(([name, entry]) => `${name}\0${entry.uncompressedSize}\0${entry.crc32}`)));
    },
    close() {
      zip.close();
    },
  };
}

/** Archive litter, in no export's own files: macOS resource forks (`__MACOSX/`) and dot-files (`.DS_Store`, `._x`). */
export function isLitter(name: string): boolean {
  return name.split("/").some((part) => part === "__MACOSX" || part.startsWith("."));
}

function digest(lines: string[]): string {
  return createHash("sha256").update(lines.sort().join("\n")).digest("hex");
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message.replace(/\s+/g, " ").trim() : String(error);
}
