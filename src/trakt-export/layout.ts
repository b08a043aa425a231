/**
 * Where the files of Trakt's data export are (TRAKT-EXPORT.md §2, §3, §6): the flat
 * layout (every file at the root, `watched-history-3.json`) or the older nested one
 * (`<username>/watched/history-3.json`), found by content, anywhere under a top folder a
 * user's re-zipping added, with `__MACOSX/` and dot-files left out.
 */
import { isLitter } from "../util/archive.js";

export type ExportLayout = "flat" | "nested";

/** The kinds of file the conversion reads, each one or more pages. */
export type ExportFileKind = "history" | "watched" | "ratings" | "showRatings" | "watchlist" | "lists" | "comments" | "settings" | "profile" | "errors";

export interface ExportLayoutMap {
  layout: ExportLayout;
  /** The folder the export's files are in, inside the archive ("" for the root), with a trailing `/`. */
  root: string;
  /** Nested layout: the user folder's name (the username). */
  folderUser: string | undefined;
  /** Archive paths of each kind's pages, in page order. */
  files: Partial<Record<ExportFileKind, string[]>>;
  /** Every other JSON file of the export, by name relative to `root` (list item files are found among them). */
  rest: ReadonlyMap<string, string>;
}

const FLAT_BASES: Record<string, ExportFileKind> = {
  "watched-history": "history",
  "watched-movies": "watched",
  "ratings-movies": "ratings",
  "ratings-shows": "showRatings",
  "lists-watchlist": "watchlist",
  "lists-lists": "lists",
  "comments-movies": "comments",
  "user-settings": "settings",
  "user-profile": "profile",
  "_errors": "errors",
};

const NESTED_BASES: Record<string, ExportFileKind> = {
  "watched/history": "history",
  "watched/watched-movies": "watched",
  "ratings/ratings-movies": "ratings",
  "ratings/ratings-shows": "showRatings",
  "lists/watchlist": "watchlist",
  "lists/lists": "lists",
};

/** Archive litter: macOS resource forks and Finder files, and anything not JSON. */
export function isExportFile(name: string): boolean {
  return !isLitter(name) && name.toLowerCase().endsWith(".json");
}

/** The layout of Trakt's data export among `names`, or undefined when they are not one. */
export function findExportLayout(names: readonly string[]): ExportLayoutMap | undefined {
  const files = names.filter(isExportFile);
  return flatLayout(files) ?? nestedLayout(files);
}

function flatLayout(files: readonly string[]): ExportLayoutMap | undefined {
  // The folder holding watched-history, a lists- or a user- file is the export's root.
  const marker = files.find((name) => /^(watched-history(-\d+)?|lists-[^/]*|user-[^/]*)\.json$/i.test(baseName(name)));
  if (marker === undefined) return undefined;
  return mapFiles("flat", folderOf(marker), undefined, files, FLAT_BASES);
}

function nestedLayout(files: readonly string[]): ExportLayoutMap | undefined {
  for (const name of files) {
    const match = /^(.*?)([^/]+)\/(watched|ratings|lists)\/[^/]+\.json$/i.exec(name);
    if (match) return mapFiles("nested", `${match[1] ?? ""}${match[2] ?? ""}/`, match[2], files, NESTED_BASES);
  }
  return undefined;
}

function mapFiles(layout: ExportLayout, root: string, folderUser: string | undefined, files: readonly string[], bases: Record<string, ExportFileKind>): ExportLayoutMap {
  const pages = new Map<ExportFileKind, { name: string; page: number }[]>();
  const rest = new Map<string, string>();
  for (const name of files) {
    if (!name.startsWith(root)) continue;
    const inner = name.slice(root.length);
    const match = /^(.+?)(?:-(\d+))?\.json$/i.exec(inner);
    const kind = match ? bases[match[1] ?? ""] : undefined;
    if (match && kind !== undefined) {
      // No suffix is page 1 (TRAKT-EXPORT.md §3): `base.json`, then `base-2.json` in the mixed case.
      const list = pages.get(kind) ?? [];
      list.push({ name, page: match[2] === undefined ? 1 : Number(match[2]) });
      pages.set(kind, list);
    } else {
      rest.set(inner, name);
    }
  }
  const result: ExportLayoutMap["files"] = {};
  for (const [kind, list] of pages) result[kind] = sortPages(list);
  return { layout, root, folderUser, files: result, rest };
}

/** Page order: numeric, so `-10` follows `-9`; the name breaks ties. */
export function sortPages(pages: readonly { name: string; page: number }[]): string[] {
  return [...pages].sort((a, b) => a.page - b.page || a.name.localeCompare(b.name)).map((page) => page.name);
}

/**
 * The pages of one personal list among the export's other files (TRAKT-EXPORT.md §6 rule 4):
 * `lists-list-<id>-<slug>[-N].json` matched with the list's own slug, since a slug such as
 * `best-of-2019` ends in digits. Failing that, every file starting `lists-list-<id>-`, and
 * `guessed` says so.
 */
export function listPages(map: ExportLayoutMap, id: number, slug: string | null): { pages: string[]; guessed: boolean } {
  const prefix = map.layout === "flat" ? `lists-list-${id}-` : `lists/list-${id}-`;
  const found: { name: string; page: number }[] = [];
  const candidates: { name: string; page: number }[] = [];
  const exact = slug === null ? undefined : new RegExp(`^${escape(prefix + slug)}(?:-(\\d+))?\\.json$`, "i");
  for (const [inner, name] of map.rest) {
    if (!inner.toLowerCase().startsWith(prefix)) continue;
    candidates.push({ name, page: 1 });
    const match = exact?.exec(inner);
    if (match) found.push({ name, page: match[1] === undefined ? 1 : Number(match[1]) });
  }
  if (found.length > 0) return { pages: sortPages(found), guessed: false };
  return { pages: sortPages(candidates), guessed: candidates.length > 0 };
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function baseName(name: string): string {
  return name.slice(name.lastIndexOf("/") + 1);
}

function folderOf(name: string): string {
  return name.slice(0, name.lastIndexOf("/") + 1);
}
