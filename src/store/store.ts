import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import type BetterSqlite3 from "better-sqlite3";
import { DummyDriver, Kysely, SqliteAdapter, SqliteIntrospector, SqliteQueryCompiler, type Compilable } from "kysely";
import { StoreError } from "../errors.js";
import { migrate } from "./migrations.js";
import type { StoreSchema } from "./schema.js";

export interface OpenStoreOptions {
  /** Epoch milliseconds, for the times the store records (syncs, exports, cache). Default `Date.now`. */
  now?: () => number;
}

/**
 * The local store: one SQLite file. Queries are built with kysely (typed against
 * StoreSchema) but only compiled by it and run synchronously by better-sqlite3, so a
 * transaction is one synchronous function: no `await` can fall inside it and let
 * another sync task's writes interleave.
 */
export class Store {
  /** A query builder that never executes: pass what it builds to `all`, `first` or `run`. */
  readonly q: Kysely<StoreSchema>;
  private readonly statements = new Map<string, BetterSqlite3.Statement>();

  constructor(
    readonly db: BetterSqlite3.Database,
    readonly path: string,
    readonly now: () => number,
  ) {
    this.q = new Kysely<StoreSchema>({
      dialect: {
        createAdapter: () => new SqliteAdapter(),
        createDriver: () => new DummyDriver(),
        createIntrospector: (kysely) => new SqliteIntrospector(kysely),
        createQueryCompiler: () => new SqliteQueryCompiler(),
      },
    });
  }

  /** A cached prepared statement, for bulk writes in a loop. */
  prepare(sql: string): BetterSqlite3.Statement {
    let statement = this.statements.get(sql);
    if (statement === undefined) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  all<O>(query: Compilable<O>): O[] {
    const { sql, parameters } = query.compile();
    return this.prepare(sql).all(...(parameters as unknown[])) as O[];
  }

  /** Rows one at a time: a big table is never an array of raw rows beside what the caller makes of them. */
  *iterate<O>(query: Compilable<O>): Generator<O> {
    const { sql, parameters } = query.compile();
    // A statement being iterated is busy, so it is not the cached one another caller may run meanwhile.
    yield* this.db.prepare(sql).iterate(...(parameters as unknown[])) as IterableIterator<O>;
  }

  first<O>(query: Compilable<O>): O | undefined {
    const { sql, parameters } = query.compile();
    return this.prepare(sql).get(...(parameters as unknown[])) as O | undefined;
  }

  run(query: Compilable<unknown>): BetterSqlite3.RunResult {
    const { sql, parameters } = query.compile();
    return this.prepare(sql).run(...(parameters as unknown[]));
  }

  /** Runs `fn` in one transaction (nested calls become savepoints); a throw rolls it all back. */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  /**
   * Runs async `fn` in one transaction, for loading a file page by page: a failure or a
   * kill part-way leaves the store as it was. Nothing else may use this connection
   * meanwhile (the export lock sees to it for a data folder's store).
   */
  async transactionAsync<T>(fn: () => Promise<T>): Promise<T> {
    this.db.exec("BEGIN IMMEDIATE");
    try {
      const result = await fn();
      this.db.exec("COMMIT");
      return result;
    } catch (error) {
      if (this.db.inTransaction) this.db.exec("ROLLBACK");
      throw error;
    }
  }

  /** The store's clock as ISO-8601. */
  nowIso(): string {
    return new Date(this.now()).toISOString();
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

/**
 * Opens (creating and migrating as needed) the store at `path`. WAL journal with
 * `synchronous=NORMAL`: a killed process loses nothing committed; foreign keys on.
 * Close it when done (`store.close()`).
 */
export function openStore(path: string, options: OpenStoreOptions = {}): Store {
  // ":memory:": a store for one run that keeps nothing (export --from without --incremental).
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  let db: BetterSqlite3.Database;
  try {
    db = new Database(path);
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = NORMAL");
    db.pragma("foreign_keys = ON");
    db.pragma("busy_timeout = 5000");
    // SQLite's default here is 16 MB of page cache; the store is read and written in whole
    // sweeps that gain little from it, and an export's peak memory counts every MB.
    db.pragma("cache_size = -4000");
  } catch (error) {
    throw new StoreError(`Cannot open the store ${path}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  try {
    migrate(db);
  } catch (error) {
    db.close();
    if (error instanceof StoreError) throw error;
    throw new StoreError(`Cannot migrate the store ${path}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  return new Store(db, path, options.now ?? Date.now);
}
