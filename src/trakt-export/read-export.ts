/**
 * Reads Trakt's own data export (TRAKT-EXPORT.md): pages of raw API rows per kind, the
 * account's user name and time zone, and `_errors.json`. Rows come out as unknown JSON,
 * one page at a time (a 100K-play history is never held whole); checking each row is
 * the loader's job (src/sync/load-trakt-export.ts). Of `user-settings.json` and
 * `user-profile.json` only the user name and the time zone are kept: their e-mail,
 * tokens and the rest are private (§5) and never reach a message, a log or the store.
 */
import { basename } from "node:path";
import { z } from "zod";
import { UsageError } from "../errors.js";
import type { Archive } from "../util/archive.js";
import { findExportLayout, listPages, type ExportFileKind, type ExportLayout, type ExportLayoutMap } from "./layout.js";

/** One entry of `_errors.json`: an endpoint Trakt's exporter gave up on. */
export interface ExportErrorEntry {
  endpoint: string;
  error: string;
  fetchedPages?: number | undefined;
  totalPages?: number | undefined;
}

export interface ExportListFiles {
  /** The `lists-lists` entry, unchecked. */
  list: unknown;
  pages: string[];
  /** The list's file was found by its id alone (its slug did not match). */
  guessed: boolean;
}

export interface TraktExport {
  archive: Archive;
  layout: ExportLayout;
  /** From `user-settings.json`, else `user-profile.json`, else the nested layout's folder, else the zip's name. */
  username: string | undefined;
  /** `account.timezone` of `user-settings.json`; the nested layout has none. */
  timeZone: string | null;
  errors: ExportErrorEntry[];
  /** Whether the export holds any file of `kind` (a failed endpoint or the old layout may have none). */
  has(kind: ExportFileKind): boolean;
  /** The rows of each page of `kind`, in page order. */
  pages(kind: ExportFileKind): AsyncGenerator<unknown[]>;
  /** The rows of each of these files (a list's pages), in this order. */
  pagesOf(names: readonly string[]): AsyncGenerator<unknown[]>;
  /** Each personal list of `lists-lists` with its item files. */
  lists(): Promise<ExportListFiles[]>;
  /** True once a page read was indented JSON: exports before 2026-08-13 (§1), which may lack the oldest plays. */
  readonly pretty: boolean;
}

const settingsSchema = z.object({
  user: z.object({ username: z.string().min(1).optional() }).optional().catch(undefined),
  account: z.object({ timezone: z.string().min(1).nullish() }).optional().catch(undefined),
});
const profileSchema = z.object({ username: z.string().min(1).optional(), ids: z.object({ slug: z.string().min(1).optional() }).optional().catch(undefined) });
const errorsSchema = z.array(
  z.object({ endpoint: z.string(), error: z.string().catch("failed"), fetchedPages: z.number().optional().catch(undefined), totalPages: z.number().optional().catch(undefined) }).catch({ endpoint: "", error: "" }),
);

/** The archive as Trakt's data export, or undefined when it holds no such files. */
export async function openTraktExport(archive: Archive): Promise<TraktExport | undefined> {
  const found = findExportLayout(archive.names);
  if (found === undefined) return undefined;
  const map: ExportLayoutMap = found;
  let pretty = false;
  const readJson = async (name: string): Promise<unknown> => {
    const text = (await archive.read(name)).toString("utf8").replace(/^\uFEFF/, "");
    if (!pretty && /^[[{]\r?\n {2}/.test(text)) pretty = true;
    try {
      return JSON.parse(text) as unknown;
    } catch {
      // No parser message: it quotes the file, and user-settings.json holds secrets.
      throw new UsageError(`${archive.path}: ${inner(map, name)} is not valid JSON; the export is damaged: download it again from Trakt.`);
    }
  };
  const readObject = async <T>(kind: ExportFileKind, schema: z.ZodType<T>): Promise<T | undefined> => {
    const name = map.files[kind]?.[0];
    if (name === undefined) return undefined;
    const parsed = schema.safeParse(await readJson(name));
    return parsed.success ? parsed.data : undefined;
  };

  const settings = await readObject("settings", settingsSchema);
  const profile = await readObject("profile", profileSchema);
  const errors = ((await readObject("errors", errorsSchema)) ?? []).filter((entry) => entry.endpoint !== "");
  const username = settings?.user?.username ?? profile?.username ?? map.folderUser ?? slugFromName(archive.path);

  async function* pagesOf(names: readonly string[]): AsyncGenerator<unknown[]> {
    for (const name of names) {
      const json = await readJson(name);
      if (!Array.isArray(json)) throw new UsageError(`${archive.path}: ${inner(map, name)} is not a list of rows as Trakt's export writes them; the export is damaged: download it again.`);
      yield json;
    }
  }
  const pages = (kind: ExportFileKind) => pagesOf(map.files[kind] ?? []);

  return {
    archive,
    layout: map.layout,
    username,
    timeZone: settings?.account?.timezone ?? null,
    errors,
    has: (kind) => (map.files[kind]?.length ?? 0) > 0,
    pages,
    pagesOf,
    async lists() {
      const found: ExportListFiles[] = [];
      for await (const page of pages("lists")) {
        for (const list of page) {
          const ids = listIds(list);
          if (ids === undefined) continue;
          found.push({ list, ...listPages(map, ids.trakt, ids.slug) });
        }
      }
      return found;
    },
    get pretty() {
      return pretty;
    },
  };
}

function listIds(list: unknown): { trakt: number; slug: string | null } | undefined {
  const parsed = z.object({ ids: z.object({ trakt: z.number().int(), slug: z.string().nullish() }) }).safeParse(list);
  return parsed.success ? { trakt: parsed.data.ids.trakt, slug: parsed.data.ids.slug ?? null } : undefined;
}

/** `trakt-export-<slug>.zip` names the account (§1) when nothing inside does. */
function slugFromName(path: string): string | undefined {
  return /^trakt-export-(.+?)(?:-csv)?(?: \(\d+\))?\.zip$/i.exec(basename(path))?.[1];
}

function inner(map: ExportLayoutMap, name: string): string {
  return name.startsWith(map.root) ? name.slice(map.root.length) : name;
}
