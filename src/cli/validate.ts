/**
 * Every flag is checked here before a command does any network or store work (README,
 * "Exit codes": bad usage is exit 2, "always before the first request"): the parsers run
 * as commander reads the flags, the path checks in each command's preAction hook. A
 * refusal is a UsageError or commander's InvalidArgumentError: one line, exit 2, naming
 * the flag and what fits.
 */
import { constants } from "node:fs";
import { access, realpath, stat } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { InvalidArgumentError } from "commander";
import { dataFolderEntryOf, resolveHome } from "../config/home.js";
import { BULK_THRESHOLD_RULE, FILE_BYTES_RULE, isTag, parseWholeNumber, ruleText, TAG_RULE_TEXT, type WholeNumberRule } from "../config/rules.js";
import { UsageError } from "../errors.js";
import { BULK_PLAYS_MODES, type BulkPlaysMode } from "../letterboxd/bulk-plays.js";

const ONLY_KINDS = ["diary", "ratings", "watchlist", "lists"] as const;
export type OnlyKind = (typeof ONLY_KINDS)[number];

export function parseOnly(value: string): OnlyKind[] {
  const kinds = value.split(",").map((k) => k.trim()).filter(Boolean);
  const bad = kinds.filter((k) => !(ONLY_KINDS as readonly string[]).includes(k));
  if (kinds.length === 0 || bad.length > 0) {
    throw new InvalidArgumentError(`expected a comma-separated subset of ${ONLY_KINDS.join(",")}${bad.length ? `, got "${bad.join(",")}"` : ""}.`);
  }
  return [...new Set(kinds)] as OnlyKind[];
}

export const parseFileBytes = wholeNumberParser(FILE_BYTES_RULE);
export const parseBulkThreshold = wholeNumberParser(BULK_THRESHOLD_RULE);

export function parsePort(value: string): number {
  const n = parseWholeNumber(value, { min: 0, max: 65535, unit: "port" });
  if (n === undefined) throw new InvalidArgumentError("expected a port number from 0 to 65535 (0 picks a free one).");
  return n;
}

function wholeNumberParser(rule: WholeNumberRule): (value: string) => number {
  return (value) => {
    const n = parseWholeNumber(value, rule);
    if (n === undefined) throw new InvalidArgumentError(`expected ${ruleText(rule)}.`);
    return n;
  };
}

export function parseBulkPlays(value: string): BulkPlaysMode {
  if (!(BULK_PLAYS_MODES as readonly string[]).includes(value)) throw new InvalidArgumentError(`expected ${BULK_PLAYS_MODES.join(" or ")}.`);
  return value as BulkPlaysMode;
}

/** `--tag NAME`, repeatable: every tag non-empty and without a comma (Letterboxd splits tags on commas). */
export function collectTag(value: string, previous: string[] | undefined): string[] {
  const tag = value.trim();
  if (!isTag(tag)) throw new InvalidArgumentError(`expected ${TAG_RULE_TEXT}; repeat --tag for more tags.`);
  return [...(previous ?? []), tag];
}

/**
 * `--timezone IANA`: an empty one is refused like `--tag ""` rather than read as "not
 * given"; an unknown name is refused by loadSettings, which names where it came from.
 */
export function parseTimeZone(value: string): string {
  const zone = value.trim();
  if (zone === "") throw new InvalidArgumentError("expected an IANA time zone such as Europe/Berlin or America/New_York.");
  return zone;
}

/** `--user NAME`: the NAME of trakt.tv/users/NAME, which goes into request paths. */
export function parseUserName(value: string): string {
  const name = value.trim();
  if (name === "" || /[\s/\\?#%]/.test(name)) throw new InvalidArgumentError("expected the name in the profile's address, trakt.tv/users/NAME.");
  return name;
}

/** A path a command will read or write, as its flag names it. */
export type PathFlag =
  | { flag: string; path: string | undefined; output: "folder" | "file" }
  | { flag: string; path: string | undefined; input: string };

/**
 * Refuses, before any work, an output that is a file where a folder is wanted (or the
 * reverse), that cannot be written or made, or that is the data folder or one of its own
 * entries (the store, token.json, …); and an input that does not exist (`input` says
 * what to give instead).
 */
export async function checkPaths(env: NodeJS.ProcessEnv, globalHome: string | undefined, flags: readonly PathFlag[]): Promise<void> {
  const home = await canonical(resolveHome(env, globalHome).home);
  for (const entry of flags) {
    if (entry.path === undefined) continue;
    if ("input" in entry) await checkInput(entry.flag, entry.path, entry.input);
    else await checkOutput(entry.flag, entry.path, entry.output, home);
  }
}

async function checkInput(flag: string, path: string, what: string): Promise<void> {
  if ((await stat(path).catch(() => undefined)) === undefined) throw new UsageError(`${flag} ${path}: nothing is there; give ${what}.`);
}

async function checkOutput(flag: string, path: string, kind: "folder" | "file", home: string): Promise<void> {
  const target = await canonical(path);
  const entry = dataFolderEntryOf(home, target);
  const instead = kind === "file" ? "give the path of a zip file to write, e.g. ./trakt-backup.zip" : "give a folder of its own (a subfolder such as exports/ will do)";
  if (entry === "") throw new UsageError(`${flag} ${path} is the data folder itself; ${instead}.`);
  if (entry !== undefined) throw new UsageError(`${flag} ${path} is part of the data folder (its ${entry}); give a ${kind} outside it.`);
  const found = await stat(target).catch(() => undefined);
  if (kind === "file") {
    if (found?.isDirectory()) throw new UsageError(`${flag} ${path} is a folder; ${instead}.`);
    await checkWritableFolder(flag, path, dirname(target));
    return;
  }
  if (found !== undefined && !found.isDirectory()) throw new UsageError(`${flag} ${path} is a file; give a folder (it is made if missing).`);
  await checkWritableFolder(flag, path, target);
}

/** `folder`, or the nearest of its parents that exists, is a folder this process may write in. */
async function checkWritableFolder(flag: string, shown: string, folder: string): Promise<void> {
  let at = folder;
  let found = await stat(at).catch(() => undefined);
  while (found === undefined && dirname(at) !== at) {
    at = dirname(at);
    found = await stat(at).catch(() => undefined);
  }
  if (found !== undefined && !found.isDirectory()) throw new UsageError(`${flag} ${shown} cannot be made: ${at} is a file; give a folder.`);
  const writable = await access(at, constants.W_OK | constants.X_OK).then(
    () => true,
    () => false,
  );
  if (!writable) throw new UsageError(`${flag} ${shown}: no permission to write in ${at}; give a folder you can write to.`);
}

/** `path` made absolute, with the symlinks of its existing part resolved, so two names of one folder compare equal. */
async function canonical(path: string): Promise<string> {
  const missing: string[] = [];
  let at = resolve(path);
  for (;;) {
    const real = await realpath(at).catch(() => undefined);
    if (real !== undefined) return join(real, ...missing.reverse());
    if (dirname(at) === at) return resolve(path);
    missing.push(basename(at));
    at = dirname(at);
  }
}
