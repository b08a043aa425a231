/** The kinds of data an export can need; `--only` narrows them. */
export type FetchKind = "history" | "ratings" | "watchlist" | "lists" | "reviews" | "directors";

/** How far loading one kind has come, from Trakt or from a file. */
export interface FetchProgress {
  kind: FetchKind;
  /** Items received so far for this kind. */
  done: number;
  /** Items there are, once known. */
  total: number | undefined;
}
