import { randomBytes } from "node:crypto";
import { mkdir, open, rm } from "node:fs/promises";
import { join } from "node:path";
import { TraktLetterboxdError } from "../errors.js";
import { formatSize } from "../util/format-size.js";

/** An upload the page cannot take: nothing sent (HTTP 400). */
export class UploadError extends TraktLetterboxdError {}

/** An upload over the page's limit (HTTP 413). `source`: who made the file the page expects. */
export class UploadTooLargeError extends UploadError {
  constructor(
    readonly maxBytes: number,
    source = "Trakt",
  ) {
    super(`The file is larger than ${formatSize(maxBytes)}, the most this page accepts. ${source}'s data export is far smaller: is it the right file?`);
  }
}

// Windows browsers call a ZIP application/x-zip-compressed; the page's script always says application/zip.
const ZIP_TYPE = /^application\/(zip|x-zip-compressed|octet-stream)\s*(;|$)/i;

/** Why a request is refused before its body is read (HTTP 415): the page's script sends the ZIP itself as the body. Undefined when it may be read. */
export function notAZipBody(contentType: string | undefined): string | undefined {
  return ZIP_TYPE.test(contentType ?? "") ? undefined : "Send the ZIP itself as the request body (Content-Type: application/zip). The page's script does that: is JavaScript off?";
}

export interface SaveUploadOptions {
  /** The folder for uploads; made (0700) when missing. */
  dir: string;
  maxBytes: number;
  /** The request's Content-Length header, if it sent one. */
  contentLength?: string | undefined;
  /** Who made the file the page expects, for the messages. Default "Trakt". */
  source?: string;
}

/**
 * Streams a request body into a new file `<dir>/<random>.zip` (mode 0600), a chunk at a
 * time (never the whole body in memory), and returns its path. A body over `maxBytes`
 * is refused by its Content-Length before anything is read, else as soon as that many
 * bytes have come; a refused, cut-off or failed upload leaves no file.
 */
export async function saveUpload(body: ReadableStream<Uint8Array> | null, options: SaveUploadOptions): Promise<{ path: string; bytes: number }> {
  const source = options.source ?? "Trakt";
  const declared = options.contentLength === undefined ? undefined : Number(options.contentLength);
  if (declared !== undefined && declared > options.maxBytes) throw new UploadTooLargeError(options.maxBytes, source);
  if (body === null || declared === 0) throw new UploadError("No file came with the request: choose the ZIP and send it again.");

  await mkdir(options.dir, { recursive: true, mode: 0o700 });
  const path = join(options.dir, `${randomBytes(12).toString("hex")}.zip`);
  const file = await open(path, "wx", 0o600);
  const reader = body.getReader();
  let bytes = 0;
  try {
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      bytes += chunk.value.byteLength;
      if (bytes > options.maxBytes) throw new UploadTooLargeError(options.maxBytes, source);
      await file.write(chunk.value);
    }
    if (bytes === 0) throw new UploadError(`The file is empty: choose the ZIP ${source} gave you.`);
    await file.close();
    return { path, bytes };
  } catch (error) {
    // The rest of the body is left to the server, which drains it after answering (a 413 must still reach the browser).
    reader.releaseLock();
    await file.close().catch(() => {});
    await rm(path, { force: true });
    throw error;
  }
}

