import { mkdir, readdir, rename, rm } from "node:fs/promises";
import { dirname, isAbsolute, join, normalize } from "node:path";
import { OutputError } from "../errors.js";
import { tempPathFor, writeDurably } from "../util/atomic-write.js";
import { csvParts, type CsvRecords } from "./csv-render.js";

export interface CsvFile {
  /** File name without `.csv`, relative to the output folder: `diary`, `lists/best-of-2024`. */
  name: string;
  header: readonly string[];
  records: CsvRecords;
}

export interface WriteExportOptions {
  /** Largest file to write; bigger ones are split into NAME-1.csv, NAME-2.csv, …. Default 900000. */
  maxFileBytes?: number;
  /**
   * Remove files of our naming (`diary[-N].csv`, `ratings[-N].csv`, `watchlist[-N].csv`,
   * `lists/*.csv`) that this run did not write, so the folder holds exactly this export
   * and no one uploads last week's part by mistake. Default true.
   */
  removeStale?: boolean;
  /** Which kinds of our files count as stale when removeStale is on (e.g. only those `--only` writes). Default all. */
  staleKinds?: readonly FileKind[];
}

/** `shows` is `shows.csv` (`--include-shows`), which is not a Letterboxd import file. */
export type FileKind = "diary" | "ratings" | "watchlist" | "lists" | "shows";
const ALL_KINDS: readonly FileKind[] = ["diary", "ratings", "watchlist", "lists", "shows"];

export interface WrittenFile {
  path: string;
  /** The CsvFile's name this file (or part of it) came from. */
  name: string;
  rows: number;
  bytes: number;
}

const OUR_TOP_LEVEL_FILE = /^(diary|ratings|watchlist|shows)(-\d+)?\.csv$/;

/**
 * Writes the files into `outDir` as one set: every file goes to a temporary sibling
 * first; only when all are on disk are the old files moved aside and the new ones
 * renamed into place. A failure at any step puts the old files back and removes the
 * temporaries, so the folder holds either the previous export or this one. Files
 * with no records are not written and not reported.
 */
export async function writeExportFiles(outDir: string, files: readonly CsvFile[], options: WriteExportOptions = {}): Promise<WrittenFile[]> {
  const maxFileBytes = options.maxFileBytes ?? 900_000;
  if (!Number.isInteger(maxFileBytes) || maxFileBytes <= 0) throw new RangeError(`maxFileBytes must be a positive integer, not ${maxFileBytes}`);

  for (const file of files) checkName(file.name);
  const stale = options.removeStale === false ? [] : await ourFiles(outDir, options.staleKinds ?? ALL_KINDS);

  // One part is rendered at a time and its text dropped once on disk: no file's whole
  // text (a 100K-row diary's is tens of MB) ever exists.
  const written: WrittenFile[] = [];
  const temps: { temp: string; path: string }[] = [];
  let current = outDir;
  try {
    for (const file of files) {
      for (const part of csvParts(file.name, file.header, file.records, maxFileBytes)) {
        const path = join(outDir, part.fileName);
        current = path;
        if (temps.some((t) => t.path === path)) throw new OutputError(`Two export files would both be written to ${path}; rename one of the lists on Trakt.`);
        await mkdir(dirname(path), { recursive: true });
        const temp = tempPathFor(path);
        temps.push({ temp, path });
        await writeDurably(temp, part.pieces);
        written.push({ path, name: file.name, rows: part.rows, bytes: part.bytes });
      }
    }
  } catch (error) {
    await removeAll(temps.map(({ temp }) => temp));
    throw error instanceof OutputError ? error : outputError("write", current, error);
  }
  const targets = new Set(temps.map(({ path }) => path));
  const staleOnly = stale.filter((path) => !targets.has(path));

  await commit(temps, staleOnly);
  return written;
}

/**
 * Moves every target and stale file aside, renames the temporaries into place, then
 * deletes what was moved aside. Rename within one folder does not half-happen, so
 * undoing the finished steps in reverse restores the previous export.
 */
async function commit(temps: readonly { temp: string; path: string }[], stale: readonly string[]): Promise<void> {
  const movedAside: { path: string; backup: string }[] = [];
  const placed: string[] = [];
  let current = "";
  try {
    for (const path of [...temps.map(({ path }) => path), ...stale]) {
      current = path;
      const backup = tempPathFor(path);
      if (await renameIfExists(path, backup)) movedAside.push({ path, backup });
    }
    for (const { temp, path } of temps) {
      current = path;
      await rename(temp, path);
      placed.push(path);
    }
  } catch (error) {
    await removeAll(placed);
    for (const { path, backup } of movedAside.reverse()) await rename(backup, path).catch(() => undefined);
    await removeAll(temps.map(({ temp }) => temp));
    throw outputError("replace", current, error);
  }
  // The new export is in place; a backup that cannot be deleted is a hidden .tmp file, not a failure.
  await removeAll(movedAside.map(({ backup }) => backup));
}

async function renameIfExists(from: string, to: string): Promise<boolean> {
  try {
    await rename(from, to);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return false;
    throw error;
  }
}

/** Paths of files in `outDir` named as this module names them. */
async function ourFiles(outDir: string, kinds: readonly FileKind[]): Promise<string[]> {
  const top = (await fileNames(outDir))
    .filter((name) => kinds.includes(OUR_TOP_LEVEL_FILE.exec(name)?.[1] as FileKind))
    .map((name) => join(outDir, name));
  const lists = kinds.includes("lists")
    ? (await fileNames(join(outDir, "lists"))).filter((name) => name.endsWith(".csv")).map((name) => join(outDir, "lists", name))
    : [];
  return [...top, ...lists];
}

async function fileNames(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    return entries.filter((entry) => entry.isFile()).map((entry) => entry.name);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return [];
    throw outputError("read", dir, error);
  }
}

async function removeAll(paths: readonly string[]): Promise<void> {
  await Promise.all(paths.map((path) => rm(path, { force: true }).catch(() => undefined)));
}

function checkName(name: string): void {
  if (name === "" || isAbsolute(name) || normalize(name).split(/[\\/]/).includes("..")) {
    throw new RangeError(`Export file name must be a relative path inside the output folder, not "${name}"`);
  }
}

function outputError(action: "write" | "replace" | "read", path: string, cause: unknown): OutputError {
  const detail = cause instanceof Error ? cause.message : String(cause);
  return new OutputError(`Could not ${action} ${path}: ${detail}. Nothing in the output folder was changed; check the folder is writable and not open elsewhere.`, { cause });
}
