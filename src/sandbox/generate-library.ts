import { CatalogBuilder, finishUser, iso, pick, prng, UNKNOWN_DATE } from "./library-builder.js";
import type {
  EpisodeHistoryItem,
  HistoryItem,
  ListItem,
  Movie,
  RatingItem,
  ReviewItem,
  SandboxLibrary,
  SandboxList,
  Show,
  UserSettings,
  WatchlistItem,
} from "./library-types.js";

export interface GenerateLibraryOptions {
  plays: number;
  ratings: number;
  watchlist: number;
  /** PRNG seed; default 1. */
  seed?: number;
  /** Episode plays mixed into history (served by /sync/history, not /sync/history/movies); default 0. */
  episodePlays?: number;
}

const ADJECTIVES = ["Silent", "Crimson", "Last", "Hidden", "Golden", "Broken", "Distant", "Wild", "Quiet", "Burning", "Northern", "Paper", "Glass", "Midnight", "Lonely", "Electric", "Velvet", "Iron", "Secret", "Falling"];
const NOUNS = ["Harbor", "Summer", "River", "Letters", "Orchard", "Station", "Garden", "Horizon", "Machine", "Winter", "Island", "Promise", "Circus", "Lighthouse", "Frontier", "Echo", "Kingdom", "Mirror", "Road", "Season"];
const DIRECTORS = ["Anna Berg", "Jonas Okafor", "Maria Tanaka", "Kenji Moreau", "Leila Alvarez", "Tomás Novak", "Ingrid Haddad", "Samuel Lindqvist", "Noor Costa", "Pavel Petrov"];
const END = Date.parse("2025-06-20T00:00:00.000Z");
const SPAN = 10 * 365 * 86_400_000;
const MINUTE = 60_000;

/**
 * A big library in the sample's shape for the benchmark: about one film per four
 * plays (100K plays → ~25K films), with rewatches, a few unknown-date plays and a
 * few hidden items (short pages). One public user, `sandbox-sam`.
 */
export function generateLibrary(opts: GenerateLibraryOptions): SandboxLibrary {
  const random = prng(opts.seed ?? 1);
  const catalog = new CatalogBuilder();
  let nextTraktId = 100_000;
  const newFilm = (): Movie => {
    const id = nextTraktId++;
    const n = id - 100_000;
    const title = `The ${ADJECTIVES[n % ADJECTIVES.length]} ${NOUNS[Math.floor(n / ADJECTIVES.length) % NOUNS.length]} ${Math.floor(n / 400) + 1}`;
    // ~1% of films lack one id or both, as on Trakt.
    const r = random();
    const imdb = r < 0.005 ? null : `tt${String(2_000_000 + id).padStart(7, "0")}`;
    const tmdb = r > 0.995 || r < 0.002 ? null : 1_000_000 + id;
    return catalog.add(id, title, 1950 + (id % 75), imdb, tmdb, [pick(random, DIRECTORS)]);
  };
  const randomTime = (): string => iso(END - Math.floor((random() * SPAN) / MINUTE) * MINUTE);

  const filmCount = Math.max(1, Math.round(opts.plays / 4));
  const films: Movie[] = [];
  for (let i = 0; i < filmCount; i++) films.push(newFilm());

  const history: HistoryItem[] = [];
  for (let i = 0; i < opts.plays; i++) {
    // Every film once, then skewed towards the first films (favourites get rewatched).
    const film = i < filmCount ? films[i] : films[Math.floor(random() * random() * filmCount)];
    if (!film) continue;
    const r = random();
    const item: HistoryItem = {
      id: 0,
      watched_at: r < 0.005 ? UNKNOWN_DATE : randomTime(),
      action: r > 0.95 ? "scrobble" : r > 0.93 ? "checkin" : "watch",
      type: "movie",
      movie: film,
    };
    if (r > 0.998) item.hidden = true;
    history.push(item);
  }
  history.push(...episodePlays(opts.episodePlays ?? 0, random, randomTime));
  history.sort((a, b) => (a.watched_at < b.watched_at ? -1 : a.watched_at > b.watched_at ? 1 : 0));
  history.forEach((item, i) => (item.id = 8_000_000_000 + i));

  const ratings: RatingItem[] = [];
  for (let i = 0; i < opts.ratings; i++) {
    const film = films[i] ?? newFilm(); // beyond the played films: rated, never played
    ratings.push({ rated_at: randomTime(), rating: 1 + Math.floor(random() * 10), type: "movie", movie: film });
  }

  const watchlist: WatchlistItem[] = [];
  for (let i = 0; i < opts.watchlist; i++) {
    watchlist.push({ rank: i + 1, id: 7_000_000 + i, listed_at: randomTime(), notes: null, type: "movie", movie: newFilm() });
  }

  const reviews: ReviewItem[] = [];
  for (let i = 0; i < Math.floor(opts.plays / 200); i++) {
    const film = films[Math.floor(random() * films.length)];
    if (!film) continue;
    const at = randomTime();
    reviews.push({
      type: "movie",
      comment: { id: 600_000 + i, parent_id: 0, comment: `Review ${i}, "generated".`, spoiler: false, review: true, created_at: at, updated_at: at, replies: 0, likes: 0, user_rating: null },
      movie: film,
    });
  }

  const settings: UserSettings = {
    user: { username: "sandbox-sam", private: false, name: "Sam Sandbox", vip: true, vip_ep: false, ids: { slug: "sandbox-sam" }, joined_at: "2015-06-01T10:00:00.000Z", location: null, about: null },
    account: { timezone: "Europe/Berlin", date_format: "dmy", time_24hr: true, cover_image: null },
  };
  const lists = [0, 1].map((n) => generatedList(settings, n, films.slice(n * 100, n * 100 + 100)));
  const user = finishUser({ settings, history, ratings, watchlist, collection: [], lists, reviews });
  return { users: [user], catalog: catalog.entries };
}

