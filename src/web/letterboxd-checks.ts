import { existsSync } from "node:fs";
import { rm } from "node:fs/promises";
import { basename, relative, sep } from "node:path";
import { TraktLetterboxdError } from "../errors.js";
import type { VerifyOptions, VerifySummary } from "../export/verify.js";
import { newDatedFolder, removeIfEmpty } from "../schedule/index.js";
import { openStore, storeStatus } from "../store/index.js";
import type { TraktClient } from "../trakt/index.js";
import type { DownloadFile } from "./downloads.js";
import { isInside, isSameFile } from "./export-files.js";

/** The page's library has nothing to compare with (HTTP 409). */
export class EmptyLibraryError extends TraktLetterboxdError {
  constructor() {
    super(
      "Your library on this computer is empty, so there is nothing to compare with: export from Trakt first (Connect, then Export), or load Trakt's data export into it with `trakt-letterboxd export --from trakt-export.zip --incremental`.",
    );
  }
}

/** One uploaded Letterboxd export compared with the library: `verify --out`'s report and fix files. */
export interface LetterboxdCheck {
  id: number;
  /** The name the browser gave the file: shown, never used as a path. */
  fileName: string | undefined;
  checkedAt: string;
  /** The new dated folder holding the fix files; undefined when nothing was missing. */
  dir: string | undefined;
  summary: VerifySummary;
}

/** A fix file as the page lists it; `url` when the page may hand it out (in the check's folder, still the file written). */
export interface CheckFile extends DownloadFile {
  /** `diary`, `ratings` or `watchlist`. */
  name: string;
  rows: number;
  bytes: number;
  url?: string;
}

export interface LetterboxdChecksOptions {
  /** The page's store, the one its Library page reads; it may not exist yet. */
  storePath: string;
  /** Each check's fix files go to a new folder `<root>/<UTC time>-letterboxd-check/`. */
  root: string;
  /** What the settings decide, as `verify` takes them from the settings (time zone, tags, file size, bulk plays). */
  verify: Omit<VerifyOptions, "letterboxd" | "store" | "from" | "outDir" | "client">;
  /** A Trakt client when logged in, for the aliases of films not placed by title and year; default none (offline). */
  client?: () => Promise<TraktClient | undefined>;
  now?: () => number;
}

/**
 * "Check my Letterboxd import": `verify --out` on an uploaded Letterboxd export, against
 * the page's store. The page keeps the latest check and serves only its fix files.
 */
export class LetterboxdChecks {
  #latest: LetterboxdCheck | undefined;
  #nextId = 1;

  constructor(private readonly options: LetterboxdChecksOptions) {}

  get latest(): LetterboxdCheck | undefined {
    return this.#latest;
  }

  /** True when the store holds no plays, ratings or watchlist films: nothing a check could compare. */
  libraryEmpty(): boolean {
    if (!existsSync(this.options.storePath)) return true;
    const store = openStore(this.options.storePath);
    try {
      const { plays, ratings, watchlist } = storeStatus(store).counts;
      return plays + ratings + watchlist === 0;
    } finally {
      store.close();
    }
  }

  /**
   * Compares the uploaded export `upload`, which this takes over (deletes), with the
   * library. Throws EmptyLibraryError, or UsageError for a file that is not a Letterboxd
   * export (named by `fileName`, not by the upload's temporary path).
   */
  async run(upload: string, fileName: string | undefined): Promise<LetterboxdCheck> {
    const id = this.#nextId++;
    try {
      if (this.libraryEmpty()) throw new EmptyLibraryError();
      const { runVerify } = await import("../export/verify.js");
      const { storePath, root } = this.options;
      const checkedAt = (this.options.now ?? Date.now)();
      const dir = await newDatedFolder(root, checkedAt, "letterboxd-check");
      const store = openStore(storePath);
      try {
        const summary = await runVerify({ ...this.options.verify, letterboxd: upload, store, outDir: dir, client: await this.options.client?.() });
        // Episode plays only, or films only in lists: no film row to compare.
        if (summary.counts.films === 0) throw new EmptyLibraryError();
        const check = { id, fileName, checkedAt: new Date(checkedAt).toISOString(), dir: summary.files.length > 0 ? dir : undefined, summary: { ...summary, letterboxd: fileName ?? "the uploaded file" } };
        if (this.#latest === undefined || this.#latest.id < id) this.#latest = check;
        return check;
      } catch (error) {
        if (error instanceof Error) error.message = error.message.replaceAll(upload, fileName ?? "the uploaded file");
        throw error;
      } finally {
        store.close();
        await removeIfEmpty(dir);
      }
    } finally {
      await rm(upload, { force: true });
    }
  }

  /** Check `id` while it is the latest: the page offers only the latest one's files. */
  find(id: number): LetterboxdCheck | undefined {
    return this.#latest?.id === id ? this.#latest : undefined;
  }
}

/** The fix files a check wrote; only those still in its folder as written get a download link. */
export function checkFiles(check: LetterboxdCheck): CheckFile[] {
  const dir = check.dir;
  return check.summary.files.map((file, i) => {
    const own = dir !== undefined && isInside(dir, file.path);
    return {
      name: file.name,
      path: file.path,
      fileName: own ? relative(dir, file.path).split(sep).join("/") : basename(file.path),
      rows: file.rows,
      bytes: file.bytes,
      ...(own && isSameFile(file.path, file.bytes) ? { url: `/check/${check.id}/files/${i}` } : {}),
    };
  });
}
