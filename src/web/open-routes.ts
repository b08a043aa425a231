import { basename } from "node:path";
import { describeError } from "../describe-error.js";
import { ExportBusyError } from "../errors.js";
import { convertedFiles, type Conversions } from "./conversions.js";
import { fileSetRoutes } from "./downloads.js";
import { streamJobEvents } from "./job-events.js";
import { conversionFragment, openPage } from "./pages/open-page.js";
import { notAZipBody, saveUpload, UploadError, UploadTooLargeError } from "./upload.js";
import type { WebContext, WebRoutes } from "./web-context.js";

const TITLE = "Open a Trakt export";

/**
 * "Open a Trakt export": upload Trakt's data export (the raw ZIP as the request body),
 * follow its conversion, download the Letterboxd files. Needs no Trakt login and no
 * client id; the session and CSRF rules are the app's, as for every POST.
 */
export function openRoutes(app: WebRoutes, ctx: WebContext, conversions: Conversions, maxUploadBytes: number): void {
  const { page } = ctx;
  const tooLarge = new UploadTooLargeError(maxUploadBytes).message;

  app.get("/open", (c) => {
    const job = conversions.latest;
    return page(c, "open", TITLE, (frame) =>
      openPage(frame, { job, files: job ? convertedFiles(job) : [], maxUploadBytes, tooLarge, exportsDir: ctx.exportsDir }),
    );
  });

  app.post("/open/upload", async (c) => {
    const refused = notAZipBody(c.req.header("content-type"));
    if (refused !== undefined) return c.text(refused, 415);
    try {
      conversions.assertIdle();
      const upload = await saveUpload(c.req.raw.body, { dir: ctx.uploadsDir, maxBytes: maxUploadBytes, contentLength: c.req.header("content-length") });
      const { job } = conversions.start(upload.path, c.req.query("name")?.slice(0, 200) || undefined);
      return c.json({ id: job.id }, 202);
    } catch (error) {
      if (error instanceof ExportBusyError) return c.text(error.message, 409);
      if (error instanceof UploadTooLargeError) return c.text(error.message, 413);
      if (error instanceof UploadError) return c.text(error.message, 400);
      // A cut-off upload (nobody hears this answer) or the disk (full, not writable).
      return c.text(`The upload failed: ${describeError(error)}`, 500);
    }
  });

  app.get("/open/events", (c) => streamJobEvents(c, conversions, async (_type, job) => ({ html: conversionFragment(job, convertedFiles(job), ctx.timeZone).text })));

  fileSetRoutes(
    app,
    "/open",
    (id) => {
      const job = conversions.find(id);
      const dir = job?.result?.dir;
      return job && dir ? { files: convertedFiles(job), zipName: `letterboxd-${basename(dir)}.zip` } : undefined;
    },
    "No such conversion.",
  );
}
