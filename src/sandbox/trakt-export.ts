import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { zipSync } from "fflate";
import { UNKNOWN_DATE } from "./library-builder.js";
import type { HistoryItem, OtherCommentItem, ReviewItem, SandboxUser, ShowWatchlistItem, WatchlistItem } from "./library-types.js";

/**
 * Trakt's own data export (TRAKT-EXPORT.md) of a sandbox user, so tests, the demo and
 * the benchmark build their own ZIPs. Like Trakt's exporter, every file is one API page
 * saved unchanged; `quirks` adds the odd rows real exports hold (§5) without changing
 * what a correct converter makes of them.
 */

/** Sensitive values planted in `user-settings.json` (§5): no converter output may contain them. */
export const TRAKT_EXPORT_SECRETS = {
  email: "sam@example.invalid",
  birthday: "1987-04-12",
  token: "trk-secret-9f3b2c71d8e44a06b5c1e7f2a9d0c3b8",
} as const;

/** One `_errors.json` entry (§4): `endpoint` without `page`/`limit`. */
export interface TraktExportError {
  endpoint: string;
  error: string;
  fetchedPages: number;
  totalPages: number;
}

export interface TraktExportOptions {
  /** `flat` (current) or `nested` (older, under `<username>/`, §2); default `flat`. */
  layout?: "flat" | "nested";
  /** Rows per page of every paged file; default 250 (Trakt's `limit` since 2026-06-03). */
  pageSize?: number;
  /** 2-space indented JSON (exports before 2026-08-13); default false: one line. */
  pretty?: boolean;
  /** Name pages `base.json`, `base-2.json`… (no `-1`), the "mixed case" of §3; default false. */
  mixedPages?: boolean;
  /** Ghost rows, a reply, a duplicate review, a shout, the 1900 sentinel, an unknown field; default true. */
  quirks?: boolean;
  /** Written as `_errors.json` (flat only); default none, so no such file. */
  errors?: TraktExportError[];
  /** The n oldest `watched-history` pages are missing, as in ZIPs before 2026-08-18 (§5); page 1 always stays; default 0. */
  dropOldestHistoryPages?: number;
  /** Put every entry under this folder, as a user re-zipping the export does (§2); default none. */
  topFolder?: string;
  /** Add `__MACOSX/…/._watched-history.json` and `.DS_Store` junk; default false. */
  litter?: boolean;
  /** ZIP entry times; default now, as Trakt's exporter (fflate) does (§5 age hints). */
  exportedAt?: Date;
}

type Row = object;
type Comment = ReviewItem | OtherCommentItem;
type Put = (path: string, value: unknown) => void;
type Name = (page: number, count: number) => string;

const SENTINEL_1900 = "1900-01-01T00:00:00.000Z";
const GHOST_MOVIE = { title: null, year: null, ids: { trakt: null, slug: null, imdb: null, tmdb: null } };
// AppleDouble and .DS_Store magic bytes: not JSON, not UTF-8 text.
const APPLE_DOUBLE = new Uint8Array([0x00, 0x05, 0x16, 0x07, 0x00, 0x02, 0x00, 0x00, 0x4d, 0x61, 0x63, 0x20, 0xff, 0xfe]);
const DS_STORE = new Uint8Array([0x00, 0x00, 0x00, 0x01, 0x42, 0x75, 0x64, 0x31, 0x00, 0x00, 0x10, 0x00, 0xff, 0xfe]);
const encoder = new TextEncoder();

export function traktExportName(user: SandboxUser): string {
  return `trakt-export-${user.settings.user.ids.slug}.zip`;
}

/** Archive path → UTF-8 bytes (no BOM), in the order Trakt writes them: fixed files, then lists (§3). */
export function traktExportFiles(user: SandboxUser, options: TraktExportOptions = {}): Map<string, Uint8Array> {
  const pageSize = options.pageSize ?? 250;
  if (!Number.isInteger(pageSize) || pageSize < 1) throw new RangeError(`pageSize must be a positive integer, not ${pageSize}`);
  const files = new Map<string, Uint8Array>();
  const root = options.topFolder ? `${options.topFolder}/` : "";
  const put: Put = (path, value) => files.set(root + path, encoder.encode(JSON.stringify(value, null, options.pretty ? 2 : undefined)));
  const rows = exportRows(user, options.quirks ?? true);
  if (options.layout === "nested") writeNested(user, rows, options, pageSize, put);
  else writeFlat(user, rows, options, pageSize, put);
  if (options.litter) {
    files.set(`__MACOSX/${root}._watched-history.json`, APPLE_DOUBLE);
    files.set(`${root}.DS_Store`, DS_STORE);
  }
  return files;
}

export function traktExportZip(user: SandboxUser, options: TraktExportOptions = {}): Uint8Array {
  return zipSync(Object.fromEntries(traktExportFiles(user, options)), { level: 6, mtime: options.exportedAt });
}

