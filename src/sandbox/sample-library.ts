import { CatalogBuilder, finishUser, iso, pick, prng, UNKNOWN_DATE } from "./library-builder.js";
import type {
  EpisodeHistoryItem,
  HistoryAction,
  ListItem,
  Movie,
  MovieAlias,
  MovieHistoryItem,
  PublicUser,
  RatingItem,
  ReviewItem,
  SandboxLibrary,
  SandboxList,
  Show,
  UserSettings,
  WatchlistItem,
} from "./library-types.js";

/**
 * The demo and test library: user `sandbox-sam` (public, Europe/Berlin) with a few
 * hundred plays over ten years and every hard case the export must handle (each
 * noted below), plus `private-pat`, a private profile with a tiny library.
 * Deterministic: fixed timestamps and a seeded PRNG, never the clock.
 */
export function sampleLibrary(): SandboxLibrary {
  const catalog = new CatalogBuilder();
  const sam = buildSam(catalog);
  const pat = buildPat(catalog);
  return { users: [sam, pat], catalog: catalog.entries };
}

const HISTORY_ID_BASE = 8_000_000_000;

function user(username: string, name: string, isPrivate: boolean, timezone: string): { settings: UserSettings; profile: PublicUser } {
  const profile: PublicUser = { username, private: isPrivate, name, vip: false, vip_ep: false, ids: { slug: username } };
  return {
    profile,
    settings: {
      user: { ...profile, joined_at: "2015-06-01T10:00:00.000Z", location: null, about: null },
      account: { timezone, date_format: "dmy", time_24hr: true, cover_image: null },
    },
  };
}

function play(movie: Movie, watchedAt: string, action: HistoryAction = "watch"): MovieHistoryItem {
  return { id: 0, watched_at: watchedAt, action, type: "movie", movie };
}

/** Trakt history ids grow with insertion; number plays oldest first (unknown dates first). */
function numberHistory(items: MovieHistoryItem[]): void {
  const ordered = [...items].sort((a, b) => (a.watched_at < b.watched_at ? -1 : a.watched_at > b.watched_at ? 1 : 0));
  ordered.forEach((item, i) => (item.id = HISTORY_ID_BASE + i));
}

function rating(movie: Movie, value: number, ratedAt: string): RatingItem {
  return { rated_at: ratedAt, rating: value, type: "movie", movie };
}

function review(id: number, movie: Movie, text: string, createdAt: string, userRating: number | null, spoiler = false): ReviewItem {
  return {
    type: "movie",
    comment: { id, parent_id: 0, comment: text, spoiler, review: true, created_at: createdAt, updated_at: createdAt, replies: 0, likes: 0, user_rating: userRating },
    movie,
  };
}

function show(trakt: number, title: string, year: number): Show {
  return { title, year, ids: { trakt, slug: `${title.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`, tvdb: trakt + 300_000, imdb: null, tmdb: trakt + 50_000 } };
}

const ADJECTIVES = ["Silent", "Crimson", "Last", "Hidden", "Golden", "Broken", "Distant", "Wild", "Quiet", "Burning", "Northern", "Paper", "Glass", "Midnight", "Lonely", "Electric"];
const NOUNS = ["Harbor", "Summer", "River", "Letters", "Orchard", "Station", "Garden", "Horizon", "Machine", "Winter", "Island", "Promise", "Circus", "Lighthouse", "Frontier", "Echo"];
const FIRST = ["Anna", "Jonas", "Maria", "Kenji", "Leila", "Tomás", "Ingrid", "Samuel", "Noor", "Pavel", "Chloé", "Daniel"];
const LAST = ["Berg", "Okafor", "Tanaka", "Moreau", "Alvarez", "Novak", "Haddad", "Lindqvist", "Costa", "Petrov", "Walsh", "Kim"];

function fillerFilm(catalog: CatalogBuilder, random: () => number, traktId: number, used: Set<string>): Movie {
  let title = `The ${pick(random, ADJECTIVES)} ${pick(random, NOUNS)}`;
  while (used.has(title)) title += " II";
  used.add(title);
  const year = 1955 + Math.floor(random() * 69);
  return catalog.add(traktId, title, year, `tt${String(1_000_000 + traktId * 37).padStart(7, "0")}`, 40_000 + traktId * 13, [
    `${pick(random, FIRST)} ${pick(random, LAST)}`,
  ]);
}

