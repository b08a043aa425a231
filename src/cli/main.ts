import { Command, CommanderError, Option } from "commander";
import { VERSION } from "../version.js";
import { FILE_BYTES_RULE } from "../config/rules.js";
import { DEFAULT_BULK_PLAYS_THRESHOLD, type BulkPlaysMode } from "../letterboxd/bulk-plays.js";
import { describeError } from "../describe-error.js";
import type { SandboxFlags } from "./commands/sandbox.js";
import type { ScheduleFlags } from "./commands/schedule.js";
import type { ServeFlags } from "./commands/serve.js";
import type { VerifyFlags } from "./commands/verify.js";
import { EXIT, exitCodeFor } from "./exit-code.js";
import { failureLine, line, processIo, type CliIo } from "./io.js";
import { interruptEarly } from "./stop-signal.js";
import {
  checkPaths,
  collectTag,
  parseBulkPlays,
  parseBulkThreshold,
  parseFileBytes,
  parseOnly,
  parsePort,
  parseTimeZone,
  parseUserName,
  type OnlyKind,
  type PathFlag,
} from "./validate.js";

export interface GlobalOptions {
  home?: string;
  verbose?: boolean;
}

/** Runs the command line and resolves to the exit code; never calls process.exit (but a second Ctrl+C does: stop-signal.ts). */
export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  let usage: { text: string; command: Command } | undefined;
  const program = buildProgram(io, (text, command) => (usage ??= { text, command }));
  const stopEarly = interruptEarly(io);
  try {
    await program.parseAsync(argv);
    return EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and --version end with 0; a parse error, or help shown for want of a command, is bad usage.
      if (error.exitCode === 0) return EXIT.ok;
      if (usage) failureLine(io, usageMessage(usage.text, usage.command));
      return EXIT.usage;
    }
    failureLine(io, describeError(error));
    if (program.opts<GlobalOptions>().verbose && error instanceof Error && error.stack) line(io.stderr, error.stack);
    return exitCodeFor(error);
  } finally {
    stopEarly();
  }
}

function buildProgram(io: CliIo, onUsageError: (text: string, command: Command) => void): Command {
  const program = new Command("trakt-letterboxd")
    .description("Export your Trakt.tv film history, ratings, reviews, watchlist and lists as Letterboxd import files.")
    .version(VERSION, "-V, --version")
    .option("--home <dir>", "data folder (config.toml, token.json, store); env TRAKT_LETTERBOXD_HOME")
    .option("--verbose", "print details of failures (stack traces)")
    .exitOverride()
    // Every command's --help lists --home and --verbose too (the README gives `sandbox --home DIR`).
    .configureHelp({ showGlobalOptions: true })
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    });
  registerCommands(program, io);
  // Commander's own refusals are printed by main() like every other failure: one line, our prefix.
  for (const command of [program, ...descendants(program)]) command.configureOutput({ outputError: (text) => onUsageError(text, command) });
  return program;
}

function descendants(command: Command): Command[] {
  return command.commands.flatMap((sub) => [sub, ...descendants(sub)]);
}

/**
 * Commander's message as one of our lines: "error: option '--only <list>' argument 'x'
 * is invalid. expected …" becomes `--only "x": expected …`, "option '--user <name>'
 * cannot be used with option '--from <path>'" becomes "--user cannot be used with
 * --from"; then where to read more.
 */
function usageMessage(text: string, command: Command): string {
  const message = text.replace(/^error: /, "").split("\n").map((part) => part.trim()).filter(Boolean).join(" ");
  const invalid = /^option '(\S+)[^']*' argument '([\s\S]*)' is invalid\. ([\s\S]*)$/.exec(message);
  const conflict = /^option '(\S+)[^']*' cannot be used with option '(\S+)[^']*'$/.exec(message);
  const said = invalid
    ? `${invalid[1]} "${invalid[2]}": ${invalid[3]}`
    : conflict
      ? `${conflict[1]} cannot be used with ${conflict[2]}`
      : message.charAt(0).toUpperCase() + message.slice(1);
  const names: string[] = [];
  for (let at: Command | null = command; at; at = at.parent) names.unshift(at.name());
  return `${said}${/[.?!)]$/.test(said) ? "" : "."} See \`${names.join(" ")} --help\`.`;
}

/** The preAction hook that checks a command's paths (validate.ts) before its action runs. */
function pathChecks<T extends object>(io: CliIo, paths: (options: T, args: readonly string[]) => PathFlag[]) {
  return (_program: Command, command: Command) => checkPaths(io.env, command.optsWithGlobals<GlobalOptions>().home, paths(command.opts<T>(), command.args));
}

