/**
 * Reads a backup folder or zip (an opened Archive) for `export --from`: no network. The manifest's
 * checksums are checked first, so a damaged or half-copied backup is refused rather
 * than turned into wrong Letterboxd files; every item is checked with the client's own
 * schemas, as if Trakt had just sent it.
 */
import { createHash } from "node:crypto";
import { z } from "zod";
import { UsageError } from "../errors.js";
import { isLitter, type Archive } from "../util/archive.js";
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

/** The folder inside the archive holding a backup's manifest.json ("" for the root, else with a trailing `/`), if any. */
export function backupRoot(archive: Archive): string | undefined {
  const manifests = archive.names.filter((name) => /(^|\/)manifest\.json$/.test(name) && !isLitter(name));
  const shortest = manifests.sort((a, b) => a.length - b.length)[0];
  return shortest === undefined ? undefined : shortest.slice(0, shortest.length - "manifest.json".length);
}

/** `shows`: also read the episode history and show ratings (50K episode plays take a while to check); else they are empty. */
export async function readBackup(archive: Archive, root: string, options: { shows?: boolean } = {}): Promise<BackupContents> {
  const path = archive.path;
  const raw = async (name: string): Promise<Uint8Array> => {
    if (!archive.names.includes(root + name)) throw new UsageError(`${path} is not a complete trakt-letterboxd backup: ${name} is missing.`);
    return archive.read(root + name);
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
