/**
 * Writes a backup from the store: one JSON file per kind (an array of the API's items,
 * one item a line, in Trakt's order; `settings.json` one object) and `manifest.json`
 * with the tool's version, the time, and each file's item count, size and SHA-256.
 */
import { OutputError } from "../errors.js";
import type { Store } from "../store/index.js";
import { backupItemTexts, EPISODE_PLAYS, movieHistoryTexts, movieRatingTexts } from "../store/backup-items.js";
import { filmExtraTexts } from "./film-extras.js";
import { PAGED_KINDS } from "../sync/account-kinds.js";
import { folderSink, zipSink, type BackupSink, type WrittenBackupFile } from "./sinks.js";

export interface BackupManifest {
  tool: "trakt-letterboxd";
  version: string;
  /** Format of the backup; readers refuse a newer one. */
  format: 1;
  created_at: string;
  user: string;
  files: (WrittenBackupFile & { items: number })[];
}

export interface WriteBackupOptions {
  store: Store;
  /** A folder, or with `zip` one `.zip` file. */
  out: string;
  zip: boolean;
  version: string;
  username: string;
  now: () => number;
  /** Called after each file. */
  onFile?: (file: BackupManifest["files"][number]) => void;
}

export const BACKUP_FORMAT = 1;

/** The files in the order written, each with where its items come from. */
function sources(store: Store): [string, () => Iterable<string>][] {
  return [
    ["history-movies", () => movieHistoryTexts(store)],
    [EPISODE_PLAYS, () => backupItemTexts(store, EPISODE_PLAYS, true)],
    ["ratings-movies", () => movieRatingTexts(store)],
    ...PAGED_KINDS.map((kind): [string, () => Iterable<string>] => [kind.name, () => backupItemTexts(store, kind.name, false)]),
    ["lists", () => backupItemTexts(store, "lists", false)],
    ["films-without-ids", () => filmExtraTexts(store)],
  ];
}

export async function writeBackup(options: WriteBackupOptions): Promise<BackupManifest> {
  const { store } = options;
  const settings = [...backupItemTexts(store, "settings", false)][0];
  if (settings === undefined) throw new OutputError("The store holds no account settings yet; nothing to back up.");
  const sink: BackupSink = options.zip ? await zipSink(options.out) : await folderSink(options.out);
  const files: BackupManifest["files"] = [];
  const done = (file: WrittenBackupFile, items: number) => {
    const entry = { ...file, items };
    files.push(entry);
    options.onFile?.(entry);
  };
  try {
    const settingsFile = await sink.file("settings.json");
    await settingsFile.write(`${settings}\n`);
    done(await settingsFile.close(), 1);
    for (const [name, texts] of sources(store)) {
      const file = await sink.file(`${name}.json`);
      let items = 0;
      await file.write("[");
      for (const text of texts()) {
        await file.write(items === 0 ? `\n${text}` : `,\n${text}`);
        items++;
      }
      await file.write(items === 0 ? "]\n" : "\n]\n");
      done(await file.close(), items);
    }
    const manifest: BackupManifest = {
      tool: "trakt-letterboxd",
      version: options.version,
      format: BACKUP_FORMAT,
      created_at: new Date(options.now()).toISOString(),
      user: options.username,
      files,
    };
    const manifestFile = await sink.file("manifest.json");
    await manifestFile.write(`${JSON.stringify(manifest, null, 2)}\n`);
    await manifestFile.close();
    await sink.commit();
    return manifest;
  } catch (error) {
    await sink.abort();
    if (error instanceof OutputError) throw error;
    const detail = error instanceof Error ? error.message : String(error);
    throw new OutputError(`Could not write the backup ${options.out}: ${detail}. The previous backup there is unchanged.`, { cause: error });
  }
}
