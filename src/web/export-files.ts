import { statSync } from "node:fs";
import { basename, isAbsolute, relative, resolve, sep } from "node:path";
import type { ExportRecord } from "../store/index.js";

/** A past export's file as the page lists it. */
export interface ListedFile {
  /** Its kind: `diary`, `ratings`, `watchlist`, `lists/<name>`, `shows`. */
  name: string;
  /** Path inside the export's folder, e.g. `diary.csv`, `lists/favourites.csv`. */
  fileName: string;
  rows: number;
  bytes: number;
  /** Present when the server may hand it out: it lies under a folder the server owns and is still the file written. */
  url?: string;
}

export interface ListedExport {
  id: number;
  exportedAt: string;
  kind: "full" | "incremental";
  counts: ExportRecord["counts"];
  /** The export's folder, when it lies under one the server owns. */
  dir?: string;
  files: ListedFile[];
  /** Present when at least one file can be downloaded. */
  zipUrl?: string;
}

/**
 * What of an export the page may offer for download. Only files under `roots` (the
 * folders the server writes exports into) are served; an export the CLI wrote to
 * `./letterboxd-export` is listed without links.
 */
export function listExport(record: ExportRecord, roots: readonly string[]): ListedExport {
  const dir = exportFolder(record, roots);
  const files = record.files.map((file, i): ListedFile => {
    const served = dir !== undefined && isInside(dir, file.path) && isSameFile(file.path, file.bytes);
    return {
      name: file.name,
      fileName: dir !== undefined && isInside(dir, file.path) ? relative(dir, file.path).split(sep).join("/") : basename(file.path),
      rows: file.rows,
      bytes: file.bytes,
      ...(served ? { url: `/exports/${record.id}/files/${i}` } : {}),
    };
  });
  return {
    id: record.id,
    exportedAt: record.exportedAt,
    kind: record.kind,
    counts: record.counts,
    ...(dir !== undefined ? { dir } : {}),
    files,
    ...(files.some((f) => f.url !== undefined) ? { zipUrl: `/exports/${record.id}/zip` } : {}),
  };
}

/** `<root>/<dated folder>` holding the export's first file, when it is under one of `roots`. */
function exportFolder(record: ExportRecord, roots: readonly string[]): string | undefined {
  const first = record.files[0];
  if (first === undefined) return undefined;
  for (const root of roots) {
    const rel = relative(resolve(root), resolve(first.path));
    const top = rel.split(sep)[0];
    if (top && top !== ".." && !isAbsolute(rel) && rel.includes(sep)) return resolve(root, top);
  }
  return undefined;
}

/**
 * The file an export wrote is still there as written: a folder reused by a later export
 * (or edited by hand) holds another file under the same name, which this export's
 * links must not hand out.
 */
export function isSameFile(path: string, bytes: number): boolean {
  const info = statSync(path, { throwIfNoEntry: false });
  return info !== undefined && info.isFile() && info.size === bytes;
}

/** True when `path` lies below `dir` (not `dir` itself). */
export function isInside(dir: string, path: string): boolean {
  const rel = relative(dir, resolve(path));
  return rel !== "" && !rel.startsWith("..") && !isAbsolute(rel);
}
