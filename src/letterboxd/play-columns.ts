import type { Play, Plays } from "./library.js";

/**
 * Plays held as three columns of numbers, 24 bytes a play: a 100K-play history is 2.4 MB
 * instead of 100K objects with their time strings (~15 MB), and each pass over it (bulk
 * instants, then the diary) costs a few milliseconds, where reading the rows from SQLite
 * again cost ~200 ms. Each pass makes its Play objects afresh (they die young), their
 * times already parsed (`watchedMs`, see playInstant).
 */
export class PlayColumns implements Plays {
  readonly length: number;
  readonly #historyIds: Float64Array;
  readonly #traktIds: Float64Array;
  readonly #watchedMs: Float64Array;
  /** Times Date.parse cannot read, by index, kept as they came so the warning can quote them. */
  readonly #unreadable = new Map<number, string>();

  /** `plays` in their order; `count` is their number (the store's COUNT), a bound on what is kept. */
  constructor(plays: Iterable<Play>, count: number) {
    this.#historyIds = new Float64Array(count);
    this.#traktIds = new Float64Array(count);
    this.#watchedMs = new Float64Array(count);
    let index = 0;
    for (const play of plays) {
      if (index === count) break;
      const ms = Date.parse(play.watchedAt);
      if (Number.isNaN(ms)) this.#unreadable.set(index, play.watchedAt);
      this.#historyIds[index] = play.historyId;
      this.#traktIds[index] = play.traktId;
      this.#watchedMs[index] = ms;
      index++;
    }
    this.length = index;
  }

  *[Symbol.iterator](): Generator<Play> {
    for (let index = 0; index < this.length; index++) {
      yield new StoredPlay(this.#historyIds[index] as number, this.#traktIds[index] as number, this.#watchedMs[index] as number, this.#unreadable.get(index));
    }
  }
}

/** A play as PlayColumns gives it: its time parsed (`watchedMs`), its text made only when asked for. */
class StoredPlay implements Play {
  constructor(
    readonly historyId: number,
    readonly traktId: number,
    readonly watchedMs: number,
    readonly unreadableText: string | undefined,
  ) {}

  get watchedAt(): string {
    // The store keeps every time in this one form (trakt/schemas.ts `timestamp`), so this is the text it held.
    return this.unreadableText ?? new Date(this.watchedMs).toISOString();
  }
}