const FROM_INPUT = "Trakt's data export ZIP (trakt.tv → Settings → Data), its unzipped folder, or a backup";
const LETTERBOXD_INPUT = "the ZIP (or its folder) from letterboxd.com → Settings → Data → Export";

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
    .option("--timezone <iana>", "time zone for watch dates (default: your Trakt account's); env TRAKT_LETTERBOXD_TZ", parseTimeZone)
    .addOption(new Option("--user <name>", "export a public profile with only a client id (no login)").argParser(parseUserName).conflicts("from"))
    .option("--incremental", "only what no earlier export wrote (with --from: keeps the file's data in the data folder's store)")
    .addOption(new Option("--only <list>", "comma-separated subset of diary,ratings,watchlist,lists").argParser(parseOnly))
    .option("--tag <name>", "tag for every diary row (repeatable)", collectTag)
    .option("--max-file-bytes <n>", `split files larger than this, ${FILE_BYTES_RULE.min} or more (default 900000)`, parseFileBytes)
    .addOption(new Option("--bulk-plays <mode>", 'plays "marked as watched" in bulk (many films at one instant): dated diary rows, or undated (only marked watched); default dated').argParser(parseBulkPlays))
    .option("--bulk-threshold <n>", `films at one instant that make it a bulk mark (default ${DEFAULT_BULK_PLAYS_THRESHOLD})`, parseBulkThreshold)
    .option("--dry-run", "fetch and report, write nothing")
    .option("--json", "print a machine-readable summary on standard output")
    .option("--from <path>", "read Trakt's data export ZIP (trakt.tv → Settings → Data) or a backup, zipped or unzipped: no client id, login or network")
    .addOption(new Option("--include-shows", "also write shows.csv (one row per show and day; for review, Letterboxd cannot import it)").conflicts("user"))
    .option("--letterboxd <path>", "your Letterboxd data export (ZIP or folder): leave out what Letterboxd already has")
    .hook(
      "preAction",
      pathChecks<ExportFlags>(io, (o) => [
        { flag: "--out", path: o.out, output: "folder" },
        { flag: "--from", path: o.from, input: FROM_INPUT },
        { flag: "--letterboxd", path: o.letterboxd, input: LETTERBOXD_INPUT },
      ]),
    )
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
    .hook("preAction", pathChecks<BackupFlags>(io, (o) => [{ flag: "--out", path: o.out, output: o.zip ? "file" : "folder" }]))
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
    .option("--timezone <iana>", "the time zone the diary dates were exported in", parseTimeZone)
    .option("--json", "print the report as JSON")
    .hook(
      "preAction",
      pathChecks<VerifyFlags>(io, (o, args) => [
        { flag: "The Letterboxd export", path: args[0], input: LETTERBOXD_INPUT },
        { flag: "--from", path: o.from, input: FROM_INPUT },
        { flag: "--out", path: o.out, output: "folder" },
      ]),
    )
    .action(async (letterboxd: string, options: VerifyFlags, command: Command) => {
      const { runVerifyCommand } = await import("./commands/verify.js");
      await runVerifyCommand(io, command.optsWithGlobals(), letterboxd, options);
    });

  program
    .command("status")
    .description("show what the local store holds: account, counts, last sync, last export")
    .option("--user <name>", "the store of a public profile exported with --user", parseUserName)
    .option("--json", "print it as JSON")
    .action(async (options: { json?: boolean; user?: string }, command: Command) => {
      const { runStatus } = await import("./commands/status.js");
      await runStatus(io, command.optsWithGlobals(), options);
    });

  program
    .command("demo")
    .description("run the whole path against a bundled sandbox Trakt server (no account needed; --home DIR keeps its data folder)")
    .option("--out <dir>", "output folder", "./letterboxd-export")
    .hook("preAction", pathChecks<{ out: string }>(io, (o) => [{ flag: "--out", path: o.out, output: "folder" }]))
    .action(async (options: { out: string }, command: Command) => {
      const { runDemo } = await import("./commands/demo.js");
      await runDemo(io, command.optsWithGlobals(), options);
    });

  program
    .command("sandbox")
    .description("run the bundled sandbox Trakt server until Ctrl+C and print the settings that point the other commands at it (data folder: --home DIR, else a new one)")
    .option("--port <n>", "port to listen on (0 = any free port)", parsePort, 0)
    .action(async (options: SandboxFlags, command: Command) => {
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
    .option("--timezone <iana>", "time zone of the times shown and of a schedule saved without one (default: the settings' (TRAKT_LETTERBOXD_TZ, config.toml), else this computer's), also used for watch dates", parseTimeZone)
    .action(async (options: ServeFlags, command: Command) => {
      const { runServe } = await import("./commands/serve.js");
      await runServe(io, command.optsWithGlobals(), options);
    });

  program
    .command("schedule")
    .description("run incremental exports on a cron schedule into dated folders (saves the schedule)")
    .argument("[cron]", 'cron pattern, e.g. "0 3 * * *" (every night at 03:00); default: the saved one')
    .option("--dir <dir>", "folder for the dated export folders (default: the saved one, else <home>/exports)")
    .option("--timezone <iana>", "time zone of the pattern and the times shown (default: the zone saved with the schedule, else the settings' (TRAKT_LETTERBOXD_TZ, config.toml), else this computer's), also used for watch dates", parseTimeZone)
    .hook("preAction", pathChecks<ScheduleFlags>(io, (o) => [{ flag: "--dir", path: o.dir, output: "folder" }]))
    .action(async (cron: string | undefined, options: ScheduleFlags, command: Command) => {
      const { runSchedule } = await import("./commands/schedule.js");
      await runSchedule(io, command.optsWithGlobals(), cron, options);
    });
}

export interface ExportFlags {
  out: string;
  timezone?: string;
  user?: string;
  incremental?: boolean;
  only?: OnlyKind[];
  /** Undefined: the tags of config.toml, if any. */
  tag?: string[];
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
