/**
 * What a backup holds: one JSON file per kind, each an array of items in the API's own
 * shape, in Trakt's own order. Movie history and movie ratings come from the export's
 * store tables; the rest from what the sync keeps as Trakt's JSON (src/sync/account-kinds.ts).
 */
import { z } from "zod";
import { PAGED_KINDS } from "../sync/account-kinds.js";
import { anyListItemSchema, episodeHistoryItemSchema, fullListSchema, fullUserSettingsSchema, historyItemSchema, ratingItemSchema } from "../trakt/index.js";
import { filmExtraSchema } from "./film-extras.js";

/** A personal list with all its items (films, shows, …), as `lists.json` holds it. */
export const backupListSchema = z.object({ list: fullListSchema, items: z.array(anyListItemSchema) });

/**
 * Every file of a backup with the schema each item must pass (the client's own), for
 * the reader and the tests. `settings` is one object; the rest are arrays.
 */
export const BACKUP_FILES = {
  "settings": fullUserSettingsSchema,
  "history-movies": historyItemSchema,
  "history-episodes": episodeHistoryItemSchema,
  "ratings-movies": ratingItemSchema,
  ...Object.fromEntries(PAGED_KINDS.map((kind) => [kind.name, kind.schema])),
  "lists": backupListSchema,
  "films-without-ids": filmExtraSchema,
} as const satisfies Record<string, z.ZodType<unknown>>;
