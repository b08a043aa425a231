import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import { VERSION } from "../version.js";
import { BULK_PLAYS_MODES, type BulkPlaysMode } from "../letterboxd/bulk-plays.js";
import { describeError } from "../describe-error.js";
import { EXIT, exitCodeFor } from "./exit-code.js";
import { processIo, line, type CliIo } from "./io.js";

export interface GlobalOptions {
  home?: string;
  verbose?: boolean;
}

/** Runs the command line and resolves to the exit code; never calls process.exit. */
export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  const program = buildProgram(io);
  try {
    await program.parseAsync(argv);
    return EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and --version end with code 0; every parse error is bad usage (2).
      if (error.code === "commander.helpDisplayed" || error.code === "commander.version" || error.code === "commander.help") {
        return EXIT.ok;
      }
      return EXIT.usage;
    }
    line(io.stderr, `trakt-letterboxd: ${describeError(error)}`);
    if (program.opts<GlobalOptions>().verbose && error instanceof Error && error.stack) line(io.stderr, error.stack);
    return exitCodeFor(error);
  }
}

function buildProgram(io: CliIo): Command {
  const program = new Command("trakt-letterboxd")
    .description("Export your Trakt.tv film history, ratings, reviews, watchlist and lists as Letterboxd import files.")
    .version(VERSION, "-V, --version")
    .option("--home <dir>", "data folder (config.toml, token.json, store); env TRAKT_LETTERBOXD_HOME")
    .option("--verbose", "print details of failures (stack traces)")
    .showHelpAfterError("(run with --help for usage)")
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    });
  registerCommands(program, io);
  return program;
}

function registerCommands(program: Command, io: CliIo): void {
  // Commands are loaded lazily so `--help` and `--version` stay instant.
  const auth = program
    .command("auth")
    .description("log in to Trakt with a device code (or --manual for a pasted code)")
    .option("--manual", "authorization-code login: open a URL, paste the code it shows")
    .action(async (options: { manual?: boolean }, command: Command) => {
      const { runAuthLogin } = await import("./commands/auth.js");
      await runAuthLogin(io, command.optsWithGlobals(), options.manual === true);
    });
  auth
    .command("status")
    .description("show who is logged in and when the token expires (exit 3 when not)")
    .action(async (_options: unknown, command: Command) => {
      const { runAuthStatus } = await import("./commands/auth.js");
      await runAuthStatus(io, command.optsWithGlobals());
    });
  auth
    .command("logout")
    .description("revoke the token at Trakt and delete it locally")
    .action(async (_options: unknown, command: Command) => {
      const { runAuthLogout } = await import("./commands/auth.js");
      await runAuthLogout(io, command.optsWithGlobals());
    });

  program
    .command("export")
    .description("write Letterboxd import files (diary, ratings, watchlist, lists); no Trakt app? use --from with the data export ZIP every member can download")
    .option("--out <dir>", "output folder", "./letterboxd-export")
    .option("--timezone <iana>", "time zone for watch dates (default: your Trakt account's); env TRAKT_LETTERBOXD_TZ")
    .option("--user <name>", "export a public profile with only a client id (no login)")
    .option("--incremental", "only what no earlier export wrote (with --from: keeps the file's data in the data folder's store)")
    .addOption(new Option("--only <list>", "comma-separated subset of diary,ratings,watchlist,lists").argParser(parseOnly))
    .option("--tag <name>", "tag for every diary row (repeatable)", collect, [] as string[])
    .option("--max-file-bytes <n>", "split files larger than this (default 900000)", parsePositiveInt)
    .addOption(new Option("--bulk-plays <mode>", 'plays "marked as watched" in bulk (many films at one instant): dated diary rows, or undated (only marked watched); default dated').argParser(parseBulkPlays))
    .option("--bulk-threshold <n>", "films at one instant that make it a bulk mark (default 10)", parseBulkThreshold)
    .option("--dry-run", "fetch and report, write nothing")
    .option("--json", "print a machine-readable summary on standard output")
    .option("--from <path>", "read Trakt's data export ZIP (trakt.tv → Settings → Data) or a backup, zipped or unzipped: no client id, login or network")
    .option("--include-shows", "also write shows.csv (one row per show and day; for review, Letterboxd cannot import it)")
    .option("--letterboxd <path>", "your Letterboxd data export (ZIP or folder): leave out what Letterboxd already has")
    .action(async (options: ExportFlags, command: Command) => {
      const { runExportCommand } = await import("./commands/export.js");
      await runExportCommand(io, command.optsWithGlobals(), options);
    });

  program
    .command("backup")
    .description("back up the whole Trakt account (shows, collection, lists, comments…) as JSON files")
    .option("--out <path>", "backup folder (default ./trakt-backup; with --zip ./trakt-backup.zip)")
    .option("--zip", "write one zip file instead of a folder")
    .option("--json", "print a machine-readable summary on standard output")
    .action(async (options: BackupFlags, command: Command) => {
      const { runBackupCommand } = await import("./commands/backup.js");
      await runBackupCommand(io, command.optsWithGlobals(), options);
    });

  program
    .command("verify")
    .description("compare your Letterboxd export with the Trakt library: what arrived, what is missing (exit 4 when something is)")
    .argument("<letterboxd-export>", "the ZIP (or folder) from letterboxd.com → Settings → Data → Export")
    .option("--from <path>", "the Trakt side from a Trakt data export or backup instead of the local store")
    .option("--out <dir>", "write import files holding only what is missing or different")
    .option("--timezone <iana>", "the time zone the diary dates were exported in")
    .option("--json", "print the report as JSON")
    .action(async (letterboxd: string, options: { from?: string; out?: string; json?: boolean; timezone?: string }, command: Command) => {
      const { runVerifyCommand } = await import("./commands/verify.js");
      await runVerifyCommand(io, command.optsWithGlobals(), letterboxd, options);
    });

  program
    .command("status")
    .description("show what the local store holds: account, counts, last sync, last export")
    .option("--user <name>", "the store of a public profile exported with --user")
    .option("--json", "print it as JSON")
    .action(async (options: { json?: boolean; user?: string }, command: Command) => {
      const { runStatus } = await import("./commands/status.js");
      await runStatus(io, command.optsWithGlobals(), options);
    });

  program
    .command("demo")
    .description("run the whole path against a bundled sandbox Trakt server (no account needed; --home DIR keeps its data folder)")
    .option("--out <dir>", "output folder", "./letterboxd-export")
    .action(async (options: { out: string }, command: Command) => {
      const { runDemo } = await import("./commands/demo.js");
      await runDemo(io, command.optsWithGlobals(), options);
    });

  program
    .command("sandbox")
    .description("run the bundled sandbox Trakt server until Ctrl+C and print the settings that point the other commands at it (data folder: --home DIR, else a new one)")
    .option("--port <n>", "port to listen on (0 = any free port)", parsePort, 0)
    .action(async (options: { port: number }, command: Command) => {
      const { runSandbox } = await import("./commands/sandbox.js");
      await runSandbox(io, command.optsWithGlobals(), options);
    });

  program
    .command("serve")
    .description("a local web page: connect, see your library in charts, export and download, set the schedule")
    .option("--port <n>", "port to listen on (0 = any free port)", parsePort, 8484)
    .option("--host <address>", "address to listen on", "127.0.0.1")
    .option("--allow-remote", "allow a --host other than loopback (prints a warning)")
    .option("--sandbox", "use the bundled sandbox Trakt server and a throw-away data folder (to try it out)")
    .action(async (options: { port: number; host: string; allowRemote?: boolean; sandbox?: boolean }, command: Command) => {
      const { runServe } = await import("./commands/serve.js");
      await runServe(io, command.optsWithGlobals(), options);
    });

  program
    .command("schedule")
    .description("run incremental exports on a cron schedule into dated folders (saves the schedule)")
    .argument("[cron]", 'cron pattern, e.g. "0 3 * * *" (every night at 03:00); default: the saved one')
    .option("--dir <dir>", "folder for the dated export folders (default: the saved one, else <home>/exports)")
    .action(async (cron: string | undefined, options: { dir?: string }, command: Command) => {
      const { runSchedule } = await import("./commands/schedule.js");
      await runSchedule(io, command.optsWithGlobals(), cron, options);
    });
}

