import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import { zipSync } from "fflate";
import type { Context, Env, Hono } from "hono";

/** A file the page hands out: where it is, and its name inside its export (`lists/favourites.csv`). */
export interface DownloadFile {
  path: string;
  fileName: string;
}

/** One CSV file as a download under its own name. */
export async function csvDownload(c: Context, file: DownloadFile): Promise<Response> {
  return c.body(await readFile(file.path), 200, { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": attachment(basename(file.fileName)) });
}

/** Files as one zip `zipName`, each under its name inside the export (lists keep their folder). */
export async function zipDownload(c: Context, files: readonly DownloadFile[], zipName: string): Promise<Response> {
  const entries: Record<string, Uint8Array> = {};
  for (const file of files) entries[file.fileName] = await readFile(file.path);
  return c.body(zipSync(entries), 200, { "Content-Type": "application/zip", "Content-Disposition": attachment(zipName) });
}

/** A file a page lists: handed out only when it has a link (still there, at the size written). */
export interface ListedDownload extends DownloadFile {
  url?: string;
}

/** A job's files as the page lists them, and the name of their zip. */
export interface FileSet {
  files: readonly ListedDownload[];
  zipName: string;
}

/**
 * `GET {prefix}/:id/files/:n` and `GET {prefix}/:id/zip` for the files of one job (a
 * conversion, a check, an export): only those it lists with a link, by their index in its list.
 */
export function fileSetRoutes<E extends Env>(
  app: Hono<E>,
  prefix: string,
  setOf: (id: number) => FileSet | undefined | Promise<FileSet | undefined>,
  missing: string,
): void {
  const served = async (id: string) => {
    const set = await setOf(Number(id));
    return { zipName: set?.zipName, files: set ? set.files.flatMap((file, index) => (file.url === undefined ? [] : [{ ...file, index }])) : [] };
  };
  app.get(`${prefix}/:id/files/:n`, async (c) => {
    const file = (await served(c.req.param("id"))).files.find((f) => String(f.index) === c.req.param("n"));
    return file ? csvDownload(c, file) : c.text("No such file.", 404);
  });
  app.get(`${prefix}/:id/zip`, async (c) => {
    const { files, zipName } = await served(c.req.param("id"));
    return files.length > 0 && zipName !== undefined ? zipDownload(c, files, zipName) : c.text(missing, 404);
  });
}

/**
 * A download's Content-Disposition. List files can have non-Latin names (`lists/любимые.csv`),
 * which a header cannot carry as they are: RFC 6266 `filename*` holds the UTF-8 name, and
 * `filename` an ASCII stand-in for old clients.
 */
export function attachment(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return ascii === fileName ? `attachment; filename="${fileName}"` : `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}
