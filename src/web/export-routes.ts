import { basename } from "node:path";
import { ExportBusyError } from "../errors.js";
import { findExport, listExports } from "../store/index.js";
import { fileSetRoutes, type FileSet } from "./downloads.js";
import { listExport } from "./export-files.js";
import type { ExportJob, ExportJobs } from "./export-jobs.js";
import { streamJobEvents } from "./job-events.js";
import { exportPage, jobFragment, pastExports } from "./pages/export-page.js";
import type { WebContext, WebRoutes } from "./web-context.js";

const TITLE = "Export to Letterboxd";
const PAST_EXPORTS = 30;

/**
 * "Export": start a full or incremental export, follow it live (server-sent events), and
 * download the files of it and of past exports, one by one or as a zip.
 */
export function exportRoutes(app: WebRoutes, ctx: WebContext, jobs: ExportJobs): void {
  const { page, withStore, servedRoots, exportsDir } = ctx;

  const pastList = async () => {
    const roots = await servedRoots();
    return withStore((store) => listExports(store, PAST_EXPORTS).map((record) => listExport(record, roots))) ?? [];
  };
  /** The listing of the export a job wrote, with its download links. */
  const jobFiles = async (job: ExportJob | undefined) => {
    const id = job?.result?.exportId;
    if (id === undefined) return undefined;
    const roots = await servedRoots();
    return withStore((store) => {
      const record = findExport(store, id);
      return record && listExport(record, roots);
    });
  };
  /** An export's files, each with its path, as the downloads hand them out. */
  const exportFiles = async (id: number): Promise<FileSet | undefined> => {
    if (!Number.isInteger(id)) return undefined;
    const roots = await servedRoots();
    return withStore((store) => {
      const record = findExport(store, id);
      if (record === undefined) return undefined;
      const listed = listExport(record, roots);
      return { files: listed.files.map((file, i) => ({ ...file, path: record.files[i]!.path })), zipName: `letterboxd-${basename(listed.dir ?? "export")}.zip` };
    });
  };
  const view = async (error?: string) => ({
    connected: (await ctx.username()) !== undefined,
    job: jobs.latest,
    jobFiles: await jobFiles(jobs.latest),
    past: await pastList(),
    exportsDir,
    error,
  });

  app.get("/export", async (c) => page(c, "export", TITLE, async (frame) => exportPage(frame, await view())));
  app.get("/api/exports", async (c) => c.json(await pastList()));
  app.post("/export/start", async (c) => {
    const kind = (await c.req.parseBody()).kind === "incremental" ? "incremental" : "full";
    try {
      jobs.start(kind, "page", exportsDir);
      return c.redirect("/export", 303);
    } catch (error) {
      if (!(error instanceof ExportBusyError)) throw error;
      return page(c, "export", TITLE, async (frame) => exportPage(frame, await view(error.message)), 409);
    }
  });
  app.get("/export/events", (c) =>
    streamJobEvents(c, jobs, async (type, job) => ({
      html: jobFragment(job, await jobFiles(job), ctx.timeZone).text,
      // At the end, the past exports too: the one just written belongs there without a reload.
      past: type === "progress" ? undefined : pastExports(await pastList(), ctx.timeZone).text,
    })),
  );
  fileSetRoutes(app, "/exports", exportFiles, "No such export.");
}