/** Writes the ZIP at `target` (default), or with `zip: false` the files as a folder tree under it. */
export async function writeTraktExport(user: SandboxUser, target: string, options: TraktExportOptions & { zip?: boolean } = {}): Promise<void> {
  if (options.zip ?? true) {
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, traktExportZip(user, options));
    return;
  }
  for (const [path, bytes] of traktExportFiles(user, options)) {
    const file = join(target, path);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, bytes);
  }
}

function writeFlat(user: SandboxUser, rows: ExportRows, options: TraktExportOptions, pageSize: number, put: Put): void {
  // §3: suffixed when page > 1 or the page count > 1; the mixed case never writes `-1`.
  const flatName = (base: string): Name => (page, count) =>
    page === 1 && (count === 1 || options.mixedPages) ? `${base}.json` : `${base}-${page}.json`;
  const paged = (base: string, items: readonly Row[], drop = 0) => putPages(put, flatName(base), items, pageSize, drop);
  const { settings } = user;
  put("user-settings.json", {
    user: { ...settings.user, birthday: TRAKT_EXPORT_SECRETS.birthday },
    account: { ...settings.account, email: TRAKT_EXPORT_SECRETS.email, token: TRAKT_EXPORT_SECRETS.token },
  });
  put("user-profile.json", settings.user);
  put("user-last-activities.json", user.last_activities);
  put("user-stats.json", {});
  if (settings.user.vip) paged("user-saved-filters", []); // the one VIP-only file (§1)
  paged("watched-history", rows.history, options.dropOldestHistoryPages ?? 0);
  paged("watched-movies", user.watched);
  paged("watched-shows", user.watchedShows);
  paged("watched-playback", []);
  paged("collection-movies", user.collection);
  paged("collection-shows", user.showCollection);
  paged("ratings-movies", rows.ratings);
  paged("ratings-shows", user.showRatings);
  paged("ratings-seasons", user.seasonRatings);
  paged("ratings-episodes", user.episodeRatings);
  paged("lists-watchlist", rows.watchlist);
  paged("lists-lists", user.lists.map((l) => l.list));
  paged("lists-collaborations", []);
  paged("lists-favorites", []);
  paged("comments-movies", rows.comments);
  paged("comments-shows", user.otherComments.filter((c) => c.type === "show"));
  paged("comments-seasons", []);
  paged("comments-episodes", user.otherComments.filter((c) => c.type === "episode"));
  paged("comments-lists", []);
  for (const { list, items } of rows.lists) paged(`lists-list-${list.ids.trakt}-${list.ids.slug}`, items);
  if (options.errors) put("_errors.json", options.errors);
}

/** §2, names per other importers: only history is paged (always numbered); no settings or comments. */
function writeNested(user: SandboxUser, rows: ExportRows, options: TraktExportOptions, pageSize: number, put: Put): void {
  const dir = `${user.settings.user.username}/`;
  const whole = (path: string, items: readonly Row[]) => putPages(put, () => `${dir}${path}`, items, Math.max(1, items.length), 0);
  const movieHistory = rows.history.filter((h) => h.type === "movie");
  putPages(put, (page) => `${dir}watched/history-${page}.json`, movieHistory, pageSize, options.dropOldestHistoryPages ?? 0);
  whole("watched/watched-movies.json", user.watched);
  whole("ratings/ratings-movies.json", rows.ratings);
  whole("lists/watchlist.json", rows.watchlist);
  whole("lists/lists.json", user.lists.map((l) => l.list));
  for (const { list, items } of rows.lists) whole(`lists/list-${list.ids.trakt}-${list.ids.slug}.json`, items);
}

/**
 * Pages as the API serves them: hidden rows count in the slicing and are dropped
 * after it, so a page can be short while more follow (§3, pagination.ts). The
 * `drop` oldest (last) pages are left out, numbering as if they never existed (§5).
 */
function putPages(put: Put, name: Name, items: readonly Row[], pageSize: number, drop: number): void {
  const count = Math.max(1, Math.ceil(items.length / pageSize) - drop);
  for (let page = 1; page <= count; page++) {
    const start = (page - 1) * pageSize;
    put(name(page, count), items.slice(start, start + pageSize).filter((row) => !("hidden" in row && row.hidden)));
  }
}

interface ExportRows {
  history: readonly (Row & { type: string })[];
  ratings: readonly Row[];
  watchlist: readonly Row[];
  comments: readonly Row[];
  lists: readonly { list: SandboxUser["lists"][number]["list"]; items: readonly Row[] }[];
}