function episodePlays(count: number, random: () => number, randomTime: () => string): EpisodeHistoryItem[] {
  const items: EpisodeHistoryItem[] = [];
  const shows: Show[] = Array.from({ length: Math.max(1, Math.ceil(count / 200)) }, (_, i) => ({
    title: `Generated Show ${i + 1}`,
    year: 2000 + (i % 25),
    ids: { trakt: 50_000 + i, slug: `generated-show-${i + 1}`, tvdb: null, imdb: null, tmdb: null },
  }));
  for (let i = 0; i < count; i++) {
    const show = shows[Math.floor(random() * shows.length)] ?? shows[0];
    if (!show) break;
    items.push({
      id: 0,
      watched_at: randomTime(),
      action: "watch",
      type: "episode",
      episode: { season: 1 + (i % 5), number: 1 + (i % 12), title: `Episode ${i + 1}`, ids: { trakt: 900_000 + i, tvdb: null, imdb: null, tmdb: null } },
      show,
    });
  }
  return items;
}

function generatedList(settings: UserSettings, n: number, films: Movie[]): SandboxList {
  const items: ListItem[] = films.map((movie, i) => ({ rank: i + 1, id: 9_000_000 + n * 1000 + i, listed_at: "2024-01-01T00:00:00.000Z", notes: null, type: "movie", movie }));
  const { username, private: isPrivate, name, vip, vip_ep, ids } = settings.user;
  return {
    list: {
      name: `Generated list ${n + 1}`,
      description: null,
      privacy: "public",
      share_link: `https://trakt.tv/lists/${9000 + n}`,
      type: "personal",
      display_numbers: true,
      allow_comments: true,
      sort_by: "rank",
      sort_how: "asc",
      created_at: "2024-01-01T00:00:00.000Z",
      updated_at: "2024-01-01T00:00:00.000Z",
      item_count: items.length,
      comment_count: 0,
      likes: 0,
      ids: { trakt: 9000 + n, slug: `generated-list-${n + 1}` },
      user: { username, private: isPrivate, name, vip, vip_ep, ids },
    },
    items,
  };
}
