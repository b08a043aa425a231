/**
 * Reads a backup folder or zip for `export --from`: no network. The manifest's
 * checksums are checked first, so a damaged or half-copied backup is refused rather
 * than turned into wrong Letterboxd files; every item is checked with the client's own
 * schemas, as if Trakt had just sent it.
 */
import { createHash } from "node:crypto";
import { readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { unzipSync } from "fflate";
import { z } from "zod";
import { UsageError } from "../errors.js";
import {
  commentItemSchema,
  episodeHistoryItemSchema,
  fullUserSettingsSchema,
  historyItemSchema,
  listedItemSchema,
  ratingItemSchema,
  showRatingSchema,
} from "../trakt/index.js";
import { filmExtraSchema } from "./film-extras.js";
import { backupListSchema } from "./kinds.js";
import { BACKUP_FORMAT } from "./write-backup.js";

const manifestSchema = z.object({
  tool: z.literal("trakt-letterboxd"),
  version: z.string(),
  format: z.number().int(),
  created_at: z.string(),
  user: z.string(),
  files: z.array(z.object({ name: z.string(), bytes: z.number(), sha256: z.string(), items: z.number() })),
});

/** What the export needs of a backup, parsed. */
export interface BackupContents {
  manifest: z.infer<typeof manifestSchema>;
  settings: z.infer<typeof fullUserSettingsSchema>;
  movieHistory: z.infer<typeof historyItemSchema>[];
  movieRatings: z.infer<typeof ratingItemSchema>[];
  watchlist: z.infer<typeof listedItemSchema>[];
  comments: z.infer<typeof commentItemSchema>[];
  lists: z.infer<typeof backupListSchema>[];
  filmExtras: z.infer<typeof filmExtraSchema>[];
  episodeHistory: z.infer<typeof episodeHistoryItemSchema>[];
  showRatings: z.infer<typeof showRatingSchema>[];
}

/** `shows`: also read the episode history and show ratings (50K episode plays take a while to check); else they are empty. */
export async function readBackup(path: string, options: { shows?: boolean } = {}): Promise<BackupContents> {
  const info = await stat(path).catch(() => undefined);
  if (info === undefined) throw new UsageError(`No backup at ${path}: give export --from a folder or zip written by \`trakt-letterboxd backup\`.`);
  const files = info.isDirectory() ? await folderFiles(path) : zipFiles(path, await readFile(path));
  const raw = async (name: string): Promise<Uint8Array> => {
    const data = await files(name);
    if (data === undefined) throw new UsageError(`${path} is not a complete trakt-letterboxd backup: ${name} is missing.`);
    return data;
  };

  const manifest = parse(path, "manifest.json", manifestSchema, await raw("manifest.json"));
  if (manifest.format > BACKUP_FORMAT) throw new UsageError(`${path} was written by a newer trakt-letterboxd (${manifest.version}); update the tool to read it.`);
  const checked = async <T>(name: string, schema: z.ZodType<T>): Promise<T> => {
    const data = await raw(name);
    const entry = manifest.files.find((file) => file.name === name);
    if (entry === undefined || createHash("sha256").update(data).digest("hex") !== entry.sha256) {
      throw new UsageError(`${path} is damaged: ${name} does not match the checksum in manifest.json. Make a new backup or use an intact copy.`);
    }
    return parse(path, name, schema, data);
  };
  const [settings, movieHistory, movieRatings, watchlist, comments, lists, filmExtras, episodeHistory, showRatings] = await Promise.all([
    checked("settings.json", fullUserSettingsSchema),
    checked("history-movies.json", historyItemSchema.array()),
    checked("ratings-movies.json", ratingItemSchema.array()),
    checked("watchlist-movies.json", listedItemSchema.array()),
    checked("comments.json", commentItemSchema.array()),
    checked("lists.json", backupListSchema.array()),
    checked("films-without-ids.json", filmExtraSchema.array()),
    options.shows ? checked("history-episodes.json", episodeHistoryItemSchema.array()) : [],
    options.shows ? checked("ratings-shows.json", showRatingSchema.array()) : [],
  ]);
  return { manifest, settings, movieHistory, movieRatings, watchlist, comments, lists, filmExtras, episodeHistory, showRatings };
}

type FileSource = (name: string) => Promise<Uint8Array | undefined>;

async function folderFiles(dir: string): Promise<FileSource> {
  return async (name) => readFile(join(dir, name)).catch(() => undefined);
}

function zipFiles(path: string, data: Uint8Array): FileSource {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(data);
  } catch (error) {
    throw new UsageError(`${path} is neither a backup folder nor a readable zip file.`, { cause: error });
  }
  return (name) => Promise.resolve(entries[name]);
}

const decoder = new TextDecoder();

function parse<T>(path: string, name: string, schema: z.ZodType<T>, data: Uint8Array): T {
  let json: unknown;
  try {
    json = JSON.parse(decoder.decode(data));
  } catch (error) {
    throw new UsageError(`${path}: ${name} is not valid JSON.`, { cause: error });
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UsageError(`${path}: ${name} is not in Trakt's shape (${issue ? `${issue.path.join(".")}: ${issue.message}` : "invalid"}).`);
  }
  return parsed.data;
}
