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

  /** `plays`, in their order. */
  constructor(plays: Iterable<Play>) {
    let columns: [Float64Array, Float64Array, Float64Array] = [new Float64Array(1024), new Float64Array(1024), new Float64Array(1024)];
    let index = 0;
    for (const play of plays) {
      if (index === columns[0].length) columns = [grown(columns[0]), grown(columns[1]), grown(columns[2])];
      const ms = Date.parse(play.watchedAt);
      if (Number.isNaN(ms)) this.#unreadable.set(index, play.watchedAt);
      columns[0][index] = play.historyId;
      columns[1][index] = play.traktId;
      columns[2][index] = ms;
      index++;
    }
    this.length = index;
    [this.#historyIds, this.#traktIds, this.#watchedMs] = columns;
  }

  *[Symbol.iterator](): Generator<Play> {
    for (let index = 0; index < this.length; index++) {
      yield new StoredPlay(this.#historyIds[index] as number, this.#traktIds[index] as number, this.#watchedMs[index] as number, this.#unreadable.get(index));
    }
  }
}

/** `column` in one twice as long, for more plays than it holds. */
function grown(column: Float64Array): Float64Array {
  const longer = new Float64Array(column.length * 2);
  longer.set(column);
  return longer;
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
