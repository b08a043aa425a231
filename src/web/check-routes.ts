import { basename } from "node:path";
import { describeError } from "../describe-error.js";
import { UsageError } from "../errors.js";
import { fileSetRoutes } from "./downloads.js";
import { checkFiles, EmptyLibraryError, type LetterboxdChecks } from "./letterboxd-checks.js";
import { checkPage } from "./pages/check-page.js";
import { notAZipBody, saveUpload, UploadError, UploadTooLargeError } from "./upload.js";
import type { WebContext, WebRoutes } from "./web-context.js";

const TITLE = "Check my Letterboxd import";

/**
 * "Check my Letterboxd import": upload the member's Letterboxd export (the raw ZIP as the
 * request body, as "Open a Trakt export" takes it), see `verify`'s report against the
 * page's store, download the files that fix what is missing.
 */
export function checkRoutes(app: WebRoutes, ctx: WebContext, checks: LetterboxdChecks, maxUploadBytes: number): void {
  const { page } = ctx;
  const tooLarge = new UploadTooLargeError(maxUploadBytes, "Letterboxd").message;

  app.get("/check", (c) => {
    const check = checks.latest;
    return page(c, "check", TITLE, (frame) =>
      checkPage(frame, {
        libraryEmpty: checks.libraryEmpty(),
        check,
        files: check ? checkFiles(check) : [],
        maxUploadBytes,
        tooLarge,
        exportsDir: ctx.exportsDir,
        emptyLibrary: new EmptyLibraryError().message,
      }),
    );
  });

  // Answers when the check is done (local files, and a few Trakt requests for aliases when logged in): the script then shows /check.
  app.post("/check/upload", async (c) => {
    const refused = notAZipBody(c.req.header("content-type"));
    if (refused !== undefined) return c.text(refused, 415);
    try {
      if (checks.libraryEmpty()) throw new EmptyLibraryError();
      const upload = await saveUpload(c.req.raw.body, { dir: ctx.uploadsDir, maxBytes: maxUploadBytes, contentLength: c.req.header("content-length"), source: "Letterboxd" });
      const check = await checks.run(upload.path, c.req.query("name")?.slice(0, 200) || undefined);
      return c.json({ id: check.id, clean: check.summary.clean });
    } catch (error) {
      if (error instanceof EmptyLibraryError) return c.text(error.message, 409);
      if (error instanceof UploadTooLargeError) return c.text(error.message, 413);
      // Nothing sent, or not a Letterboxd export (a Trakt export, a damaged ZIP).
      if (error instanceof UploadError || error instanceof UsageError) return c.text(error.message, 400);
      return c.text(`The check failed: ${describeError(error)}`, 500);
    }
  });

  // The latest check's fix files the page may hand out.
  fileSetRoutes(
    app,
    "/check",
    (id) => {
      const check = checks.find(id);
      return check?.dir ? { files: checkFiles(check), zipName: `letterboxd-fix-${basename(check.dir)}.zip` } : undefined;
    },
    "No such check.",
  );
}
