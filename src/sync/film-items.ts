/**
 * Rows of a file (our backup, Trakt's data export) checked one at a time, as the store
 * takes them: a row that is not a film (an episode, a show) is passed over; a film row
 * without a usable film (Trakt's "ghost" rows: `movie` null, or its title and ids null,
 * trakt/trakt-api#783) is skipped and counted. One bad row never costs the page.
 */
import type { z } from "zod";
import { listedItemSchema, reviewItemSchema, type ListedItem, type ReviewItem } from "../trakt/index.js";

/** The kinds whose rows can come without a usable film. */
export const SKIPPED_KINDS = ["history", "ratings", "watchlist", "lists", "reviews"] as const;
export type SkippedKind = (typeof SKIPPED_KINDS)[number];

/** Film rows skipped per kind, for the summary. */
export type SkippedCounts = Partial<Record<SkippedKind, number>>;

export function countSkip(counts: SkippedCounts, kind: keyof SkippedCounts, n = 1): void {
  if (n > 0) counts[kind] = (counts[kind] ?? 0) + n;
}

/** The film rows of `rows` (`type: "movie"`) that pass `schema`; the others of that type are counted as skipped. */
export function filmRows<T>(rows: readonly unknown[], schema: z.ZodType<T>, kind: keyof SkippedCounts, skipped: SkippedCounts): T[] {
  const films: T[] = [];
  for (const row of rows) {
    if (!isFilmRow(row)) continue;
    const parsed = schema.safeParse(row);
    if (parsed.success) films.push(parsed.data);
    else countSkip(skipped, kind);
  }
  return films;
}

/** The rows that pass `schema`, as it gives them (times in their one form); the others are left out. */
export function checkedRows<T>(rows: readonly unknown[], schema: z.ZodType<T>): T[] {
  const checked: T[] = [];
  for (const row of rows) {
    const parsed = schema.safeParse(row);
    if (parsed.success) checked.push(parsed.data);
  }
  return checked;
}

/** A row about a film, usable or not: its type says so, or it carries a `movie` key and no other media. */
function isFilmRow(row: unknown): boolean {
  if (typeof row !== "object" || row === null) return true;
  const { type } = row as { type?: unknown };
  return type === "movie" || (type === undefined && "movie" in row);
}

/** A list or watchlist row as the store takes it (its film checked). */
export function filmListRows(rows: readonly unknown[], kind: "watchlist" | "lists", skipped: SkippedCounts): ListedItem[] {
  return filmRows(rows, listedItemSchema, kind, skipped);
}

/**
 * The film reviews among a user's comments (`/users/{id}/comments`, or the export's
 * `comments-movies`): top-level comments Trakt marks as reviews. A reply (`parent_id` ≠ 0)
 * answers someone else and is never the user's review of the film. The same text posted twice on a film (real
 * exports hold such pairs seconds apart, TRAKT-EXPORT.md §5) is one review: the later.
 */
export function movieReviews(comments: readonly unknown[], skipped: SkippedCounts = {}): ReviewItem[] {
  const reviews: ReviewItem[] = [];
  for (const row of comments) {
    if (!isFilmRow(row)) continue;
    const comment = (row as { comment?: { review?: unknown; parent_id?: unknown } } | null)?.comment;
    if (comment && (comment.review !== true || (typeof comment.parent_id === "number" && comment.parent_id !== 0))) continue;
    const parsed = reviewItemSchema.safeParse(row);
    if (parsed.success) reviews.push(parsed.data);
    else countSkip(skipped, "reviews");
  }
  return withoutRepeatedReviews(reviews);
}

/** The same text posted twice on one film is one review: the later (by `updated_at`, then id). */
export function withoutRepeatedReviews(reviews: readonly ReviewItem[]): ReviewItem[] {
  const latest = new Map<string, ReviewItem>();
  for (const review of reviews) {
    const key = `${review.movie.ids.trakt}\n${review.comment.comment}`;
    const kept = latest.get(key);
    if (kept === undefined || isLater(review, kept)) latest.set(key, review);
  }
  return reviews.filter((review) => latest.get(`${review.movie.ids.trakt}\n${review.comment.comment}`) === review);
}

function isLater(a: ReviewItem, b: ReviewItem): boolean {
  const at = Date.parse(a.comment.updated_at) - Date.parse(b.comment.updated_at);
  return at > 0 || (at === 0 && a.comment.id > b.comment.id);
}
