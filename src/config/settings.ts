import { readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { parse as parseToml } from "smol-toml";
import { z } from "zod";
import { ConfigError } from "../errors.js";
import { BULK_PLAYS_MODES, DEFAULT_BULK_PLAYS, type BulkPlaysMode, type BulkPlaysOptions } from "../letterboxd/bulk-plays.js";
import { resolveHome } from "./home.js";
import { BULK_THRESHOLD_RULE, FILE_BYTES_RULE, fitsRule, isTag, parseWholeNumber, RETRIES_RULE, ruleText, TAG_RULE_TEXT, type WholeNumberRule } from "./rules.js";
import { assertTimeZone } from "./time-zone.js";

/** Everything a command needs to know about where and how to run. */
export interface Settings {
  /** Data folder: config.toml, token.json, local store, cache. */
  home: string;
  clientId: string | undefined;
  clientSecret: string | undefined;
  /** Default https://api.trakt.tv. */
  apiUrl: string;
  /** Default https://auth.trakt.tv (Trakt moved every OAuth call there in July 2026). */
  authUrl: string;
  /** Time zone for watch dates; undefined means "the account's, else the system's". */
  timeZone: string | undefined;
  /** Where `timeZone` came from, when set. */
  timeZoneSetting?: TimeZoneSetting;
  /** Tags put on every diary row. Default none. */
  tags: string[];
  /** Default 900000: Letterboxd refuses uploads of about 1 MB. */
  maxFileBytes: number;
  /** Retries of a failed Trakt call (429, 5xx, network) before giving up. Default 5. */
  retries: number;
  /** Bulk "mark as watched" plays: dated diary rows or none, and how many films at one instant make one. Default dated, 10; undefined means the defaults. */
  bulkPlays?: BulkPlaysOptions;
}

/** Which setting chose the time zone: `--timezone`, `TRAKT_LETTERBOXD_TZ` or config.toml's `timezone`. */
export type TimeZoneSetting = "flag" | "env" | "config";

/** What the command line may override (highest precedence). */
export interface SettingsFlags {
  home?: string;
  timeZone?: string;
  tags?: string[];
  maxFileBytes?: number;
  bulkPlays?: BulkPlaysMode;
  bulkPlaysThreshold?: number;
}

export const DEFAULT_API_URL = "https://api.trakt.tv";
export const DEFAULT_AUTH_URL = "https://auth.trakt.tv";
export const DEFAULT_MAX_FILE_BYTES = 900_000;
export const DEFAULT_RETRIES = 5;

const wholeNumber = (rule: WholeNumberRule) => z.number().refine((n) => fitsRule(n, rule), `expected ${ruleText(rule)}`);

const configFileSchema = z
  .object({
    client_id: z.string().min(1).optional(),
    client_secret: z.string().min(1).optional(),
    api_url: z.url().optional(),
    auth_url: z.url().optional(),
    timezone: z.string().min(1).optional(),
    tags: z.array(z.string().refine(isTag, `expected ${TAG_RULE_TEXT}, no spaces at the ends; give several tags as a list`)).optional(),
    max_file_bytes: wholeNumber(FILE_BYTES_RULE).optional(),
    retries: wholeNumber(RETRIES_RULE).optional(),
    bulk_plays: z.enum(BULK_PLAYS_MODES).optional(),
    bulk_plays_threshold: wholeNumber(BULK_THRESHOLD_RULE).optional(),
  })
  .strict();

type ConfigFile = z.infer<typeof configFileSchema>;

/** Settings from defaults < config.toml < environment < flags. */
export async function loadSettings(env: NodeJS.ProcessEnv, flags: SettingsFlags = {}): Promise<Settings> {
  const { home, source } = resolveHome(env, flags.home);
  if ((await stat(home).catch(() => undefined))?.isDirectory() === false) {
    throw new ConfigError(`${source} ${home} is a file, not a folder; give a folder for the data (it is made if missing).`);
  }
  const file = await readConfigFile(join(home, "config.toml"));

  const timeZoneFlag = flags.timeZone && assertTimeZone(flags.timeZone, "--timezone");
  const timeZoneEnv = nonEmpty(env.TRAKT_LETTERBOXD_TZ) && assertTimeZone(env.TRAKT_LETTERBOXD_TZ as string, "TRAKT_LETTERBOXD_TZ");
  const timeZoneFile = file.timezone && assertTimeZone(file.timezone, "config.toml");
  const timeZoneSetting: TimeZoneSetting | undefined = timeZoneFlag ? "flag" : timeZoneEnv ? "env" : timeZoneFile ? "config" : undefined;

  return {
    home,
    clientId: nonEmpty(env.TRAKT_CLIENT_ID) ?? file.client_id,
    clientSecret: nonEmpty(env.TRAKT_CLIENT_SECRET) ?? file.client_secret,
    apiUrl: trimSlash(checkUrl(nonEmpty(env.TRAKT_API_URL), "TRAKT_API_URL") ?? file.api_url ?? DEFAULT_API_URL),
    authUrl: trimSlash(checkUrl(nonEmpty(env.TRAKT_AUTH_URL), "TRAKT_AUTH_URL") ?? file.auth_url ?? DEFAULT_AUTH_URL),
    timeZone: timeZoneFlag || timeZoneEnv || timeZoneFile || undefined,
    ...(timeZoneSetting ? { timeZoneSetting } : {}),
    tags: flags.tags && flags.tags.length > 0 ? flags.tags : (file.tags ?? []),
    maxFileBytes: flags.maxFileBytes ?? file.max_file_bytes ?? DEFAULT_MAX_FILE_BYTES,
    retries: parseRetries(nonEmpty(env.TRAKT_LETTERBOXD_RETRIES)) ?? file.retries ?? DEFAULT_RETRIES,
    bulkPlays: {
      mode: flags.bulkPlays ?? file.bulk_plays ?? DEFAULT_BULK_PLAYS.mode,
      threshold: flags.bulkPlaysThreshold ?? file.bulk_plays_threshold ?? DEFAULT_BULK_PLAYS.threshold,
    },
  };
}

async function readConfigFile(path: string): Promise<ConfigFile> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return {};
    throw new ConfigError(`Cannot read ${path}: ${(error as Error).message}. Fix its permissions or remove it.`);
  }
  let data: unknown;
  try {
    data = parseToml(text);
  } catch (error) {
    const first = (error as Error).message.split("\n")[0];
    throw new ConfigError(`${path} is not valid TOML (${first}). Fix or remove it.`);
  }
  const parsed = configFileSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? issue.path.join(".") : "file";
    throw new ConfigError(`${path}: ${where}: ${issue?.message ?? "invalid"}. Known keys: ${Object.keys(configFileSchema.shape).join(", ")}.`);
  }
  return parsed.data;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === "" ? undefined : value.trim();
}

function checkUrl(value: string | undefined, source: string): string | undefined {
  if (value === undefined) return undefined;
  if (!URL.canParse(value) || !/^https?:$/.test(new URL(value).protocol)) {
    throw new ConfigError(`${source} must be an http(s) URL, got "${value}".`);
  }
  return value;
}

function parseRetries(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = parseWholeNumber(value, RETRIES_RULE);
  if (n === undefined) throw new ConfigError(`TRAKT_LETTERBOXD_RETRIES must be ${ruleText(RETRIES_RULE)}, got "${value}".`);
  return n;
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, "");
}
