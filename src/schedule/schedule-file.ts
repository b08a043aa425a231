/**
 * The saved schedule (`<home>/schedule.json`) and its run log (`<home>/schedule-log.jsonl`),
 * shared by `schedule` and `serve` so that the page shows runs made by either.
 */
import { appendFile, readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { ConfigError } from "../errors.js";
import { writeFileAtomic } from "../util/atomic-write.js";

export interface ScheduleConfig {
  cron: string;
  /** Where the dated export folders go. */
  dir: string;
  /** The zone `schedule --timezone` gave with the pattern: it stays the pattern's (and the watch dates') until another --timezone. */
  timeZone?: string;
}

export interface RunLogEntry {
  /** The tick's time (ISO-8601). */
  at: string;
  finishedAt?: string;
  status: "succeeded" | "failed" | "skipped";
  message: string;
}

const configSchema = z.object({ cron: z.string().min(1), dir: z.string().min(1), timeZone: z.string().min(1).optional() });
const entrySchema = z.object({ at: z.string(), finishedAt: z.string().optional(), status: z.enum(["succeeded", "failed", "skipped"]), message: z.string() });

/** Where scheduled (and page) exports go unless configured otherwise. */
export function defaultExportsDir(home: string): string {
  return join(home, "exports");
}

export async function readScheduleConfig(home: string): Promise<ScheduleConfig | undefined> {
  const path = join(home, "schedule.json");
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  const parsed = configSchema.safeParse(safeJson(text));
  if (!parsed.success) throw new ConfigError(`${path} is not a saved schedule; delete it and set the schedule again.`);
  return parsed.data;
}

export async function writeScheduleConfig(home: string, config: ScheduleConfig | undefined): Promise<void> {
  const path = join(home, "schedule.json");
  if (config === undefined) await rm(path, { force: true });
  else await writeFileAtomic(path, `${JSON.stringify(config, null, 2)}\n`);
}

export async function appendRunLog(home: string, entry: RunLogEntry): Promise<void> {
  await appendFile(join(home, "schedule-log.jsonl"), `${JSON.stringify(entry)}\n`);
}

/** The latest `limit` entries, newest first; lines that do not parse are left out. */
export async function readRunLog(home: string, limit: number): Promise<RunLogEntry[]> {
  let text: string;
  try {
    text = await readFile(join(home, "schedule-log.jsonl"), "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  const entries: RunLogEntry[] = [];
  for (const line of text.split("\n").reverse()) {
    const parsed = entrySchema.safeParse(safeJson(line));
    if (parsed.success) entries.push(parsed.data);
    if (entries.length >= limit) break;
  }
  return entries;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