function buildSam(catalog: CatalogBuilder): ReturnType<typeof finishUser> {
  const { settings, profile } = user("sandbox-sam", "Sam Sandbox", false, "Europe/Berlin");
  const m = (id: number, title: string, year: number | null, imdb: string | null, tmdb: number | null, directors: string[], aliases: MovieAlias[] = []): Movie =>
    catalog.add(id, title, year, imdb, tmdb, directors, aliases);

  // Titles with a comma, double quotes, and non-Latin scripts (Japanese, Russian, Arabic).
  const crouchingTiger = m(1, "Crouching Tiger, Hidden Dragon", 2000, "tt0190332", 146, ["Ang Lee"], [{ title: "臥虎藏龍", country: "tw" }]);
  const crocodile = m(2, '"Crocodile" Dundee', 1986, "tt0090555", 9671, ["Peter Faiman"]);
  // Letterboxd knows four films by another title (LETTERBOXD_DIFFERENCES): Trakt's aliases
  // hold it, beside other countries' titles and one that Trakt serves with a null title.
  const spirited = m(3, "千と千尋の神隠し", 2001, "tt0245429", 129, ["宮崎駿"], [
    { title: "Spirited Away", country: "us" },
    { title: "Le Voyage de Chihiro", country: "fr" },
    { title: "Chihiros Reise ins Zauberland", country: "de" },
    { title: null, country: "jp" },
  ]);
  const stalker = m(4, "Сталкер", 1979, "tt0079944", 1398, ["Андрей Тарковский"], [
    { title: "Stalker", country: "us" },
    { title: "Stalker", country: "de" },
  ]);
  const wadjda = m(5, "وجدة", 2012, "tt2258858", 126079, ["هيفاء المنصور"]);
  // TMDb id but no IMDb id; IMDb id but no TMDb id.
  const kitchenSink = m(6, "Kitchen Sink Shorts", 2019, null, 812345, ["Ola Brandt"]);
  const festivalCut = m(7, "Festival Cut", 2017, "tt7654321", null, ["Rui Matsuda"]);
  // Neither id: Letterboxd must match these by title, year and director(s); the second has no year either.
  const grandpa = m(8, "Grandpa's Super 8 Reels", 1994, null, null, ["Harold Lindqvist", "Greta Lindqvist"]);
  const basement = m(9, "Untitled Basement Tape", null, null, null, ["Mira Okafor"]);
  const matrix = m(10, "The Matrix", 1999, "tt0133093", 603, ["Lana Wachowski", "Lilly Wachowski"]);
  const casablanca = m(11, "Casablanca", 1942, "tt0034583", 289, ["Michael Curtiz"]);
  const paddington = m(12, "Paddington 2", 2017, "tt4468740", 346648, ["Paul King"]);
  const beforeSunrise = m(13, "Before Sunrise", 1995, "tt0112471", 76, ["Richard Linklater"]);
  const nightOnEarth = m(14, "Night on Earth", 1991, "tt0102536", 339, ["Jim Jarmusch"]);
  const lola = m(15, "Lola rennt", 1998, "tt0130827", 104, ["Tom Tykwer"], [
    { title: "Run Lola Run", country: "us" },
    { title: "Cours, Lola, cours", country: "fr" },
  ]);
  const wings = m(16, "Der Himmel über Berlin", 1987, "tt0093191", 144, ["Wim Wenders"], [
    { title: "Wings of Desire", country: "us" },
    { title: "Les Ailes du désir", country: "fr" },
  ]);
  const pastLives = m(17, "Past Lives", 2023, "tt13238346", 666277, ["Celine Song"]);
  const oppenheimer = m(18, "Oppenheimer", 2023, "tt15398776", 872585, ["Christopher Nolan"]);
  const lawrence = m(19, "Lawrence of Arabia", 1962, "tt0056172", 947, ["David Lean"]);
  const cats = m(20, "Cats", 2019, "tt5697572", 536869, ["Tom Hooper"]);
  const theRoom = m(21, "The Room", 2003, "tt0368226", 17473, ["Tommy Wiseau"]);
  const metropolis = m(22, "Metropolis", 1927, "tt0017136", 19, ["Fritz Lang"]);
  const dune2 = m(23, "Dune: Part Two", 2024, "tt15239678", 693134, ["Denis Villeneuve"]);

  const history: MovieHistoryItem[] = [
    play(crouchingTiger, "2017-05-20T19:00:00.000Z"),
    play(crocodile, "2018-08-11T18:30:00.000Z"),
    // Rewatch years apart, in a non-Latin title.
    play(spirited, "2016-01-10T16:00:00.000Z"),
    play(spirited, "2022-04-03T15:00:00.000Z"),
    play(stalker, "2019-11-02T20:00:00.000Z"),
    play(wadjda, "2021-03-08T19:30:00.000Z"),
    play(kitchenSink, "2020-05-01T20:00:00.000Z"),
    play(festivalCut, "2018-02-17T21:00:00.000Z"),
    play(grandpa, "2019-07-14T17:00:00.000Z"),
    play(basement, "2023-09-09T20:00:00.000Z"),
    // Unknown-date play of a film that also has dated plays (rewatches years apart).
    play(matrix, UNKNOWN_DATE),
    play(matrix, "2016-03-04T20:00:00.000Z"),
    play(matrix, "2023-03-31T19:00:00.000Z"),
    // A film whose only plays are of unknown date (two of them).
    play(casablanca, UNKNOWN_DATE),
    play(casablanca, UNKNOWN_DATE),
    // Several plays of one film on one local day (Christmas 2019 in Berlin).
    play(paddington, "2019-12-25T08:30:00.000Z"),
    play(paddington, "2019-12-25T13:00:00.000Z"),
    play(paddington, "2019-12-25T19:45:00.000Z"),
    // Rewatches five years apart.
    play(beforeSunrise, "2015-08-14T19:00:00.000Z"),
    play(beforeSunrise, "2020-02-14T19:00:00.000Z"),
    play(beforeSunrise, "2025-02-14T19:00:00.000Z"),
    // Near local midnight: the 15th in UTC, the 16th in Berlin.
    play(nightOnEarth, "2024-03-15T23:30:00.000Z"),
    // Across the spring DST change (2024-03-31): Mar 30 23:45 CET, then Apr 1 00:15 CEST.
    play(lola, "2024-03-30T22:45:00.000Z"),
    play(lola, "2024-03-31T22:15:00.000Z"),
    // Across the autumn DST change (2024-10-27): 00:30 CEST and 23:30 CET are both Oct 27
    // in Berlin, so one diary row; any fixed offset splits them into two days.
    play(wings, "2024-10-26T22:30:00.000Z"),
    play(wings, "2024-10-27T22:30:00.000Z"),
    // A checkin and scrobbles (all count as plays).
    play(pastLives, "2023-06-10T18:00:00.000Z", "checkin"),
    play(oppenheimer, "2023-07-21T19:00:00.000Z", "scrobble"),
    // Near midnight in summer time: the 10th in UTC, the 11th in Berlin.
    play(oppenheimer, "2024-07-10T22:15:00.000Z", "scrobble"),
    play(dune2, "2024-03-02T19:00:00.000Z"),
  ];

  // Every rating 1–10 at least once; Lawrence, Cats and The Room are rated but never played.
  const ratings: RatingItem[] = [
    rating(cats, 1, "2020-01-05T21:00:00.000Z"),
    rating(theRoom, 2, "2019-04-01T22:00:00.000Z"),
    rating(grandpa, 3, "2019-07-14T19:00:00.000Z"),
    rating(festivalCut, 4, "2018-02-17T23:00:00.000Z"),
    rating(kitchenSink, 5, "2020-05-01T21:40:00.000Z"),
    rating(crocodile, 6, "2018-08-11T20:30:00.000Z"),
    rating(wadjda, 7, "2021-03-08T21:30:00.000Z"),
    rating(crouchingTiger, 8, "2017-05-20T21:05:00.000Z"),
    rating(stalker, 9, "2019-11-02T23:00:00.000Z"),
    rating(spirited, 10, "2022-04-03T17:00:00.000Z"),
    rating(matrix, 9, "2023-03-31T21:30:00.000Z"),
    rating(casablanca, 10, "2016-02-01T12:00:00.000Z"),
    rating(paddington, 8, "2019-12-25T22:00:00.000Z"),
    rating(beforeSunrise, 9, "2025-02-14T21:00:00.000Z"),
    rating(nightOnEarth, 8, "2024-03-16T10:00:00.000Z"),
    rating(lola, 7, "2024-04-01T08:00:00.000Z"),
    rating(wings, 10, "2024-10-28T08:00:00.000Z"),
    rating(pastLives, 8, "2023-06-10T21:00:00.000Z"),
    rating(oppenheimer, 7, "2024-07-11T08:00:00.000Z"),
    rating(lawrence, 9, "2021-12-24T15:00:00.000Z"),
  ];

  const reviews: ReviewItem[] = [
    // Two reviews of a played film: the later one is the review that counts.
    review(600_001, matrix, "First watch in years. Still holds up, though the sequels cast a long shadow over it.", "2016-03-05T09:00:00.000Z", 8),
    review(600_002, matrix, "Rewatched on a big screen. The lobby scene is pure choreography; the ideas age better than the effects.", "2023-04-01T09:00:00.000Z", 9),
    // On a rated film that was never played.
    review(600_003, theRoom, "So bad it loops back around. Watched at a midnight screening I never logged.", "2019-04-01T22:10:00.000Z", 2),
    // On a film neither played nor rated.
    review(600_004, metropolis, "Saw the restored cut once at a festival; the city sets are unmatched.", "2020-09-12T10:00:00.000Z", null),
    // Comma, double quotes and a newline in one review (CSV quoting).
    review(600_005, crouchingTiger, 'Wire-work, "wuxia" and heartbreak.\nSecond paragraph, with commas, and a "quoted" line.', "2017-05-21T08:00:00.000Z", 8, true),
  ];

  // Filler: about 300 more plays of seeded films over ten years, some films rewatched.
  const random = prng(20150601);
  const used = new Set<string>();
  const fillers: Movie[] = [];
  for (let id = 101; id <= 250; id++) fillers.push(fillerFilm(catalog, random, id, used));
  const start = Date.parse("2015-07-01T00:00:00.000Z");
  const span = Date.parse("2025-06-20T00:00:00.000Z") - start;
  const fillerPlays: MovieHistoryItem[] = [];
  for (let i = 0; i < 310; i++) {
    const film = random() < 0.3 ? pick(random, fillers.slice(0, 20)) : pick(random, fillers);
    const minute = Math.floor((random() * span) / 60_000);
    const r = random();
    const action: HistoryAction = r < 0.07 ? "scrobble" : r < 0.1 ? "checkin" : "watch";
    fillerPlays.push(play(film, iso(start + minute * 60_000), action));
  }
  // Hidden items: they count in paging but are not served, so page 1 of history at
  // limit=250 is short while page 2 follows (see pagination.ts).
  const newestFillers = [...fillerPlays].sort((a, b) => (a.watched_at < b.watched_at ? 1 : -1));
  for (const index of [5, 60, 140]) {
    const item = newestFillers[index];
    if (item) item.hidden = true;
  }
  history.push(...fillerPlays);
  const rated = new Set(ratings.map((r) => r.movie.ids.trakt));
  for (const film of fillers) {
    if (random() < 0.5 || rated.has(film.ids.trakt)) continue;
    ratings.push(rating(film, 1 + Math.floor(random() * 10), iso(start + Math.floor(random() * span / 60_000) * 60_000)));
  }
  numberHistory(history);

  // A watchlist of 30 films; listed_at is not in rank order, the endpoint serves rank order.
  const watchlist: WatchlistItem[] = [];
  const shoplifters = catalog.add(301, "万引き家族", 2018, "tt8075192", 505192, ["是枝裕和"]);
  const leviathan = catalog.add(302, "Левиафан", 2014, "tt2802154", 265189, ["Андрей Звягинцев"]);
  const watchFilms = [shoplifters, leviathan];
  for (let id = 303; id <= 330; id++) watchFilms.push(fillerFilm(catalog, random, id, used));
  watchFilms.forEach((film, i) => {
    watchlist.push({
      rank: i + 1,
      id: 7_000_000 + i,
      listed_at: iso(Date.parse("2018-01-01T12:00:00.000Z") + Math.floor(random() * 7 * 365) * 86_400_000),
      notes: i === 0 ? "Recommended by Kenji, \"the best one\"" : null,
      type: "movie",
      movie: film,
    });
  });

  const lists = samLists(profile, { dune2, nightOnEarth, lola, wings, oppenheimer, paddington, beforeSunrise, spirited, casablanca });

  const collection = [matrix, spirited, casablanca, stalker, wings].map((movie, i) => ({
    collected_at: iso(Date.parse("2017-01-01T12:00:00.000Z") + i * 90 * 86_400_000),
    updated_at: iso(Date.parse("2017-01-01T12:00:00.000Z") + i * 90 * 86_400_000),
    movie,
  }));

  const { episodeHistory, ...shows } = samShows();
  return finishUser({ settings, history: [...history, ...episodeHistory], ratings, watchlist, collection, lists, reviews, ...shows });
}