/** The user's rows as the export endpoints serve them, with the §5 quirk rows when asked. */
function exportRows(user: SandboxUser, quirks: boolean): ExportRows {
  const watchlist: (WatchlistItem | ShowWatchlistItem)[] = [...user.watchlist, ...user.showWatchlist].sort((a, b) => a.rank - b.rank);
  const movieComments: Comment[] = [...user.reviews, ...user.otherComments.filter((c) => c.type === "movie")];
  if (!quirks) return { history: user.history, ratings: user.ratings, watchlist, comments: sortComments(movieComments), lists: user.lists };
  const [first, ...rest] = user.lists;
  return {
    history: historyWithQuirks(user),
    ratings: [{ rated_at: user.ratings[0]?.rated_at ?? user.settings.user.joined_at, rating: 5, type: "movie", movie: null }, ...user.ratings],
    watchlist: [...watchlist, ghostEntry(watchlist, user.settings.user.joined_at)],
    comments: sortComments([...movieComments, ...commentQuirks(user, movieComments)]),
    lists: first ? [{ list: first.list, items: [...first.items, ghostEntry(first.items, first.list.created_at)] }, ...rest] : [],
  };
}

/** A list or watchlist entry whose film is gone (§5 ghost rows): last rank + 1, a fresh entry id. */
function ghostEntry(items: readonly { rank: number; id: number; listed_at: string }[], fallbackAt: string): Row {
  const last = items.at(-1);
  return { rank: (last?.rank ?? 0) + 1, id: maxOf(items, (i) => i.id) + 1, listed_at: last?.listed_at ?? fallbackAt, notes: null, type: "movie", movie: null };
}

function maxOf<T>(items: readonly T[], value: (item: T) => number): number {
  let max = 0;
  for (const item of items) max = Math.max(max, value(item));
  return max;
}

/** Two ghost plays on top, an unknown field on the newest film play, one epoch play moved to 1900 (§5). */
function historyWithQuirks(user: SandboxUser): (Row & { type: string })[] {
  const history: (HistoryItem | (HistoryItem & { extra: unknown }))[] = [...user.history];
  const newest = history.findIndex((h) => h.type === "movie" && !h.hidden);
  const newestPlay = history[newest];
  if (newestPlay) history[newest] = { ...newestPlay, extra: { x: 1 } };
  // A film with two or more epoch plays gets one at 1900 instead; it sorts last, newest first.
  const epochPlays = new Map<number, number>();
  for (let i = 0; i < history.length; i++) {
    const h = history[i];
    if (!h || h.type !== "movie" || h.hidden || h.watched_at !== UNKNOWN_DATE) continue;
    const seen = (epochPlays.get(h.movie.ids.trakt) ?? 0) + 1;
    epochPlays.set(h.movie.ids.trakt, seen);
    if (seen < 2) continue;
    history.splice(i, 1);
    history.push({ ...h, watched_at: SENTINEL_1900 });
    break;
  }
  const id = maxOf(history, (h) => h.id);
  const at = history[0]?.watched_at ?? user.settings.user.joined_at;
  const ghost = (n: number, movie: object | null) => ({ id: id + n, watched_at: at, action: "watch", type: "movie", movie });
  return [ghost(2, GHOST_MOVIE), ghost(1, null), ...history];
}

/**
 * §5 "Replies, duplicates": a duplicate of the newest review 15 s earlier (so the
 * original stays latest), a shout on that film after it, and a `review: true` reply
 * on a rated film nobody reviewed. None may change a correct converter's output.
 */
function commentQuirks(user: SandboxUser, comments: readonly Comment[]): Comment[] {
  let id = maxOf(comments, (c) => c.comment.id);
  const added: Comment[] = [];
  const original = user.reviews.find((r) => !r.hidden);
  if (original) {
    const c = original.comment;
    added.push({ ...original, comment: { ...c, id: ++id, created_at: shift(c.created_at, -15), updated_at: shift(c.updated_at, -15) } });
    const at = shift(c.updated_at, 86_400);
    added.push({ type: "movie", movie: original.movie, comment: { ...c, id: ++id, comment: "Shout, not a review", spoiler: false, review: false, created_at: at, updated_at: at, user_rating: null } });
  }
  const commented = new Set(comments.map((c) => c.movie?.ids.trakt));
  const lonely = user.ratings.find((r) => !r.hidden && !commented.has(r.movie.ids.trakt));
  if (lonely) {
    const at = lonely.rated_at;
    const comment = { id: ++id, parent_id: 424_242, comment: "A reply, not a review", spoiler: false, review: true as const, created_at: at, updated_at: at, replies: 0, likes: 0, user_rating: lonely.rating };
    added.push({ type: "movie", movie: lonely.movie, comment });
  }
  return added;
}

function shift(isoTime: string, seconds: number): string {
  return new Date(Date.parse(isoTime) + seconds * 1000).toISOString();
}

/** Newest first, as `/users/{id}/comments/all/movies` serves them. */
function sortComments(comments: Comment[]): Comment[] {
  return comments.sort((a, b) => (a.comment.created_at < b.comment.created_at ? 1 : a.comment.created_at > b.comment.created_at ? -1 : b.comment.id - a.comment.id));
}
