import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import type BetterSqlite3 from "better-sqlite3";
import { StoreError } from "../errors.js";
import { migrate } from "./migrations.js";

export interface OpenStoreOptions {
  /** Epoch milliseconds, for the times the store records (syncs, exports, cache). Default `Date.now`. */
  now?: () => number;
}

/**
 * The local store: one SQLite file, queried in plain SQL run synchronously by
 * better-sqlite3 (rows typed by the caller with the table types of schema.ts), so a
 * transaction is one synchronous function: no `await` can fall inside it and let
 * another sync task's writes interleave.
 */
export class Store {
  private readonly statements = new Map<string, BetterSqlite3.Statement>();

  constructor(
    readonly db: BetterSqlite3.Database,
    readonly path: string,
    readonly now: () => number,
  ) {}

  /** A cached prepared statement, for bulk writes in a loop. */
  prepare(sql: string): BetterSqlite3.Statement {
    let statement = this.statements.get(sql);
    if (statement === undefined) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  /** Every row of `sql`, as the type the caller names (a table type of schema.ts, or a pick of one). */
  all<R>(sql: string, ...parameters: unknown[]): R[] {
    return this.prepare(sql).all(...parameters) as R[];
  }

  /** Rows one at a time: a big table is never an array of raw rows beside what the caller makes of them. */
  *iterate<R>(sql: string, ...parameters: unknown[]): Generator<R> {
    // A statement being iterated is busy, so it is not the cached one another caller may run meanwhile.
    yield* this.db.prepare(sql).iterate(...parameters) as IterableIterator<R>;
  }

  /** The first row of `sql`, if any. */
  first<R>(sql: string, ...parameters: unknown[]): R | undefined {
    return this.prepare(sql).get(...parameters) as R | undefined;
  }

  run(sql: string, ...parameters: unknown[]): BetterSqlite3.RunResult {
    return this.prepare(sql).run(...parameters);
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