function episode(showTrakt: number, season: number, number: number, title: string): EpisodeHistoryItem["episode"] {
  const trakt = showTrakt * 1000 + season * 100 + number;
  return { season, number, title, ids: { trakt, tvdb: trakt + 7, imdb: null, tmdb: trakt + 3 } };
}

/**
 * Sam's shows (for `backup` and `--include-shows`): episode plays with several episodes
 * of one show on one Berlin evening (one with a play after local midnight, so on the next
 * day), a rewatch, ratings of a show, a season and an episode, a show on the watchlist, a
 * collected show and comments that are not film reviews (a film shout must not become one).
 */
function samShows(): Omit<Parameters<typeof finishUser>[0], "settings" | "history" | "ratings" | "watchlist" | "collection" | "lists" | "reviews"> & { episodeHistory: EpisodeHistoryItem[] } {
  const shogun = show(158899, "Shōgun", 2024);
  const frasier = show(1389, "Frasier", 1993);
  const severance = show(154997, "Severance", 2022);
  const ep = (s: Show, e: EpisodeHistoryItem["episode"], watchedAt: string): EpisodeHistoryItem => ({ id: 0, watched_at: watchedAt, action: "watch", type: "episode", episode: e, show: s });
  const episodeHistory = [
    // Three episodes on 2024-03-02 in Berlin, the third at 23:40 local; the fourth after local midnight (the 3rd).
    ep(shogun, episode(158899, 1, 1, "Anjin"), "2024-03-02T18:00:00.000Z"),
    ep(shogun, episode(158899, 1, 2, "Servants of Two Masters"), "2024-03-02T19:10:00.000Z"),
    ep(shogun, episode(158899, 1, 3, "Tomorrow Is Tomorrow"), "2024-03-02T22:40:00.000Z"),
    ep(shogun, episode(158899, 1, 4, "The Eightfold Fence"), "2024-03-02T23:30:00.000Z"),
    // A rewatch of the pilot years later, with the next episode the same day.
    ep(frasier, episode(1389, 1, 1, "The Good Son"), "2019-05-01T19:00:00.000Z"),
    ep(frasier, episode(1389, 1, 1, "The Good Son"), "2023-01-15T19:00:00.000Z"),
    ep(frasier, episode(1389, 1, 2, "Space Quest"), "2023-01-15T19:30:00.000Z"),
  ];
  [...episodeHistory].sort((a, b) => (a.watched_at < b.watched_at ? -1 : 1)).forEach((item, i) => (item.id = HISTORY_ID_BASE + 700_000 + i));
  const shout = (id: number, text: string, createdAt: string) => ({
    id, parent_id: 0, comment: text, spoiler: false, review: false as const, created_at: createdAt, updated_at: createdAt, replies: 0, likes: 0, user_rating: null,
  });
  return {
    episodeHistory,
    showRatings: [{ rated_at: "2024-04-30T20:00:00.000Z", rating: 9, type: "show", show: shogun }],
    seasonRatings: [{ rated_at: "2024-04-30T20:05:00.000Z", rating: 8, type: "season", season: { number: 1, ids: { trakt: 1588991, tvdb: null, tmdb: null } }, show: shogun }],
    episodeRatings: [{ rated_at: "2023-01-15T21:00:00.000Z", rating: 10, type: "episode", episode: episode(1389, 1, 1, "The Good Son"), show: frasier }],
    showWatchlist: [{ rank: 1, id: 7_800_001, listed_at: "2024-09-01T12:00:00.000Z", notes: "Everyone says so", type: "show", show: severance }],
    showCollection: [
      {
        last_collected_at: "2020-01-01T12:00:00.000Z",
        last_updated_at: "2020-01-01T12:00:00.000Z",
        show: frasier,
        seasons: [{ number: 1, episodes: [1, 2].map((number) => ({ number, collected_at: "2020-01-01T12:00:00.000Z", metadata: {} })) }],
      },
    ],
    otherComments: [
      { type: "show", comment: shout(600_201, "Best thing on TV this year.", "2024-04-30T20:10:00.000Z"), show: shogun },
      // A shout on a film, not a review: never a Review cell.
      { type: "movie", comment: shout(600_202, "Again!", "2023-04-02T09:00:00.000Z"), movie: { title: "The Matrix", year: 1999, ids: { trakt: 10, slug: "the-matrix-1999", imdb: "tt0133093", tmdb: 603 } } },
    ],
  };
}

