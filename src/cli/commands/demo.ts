import { rmSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve, sep } from "node:path";
import { DEFAULT_MAX_FILE_BYTES, DEFAULT_RETRIES, type Settings } from "../../config/settings.js";
import { sampleLibrary, startSandbox, writeSampleLetterboxdExport, type SandboxLibrary, type SandboxUser } from "../../sandbox/index.js";
import { traktExportName, writeTraktExport } from "../../sandbox/trakt-export.js";
import { plural } from "../../util/plural.js";
import { displayPath } from "../display-path.js";
import { line, type CliIo } from "../io.js";
import { untilInterrupted } from "../stop-signal.js";
import { deviceLogin } from "./auth.js";
import { exportFrom, exportWith } from "./export.js";

/**
 * The whole path with no account, both ways in: first Trakt's own data export (the ZIP
 * any member can download, what most people use since API apps became VIP-only),
 * converted offline; then a sandbox Trakt on loopback with the same sample library, the
 * real device-flow login and the real online export. Its token and store live in a
 * throw-away folder, so a real one is never touched; `--home DIR` (only the flag: never
 * TRAKT_LETTERBOXD_HOME, which may be the real one) keeps them there instead.
 */
export async function runDemo(io: CliIo, globals: { home?: string }, flags: { out: string }): Promise<void> {
  // Ctrl+C stops it at the next step or wait, then the sandbox stops and a throw-away data folder goes.
  await untilInterrupted(io, "between-steps", (signal) => demo(io, globals.home, flags, signal), demoInterrupted(globals.home));
}

/** What Ctrl+C during the demo says was kept. */
function demoInterrupted(home: string | undefined): string {
  if (home === undefined) return "Interrupted; the demo's throw-away data folder is deleted, and the files it finished writing stay; run `trakt-letterboxd demo` again to see the whole path.";
  const dir = displayPath(resolve(home));
  return `Interrupted; the data folder ${dir} keeps what the demo stored so far, and the files it finished writing stay; run \`trakt-letterboxd demo --home ${dir}\` again to see the whole path.`;
}

async function demo(io: CliIo, keptHome: string | undefined, flags: { out: string }, signal: AbortSignal): Promise<void> {
  // The sandbox approves the code after one poll, as a user would on its /activate page.
  const sandbox = await startSandbox({ deviceFlow: { interval: 1, autoApproveAfterPolls: 1 } });
  const home = keptHome === undefined ? await mkdtemp(join(tmpdir(), "trakt-letterboxd-demo-")) : resolve(keptHome);
  // A second Ctrl+C ends the process at once (stop-signal.ts): the throw-away folder goes even then.
  const removeNow = () => rmSync(home, { recursive: true, force: true });
  if (keptHome === undefined) process.once("exit", removeNow);
  try {
    await mkdir(home, { recursive: true });
    const settings: Settings = {
      home,
      clientId: sandbox.clientId,
      clientSecret: sandbox.clientSecret,
      apiUrl: sandbox.url,
      authUrl: sandbox.url,
      timeZone: undefined,
      tags: [],
      maxFileBytes: DEFAULT_MAX_FILE_BYTES,
      retries: DEFAULT_RETRIES,
    };
    // The same library the sandbox serves (its default).
    const library = sampleLibrary();
    const user = library.users[0];
    if (user === undefined) throw new Error("The sandbox has no sample user.");
    // Beside the output folder, so a newcomer can run `export --from` on it by hand afterwards.
    const zip = join(dirname(resolve(flags.out)), traktExportName(user));
    await writeTraktExport(user, zip, { zip: true });
    line(io.stdout, "1. Trakt's data export (any account: trakt.tv → Settings → Data), converted with no login and no network.");
    line(io.stdout, `   The sandbox wrote a sample one at ${displayPath(zip)}; this is \`trakt-letterboxd export --from ${displayPath(zip)}\`:`);
    const fromZip = await exportFrom(io, { ...settings, clientId: undefined, clientSecret: undefined }, { out: flags.out, tag: [] }, zip);
    // Reading the file takes no signal: Ctrl+C during it stops here.
    signal.throwIfAborted();

    const apiOut = `${flags.out.replace(/[\\/]+$/, "")}-api`;
    line(io.stdout, "");
    line(io.stdout, `2. With a Trakt API app (VIP members): a sandbox Trakt server at ${sandbox.url} with the same library (user sandbox-sam).`);
    await deviceLogin(io, settings, {
      signal,
      onCode: () => line(io.stdout, "(The sandbox approves the code by itself, as you would on trakt.tv.)"),
      // The throw-away folder goes at the end: do not point at a token.json that will be gone.
      ...(keptHome === undefined ? { savedNote: "The login is kept only for this demo (its data folder is deleted at the end; `demo --home DIR` keeps it)." } : {}),
    });
    const online = await exportWith(io, settings, { out: apiOut, tag: [] }, undefined, signal);
    line(io.stdout, "");
    line(io.stdout, `Demo done: the Letterboxd files from the ZIP are in ${displayPath(fromZip.outDir)}, those from the API in ${displayPath(online.outDir)}.`);
    line(io.stdout, "They are the same files, except Directors of films without IMDb or TMDb ids, which only the API gives.");
    await sampleCheck(io, library, user, fromZip, zip);
    if (keptHome !== undefined) {
      line(io.stdout, `The data folder ${displayPath(home)} keeps the store (try \`trakt-letterboxd status --home ${displayPath(home)}\`); its login was the sandbox's, which has stopped.`);
    }
  } finally {
    await sandbox.close();
    if (keptHome === undefined) {
      process.off("exit", removeNow);
      await rm(home, { recursive: true, force: true });
    }
  }
}

/**
 * 3: a Letterboxd export to try `verify` on, as if the member had uploaded the files of
 * step 1 and then lost some entries.
 */
async function sampleCheck(io: CliIo, library: SandboxLibrary, user: SandboxUser, fromZip: { outDir: string; files: readonly { path: string }[] }, traktZip: string): Promise<void> {
  const files = new Map<string, string>();
  for (const file of fromZip.files) files.set(relative(fromZip.outDir, file.path).split(sep).join("/"), await readFile(file.path, "utf8"));
  const target = join(dirname(traktZip), `letterboxd-${user.settings.user.username}.zip`);
  const lost = await writeSampleLetterboxdExport(library, files, target);
  line(io.stdout, "");
  line(io.stdout, `3. After an import: ${displayPath(target)} is the Letterboxd export (letterboxd.com → Settings → Data) of an account that uploaded the files of step 1,`);
  line(io.stdout, `   then lost ${plural(lost.diaryEntries, "diary entry", "diary entries")} and ${plural(lost.watchlistFilms, "watchlist film")}. See what arrived and what to upload again:`);
  line(io.stdout, `   trakt-letterboxd verify ${displayPath(target)} --from ${displayPath(traktZip)} --out letterboxd-fix`);
}
