/** "1 film", "2 films"; `many` for nouns whose plural is not noun + "s" ("1 entry", "2 entries"). */
export function plural(count: number, noun: string, many = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : many}`;
}

/** What an export wrote, as every summary says it: "142 films in 3 files", or "1 file" when its files hold no film (shows.csv only). */
export function filmsInFiles(films: number, files: number): string {
  return films > 0 ? `${plural(films, "film")} in ${plural(files, "file")}` : plural(files, "file");
}
