/**
 * Which Letterboxd film a Trakt film is (CONTRACT.md "Knowing what Letterboxd already
 * has"). Letterboxd's own export holds no IMDb or TMDb id, only a name and a year, so a
 * film is matched by its normalised title and its year, one year off allowed (about one
 * film in twenty differs so: LETTERBOXD-IMPORT.md). Its own titles (Trakt's, the original)
 * come first and its aliases (other countries' titles, `/movies/{id}/aliases`) after
 * them, an exact year before one off: the first of own-exact, alias-exact, own-near,
 * alias-near that fits any film decides. Two Letterboxd films that fit equally there are
 * "unsure", never guessed.
 */

/** A film as Letterboxd's export names it. */
export interface LetterboxdFilm {
  name: string;
  year: number | null;
  /** The film's page (`https://letterboxd.com/film/…`), when the file has it: tells two same-named films apart. */
  uri: string | null;
}

export type FilmMatch<T extends LetterboxdFilm> =
  | { kind: "found"; film: T; yearOff: boolean }
  | { kind: "unsure"; candidates: T[] }
  | { kind: "none" };

/**
 * A title as a matching key: accents, case and punctuation off, `&` read as "and", a
 * leading article dropped ("The Matrix" and "Matrix, The" are one key), spaces collapsed.
 * Titles in other scripts keep their letters (`千と千尋の神隠し` stays itself).
 */
export function titleKey(title: string): string {
  return (
    title
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      // "Matrix, The" as some catalogues write it.
      .replace(/,\s*(the|a|an)\s*$/, "")
      .replace(/&/g, " and ")
      .replace(/[\u2018\u2019'`´]/g, "")
      .replace(/[^\p{L}\p{N}]+/gu, " ")
      .trim()
      .replace(/^(the|a|an|le|la|les|l|el|los|las|der|die|das|il|lo|gli) (?=\S)/, "")
  );
}

/** A Letterboxd film's name and year as one key: what its rows without a film URI (the diary's) share. */
export function nameYearKey(film: LetterboxdFilm): string {
  return `${titleKey(film.name)}\u0000${film.year ?? ""}`;
}

/** Letterboxd's films by title key, for many lookups. */
export class LetterboxdFilmIndex<T extends LetterboxdFilm> {
  readonly #byKey = new Map<string, T[]>();

  constructor(films: Iterable<T>) {
    for (const film of films) {
      const key = titleKey(film.name);
      if (key === "") continue;
      const list = this.#byKey.get(key) ?? [];
      list.push(film);
      this.#byKey.set(key, list);
    }
  }

  /**
   * The Letterboxd film that is the film with these titles and year, if exactly one is;
   * `aliases` count only where `titles` find no film of that year (or one off).
   */
  match(titles: readonly string[], year: number | null, aliases: readonly string[] = []): FilmMatch<T> {
    const own = this.#films(titles);
    const other = this.#films(aliases);
    if (year === null) return own.length > 0 ? decide(own, false) : decide(other, false);
    const exact = (films: T[]) => films.filter((film) => film.year === year);
    const near = (films: T[]) => films.filter((film) => film.year !== null && Math.abs(film.year - year) === 1);
    for (const [films, yearOff] of [[exact(own), false], [exact(other), false], [near(own), true], [near(other), true]] as const) {
      if (films.length > 0) return decide(films, yearOff);
    }
    return { kind: "none" };
  }

  /** The distinct films any of these titles names. */
  #films(titles: readonly string[]): T[] {
    const keys = new Set(titles.map(titleKey).filter((key) => key !== ""));
    return distinct([...keys].flatMap((key) => this.#byKey.get(key) ?? []));
  }
}

function decide<T extends LetterboxdFilm>(candidates: T[], yearOff: boolean): FilmMatch<T> {
  const [only, ...more] = candidates;
  if (only === undefined) return { kind: "none" };
  return more.length === 0 ? { kind: "found", film: only, yearOff } : { kind: "unsure", candidates };
}

/**
 * One entry per Letterboxd film: the same film met through several rows (or titles)
 * counts once. Rows of one name and year are one film unless their film URIs differ
 * (diary rows have none: they join the film of their name and year).
 */
function distinct<T extends LetterboxdFilm>(films: T[]): T[] {
  const groups = new Map<string, T[]>();
  for (const film of films) {
    const key = nameYearKey(film);
    const group = groups.get(key);
    if (group) group.push(film);
    else groups.set(key, [film]);
  }
  return [...groups.values()].flatMap((group) => {
    const byUri = new Map<string, T>();
    for (const film of group) if (film.uri !== null && !byUri.has(film.uri)) byUri.set(film.uri, film);
    return byUri.size > 0 ? [...byUri.values()] : group.slice(0, 1);
  });
}
