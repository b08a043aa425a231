/**
 * The one order of diary rows, for films (diary.ts) and shows (shows.ts) alike: local
 * date ascending with undated rows last, then the day's earliest play, then title
 * (film-facts.ts's collation), then Trakt id, so equal inputs always give equal files.
 */
import { compareTitles } from "./film-facts.js";

export interface DayRowKey<T> {
  date(row: T): string | null;
  firstMs(row: T): number;
  title(row: T): string;
  traktId(row: T): number;
}

export function byDayThenTitle<T>(key: DayRowKey<T>): (a: T, b: T) => number {
  return (a, b) => {
    const dateA = key.date(a);
    const dateB = key.date(b);
    if (dateA !== dateB) {
      if (dateA === null) return 1;
      if (dateB === null) return -1;
      return dateA < dateB ? -1 : 1;
    }
    return key.firstMs(a) - key.firstMs(b) || compareTitles(key.title(a), key.title(b)) || key.traktId(a) - key.traktId(b);
  };
}
