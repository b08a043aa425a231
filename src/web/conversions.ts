import { existsSync } from "node:fs";
import { rm } from "node:fs/promises";
import { basename, relative, sep } from "node:path";
import { newDatedFolder, removeIfEmpty } from "../schedule/index.js";
import type { ConvertedExport, ExportConverter } from "./convert-export.js";
import { isInside } from "./export-files.js";
import { PageJobs, type Job, type JobEvent } from "./jobs.js";

export interface Conversion {
  /** The new dated folder the files went to. */
  dir: string;
  summary: ConvertedExport;
}

/** One uploaded Trakt export being, or having been, converted. `fileName` is the name the browser gave, shown and never used as a path. */
export type ConversionJob = Job<{ fileName: string | undefined }, Conversion>;

/** A file a conversion wrote, as the page lists it. */
export interface ConvertedFile {
  /** Its kind: `diary`, `ratings`, `watchlist`, `lists/<name>`, `shows`. */
  name: string;
  /** Path inside the conversion's folder: `diary.csv`, `lists/favourites.csv`. */
  fileName: string;
  path: string;
  rows: number;
  bytes: number;
  /** Present when the page may hand it out: it lies in the conversion's folder and still exists. */
  url?: string;
}

/**
 * Trakt data exports uploaded on the page, converted one at a time into a new folder
 * `<root>/<UTC time>-trakt-export/`. The uploaded file is deleted once converted, well or not.
 */
export class Conversions {
  readonly #jobs: PageJobs<{ fileName: string | undefined }, Conversion>;

  constructor(
    private readonly convert: ExportConverter,
    private readonly root: string,
    describeError: (error: unknown) => string,
    private readonly now: () => number = Date.now,
  ) {
    this.#jobs = new PageJobs("A Trakt export is already being converted; wait for it to finish.", describeError, now);
  }

  get latest(): ConversionJob | undefined {
    return this.#jobs.latest;
  }

  get running(): boolean {
    return this.#jobs.running;
  }

  /** Throws ExportBusyError while a conversion runs, so that no upload is taken for nothing. */
  assertIdle(): void {
    this.#jobs.assertIdle();
  }

  /**
   * Converts the uploaded file `upload`, which this takes over (deletes) from now on, even
   * when it throws ExportBusyError because a conversion runs.
   */
  start(upload: string, fileName: string | undefined): { job: ConversionJob; finished: Promise<ConversionJob> } {
    try {
      return this.#jobs.start({ fileName }, async (hooks) => {
        try {
          const dir = await newDatedFolder(this.root, this.now(), "trakt-export");
          try {
            return { dir, summary: await this.convert({ file: upload, outDir: dir }, { onProgress: hooks.onProgress }) };
          } catch (error) {
            await removeIfEmpty(dir);
            // The converter names the file it read: the upload's temporary name means nothing to whoever chose the file.
            if (error instanceof Error) error.message = error.message.replaceAll(upload, fileName ?? "the uploaded file");
            throw error;
          }
        } finally {
          await rm(upload, { force: true });
        }
      });
    } catch (error) {
      void rm(upload, { force: true });
      throw error;
    }
  }

  /** Conversion `id` while it is the latest: the page offers only the latest one's files. */
  find(id: number): ConversionJob | undefined {
    return this.latest?.id === id ? this.latest : undefined;
  }

  subscribe(listener: (event: JobEvent<ConversionJob>) => void): () => void {
    return this.#jobs.subscribe(listener);
  }

  /** Resolves once no conversion runs. */
  settled(): Promise<void> {
    return this.#jobs.settled();
  }
}

/** The files a finished conversion wrote; only those in its own folder get a download link. */
export function convertedFiles(job: ConversionJob): ConvertedFile[] {
  const result = job.result;
  if (result === undefined) return [];
  return result.summary.files.map((file, i) => {
    const own = isInside(result.dir, file.path);
    return {
      name: file.name,
      fileName: own ? relative(result.dir, file.path).split(sep).join("/") : basename(file.path),
      path: file.path,
      rows: file.rows,
      bytes: file.bytes,
      ...(own && existsSync(file.path) ? { url: `/open/${job.id}/files/${i}` } : {}),
    };
  });
}