export const ONLY_KINDS = ["diary", "ratings", "watchlist", "lists"] as const;
export type OnlyKind = (typeof ONLY_KINDS)[number];

export interface ExportFlags {
  out: string;
  timezone?: string;
  user?: string;
  incremental?: boolean;
  only?: OnlyKind[];
  tag: string[];
  maxFileBytes?: number;
  bulkPlays?: BulkPlaysMode;
  bulkThreshold?: number;
  dryRun?: boolean;
  json?: boolean;
  from?: string;
  includeShows?: boolean;
  letterboxd?: string;
}

export interface BackupFlags {
  out?: string;
  zip?: boolean;
  json?: boolean;
}

function parseOnly(value: string): OnlyKind[] {
  const kinds = value.split(",").map((k) => k.trim()).filter(Boolean);
  const bad = kinds.filter((k) => !(ONLY_KINDS as readonly string[]).includes(k));
  if (kinds.length === 0 || bad.length > 0) {
    throw new InvalidArgumentError(`expected a comma-separated subset of ${ONLY_KINDS.join(",")}${bad.length ? `, got "${bad.join(",")}"` : ""}.`);
  }
  return [...new Set(kinds)] as OnlyKind[];
}

function parsePositiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError("expected a positive whole number of bytes.");
  return n;
}

function parseBulkPlays(value: string): BulkPlaysMode {
  if (!(BULK_PLAYS_MODES as readonly string[]).includes(value)) throw new InvalidArgumentError(`expected ${BULK_PLAYS_MODES.join(" or ")}.`);
  return value as BulkPlaysMode;
}

function parseBulkThreshold(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 2) throw new InvalidArgumentError("expected a whole number of films, 2 or more.");
  return n;
}

function parsePort(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError("expected a port number from 0 to 65535.");
  return n;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