function listOf(profile: PublicUser, trakt: number, name: string, slug: string, description: string, items: ListItem[], updatedAt: string): SandboxList {
  return {
    list: {
      name,
      description,
      privacy: "public",
      share_link: `https://trakt.tv/lists/${trakt}`,
      type: "personal",
      display_numbers: true,
      allow_comments: true,
      sort_by: "rank",
      sort_how: "asc",
      created_at: "2024-01-02T10:00:00.000Z",
      updated_at: updatedAt,
      item_count: items.length,
      comment_count: 0,
      likes: 0,
      ids: { trakt, slug },
      user: profile,
    },
    items,
  };
}

function samLists(profile: PublicUser, f: Record<string, Movie>): SandboxList[] {
  const item = (rank: number, movie: Movie | undefined, notes: string | null = null): ListItem => {
    if (!movie) throw new Error("sample list refers to an unknown film");
    return { rank, id: 9_100_000 + rank * 10 + movie.ids.trakt, listed_at: "2024-12-30T12:00:00.000Z", notes, type: "movie", movie };
  };
  // Shows sit among the films: served by /items and /items/show, never by /items/movie.
  const showItem = (rank: number, s: Show, notes: string | null = null): ListItem => ({
    rank,
    id: 9_200_000 + rank,
    listed_at: "2024-12-30T12:00:00.000Z",
    notes,
    type: "show",
    show: s,
  });
  const best = listOf(
    profile,
    9001,
    "Best of 2024",
    "best-of-2024",
    "What I loved watching in 2024.",
    [item(1, f.wings), item(2, f.dune2), showItem(3, show(158899, "Shōgun", 2024)), item(4, f.nightOnEarth), item(5, f.lola), item(6, f.oppenheimer)],
    "2024-12-31T18:00:00.000Z",
  );
  // Notes on items (with commas and quotes): they become the list CSV's Review column.
  const comfort = listOf(
    profile,
    9002,
    "Comfort Films, Vol. 1",
    "comfort-films",
    "Rainy-day films.",
    [
      item(1, f.paddington, 'Christmas, every year. "Marmalade!"'),
      item(2, f.beforeSunrise, "Vienna, 1995"),
      showItem(3, show(1389, "Frasier", 1993), "Not a film, but it belongs here"),
      item(4, f.spirited),
      item(5, f.casablanca, "Here's looking at you, kid."),
    ],
    "2025-03-01T09:00:00.000Z",
  );
  return [best, comfort];
}

