import { filmOrWarn } from "./film-facts.js";
import type { Library } from "./library.js";
import type { ListExport, ListRow, Warn } from "./rows.js";

/**
 * Every personal list with its rows in rank order, Position 1, 2, 3…, and a file
 * name that is safe on every filesystem and unique among the lists.
 */
export function buildLists(library: Library, options: { warn?: Warn } = {}): ListExport[] {
  const warn = options.warn ?? (() => undefined);
  const usedStems = new Set<string>();
  return library.lists.map((list) => {
    const items = [...list.items].sort((a, b) => a.rank - b.rank || a.traktId - b.traktId);
    const rows: ListRow[] = [];
    for (const item of items) {
      const film = filmOrWarn(library, item.traktId, `An item of list "${list.slug}"`, warn);
      if (film !== undefined) rows.push({ position: rows.length + 1, film, notes: item.notes });
    }
    let fileStem = listFileStem(list.slug, list.traktId);
    // Different slugs can clean up to one stem ("Best!" and "best"); the Trakt id tells them apart.
    if (usedStems.has(fileStem)) fileStem = `${fileStem}-${list.traktId}`;
    usedStems.add(fileStem);
    return { list, fileStem, rows };
  });
}

// Windows refuses these names, with any extension.
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)(\.|$)/;

/**
 * A file name (without `.csv`) for a list slug: lower case (case-insensitive
 * filesystems would merge "Best" and "best"), letters, digits, `.`, `_`
 * and `-` only, no leading or trailing dot or dash, at most 100 characters. Falls back
 * to `list-<trakt id>` when nothing is left.
 */
export function listFileStem(slug: string, listTraktId: number): string {
  const stem = slug
    .normalize("NFC")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}._-]+/gu, "-")
    .slice(0, 100)
    .replace(/^[-.]+|[-.]+$/g, "");
  if (stem === "") return `list-${listTraktId}`;
  return WINDOWS_RESERVED.test(stem) ? `list-${stem}` : stem;
}
