/** "1 film", "2 films"; `many` for nouns whose plural is not noun + "s" ("1 entry", "2 entries"). */
export function plural(count: number, noun: string, many = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : many}`;
}

/** A library's counts as every summary and `status` say them: "142 films, 160 plays, 120 ratings, 3 reviews, 12 on the watchlist, 2 lists". */
export function libraryCounts(c: { films: number; plays: number; ratings: number; reviews: number; watchlist: number; lists: number }): string {
  return `${plural(c.films, "film")}, ${plural(c.plays, "play")}, ${plural(c.ratings, "rating")}, ${plural(c.reviews, "review")}, ${c.watchlist} on the watchlist, ${plural(c.lists, "list")}`;
}

/** What an export wrote, as every summary says it: "142 films in 3 files", or "1 file" when its files hold no film (shows.csv only). */
export function filmsInFiles(films: number, files: number): string {
  return films > 0 ? `${plural(films, "film")} in ${plural(files, "file")}` : plural(files, "file");
}