function buildPat(catalog: CatalogBuilder): ReturnType<typeof finishUser> {
  const { settings } = user("private-pat", "Pat Private", true, "America/New_York");
  const amelie = catalog.add(41, "Le Fabuleux Destin d'Amélie Poulain", 2001, "tt0211915", 194, ["Jean-Pierre Jeunet"]);
  const heat = catalog.add(42, "Heat", 1995, "tt0113277", 949, ["Michael Mann"]);
  const alien = catalog.add(43, "Alien", 1979, "tt0078748", 348, ["Ridley Scott"]);
  const history = [
    play(amelie, "2021-02-14T01:30:00.000Z"),
    play(heat, "2022-06-01T02:00:00.000Z"),
    play(heat, "2024-11-20T03:15:00.000Z"),
  ];
  history.forEach((item, i) => (item.id = HISTORY_ID_BASE + 900_000 + i));
  return finishUser({
    settings,
    history,
    ratings: [rating(amelie, 8, "2021-02-14T04:00:00.000Z"), rating(heat, 9, "2024-11-20T06:00:00.000Z")],
    watchlist: [{ rank: 1, id: 7_900_001, listed_at: "2023-01-01T12:00:00.000Z", notes: null, type: "movie", movie: alien }],
    collection: [],
    lists: [],
    reviews: [review(600_101, heat, "The diner scene alone.", "2024-11-20T06:05:00.000Z", 9)],
  });
}
