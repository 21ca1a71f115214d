import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { AppError } from '../lib/app-error.js';

export type Sqlite = Database.Database;

/** How a write waits for another process that holds SQLite's single write lock. */
export interface BusyRetryPolicy {
  /** SQLite's own busy handler: a short blocking wait inside the driver. */
  busyTimeoutMs: number;
  /** Further attempts after that, each after an async back-off that leaves the event loop free. */
  retries: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_BUSY_RETRY: BusyRetryPolicy = {
  busyTimeoutMs: 5,
  retries: 12,
  baseDelayMs: 2,
  maxDelayMs: 250,
};

export interface Db {
  readonly sqlite: Sqlite;
  /**
   * Runs `fn` in one `BEGIN IMMEDIATE` transaction: the write lock is taken before anything is
   * read, so check-then-write cannot interleave with another writer, in this process or another.
   * A busy database is retried with back-off and, if still busy, answered 503 BUSY.
   * `durable` commits with `synchronous=FULL`, for writes that must survive a power cut.
   */
  write<T>(fn: () => T, options?: { durable?: boolean }): Promise<T>;
  /**
   * Runs `fn` as a savepoint inside the current `write`: if it throws, only its own changes are
   * undone, and the transaction goes on to record the outcome.
   */
  savepoint<T>(fn: () => T): T;
  /** Changes whenever another connection (another process) commits to the file. */
  dataVersion(): number;
  close(): void;
}

export function isBusyError(error: unknown): boolean {
  return (
    error instanceof Database.SqliteError &&
    (error.code.startsWith('SQLITE_BUSY') || error.code.startsWith('SQLITE_LOCKED'))
  );
}

export interface OpenOptions {
  /**
   * Pages of WAL after which a commit checkpoints by itself. A server that runs the background
   * checkpointer raises it, keeping SQLite's own only as a safety net.
   */
  walAutocheckpointPages?: number;
}

export function openDatabase(
  file: string,
  busy: BusyRetryPolicy = DEFAULT_BUSY_RETRY,
  options: OpenOptions = {},
): Db {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new Database(file);
  // Switching a new file to WAL needs a lock another starting process may hold for a moment.
  sqlite.pragma('busy_timeout = 10000');
  sqlite.pragma('journal_mode = WAL');
  // With WAL, NORMAL never corrupts and survives a killed process; bookings ask for FULL.
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  if (options.walAutocheckpointPages !== undefined) {
    sqlite.pragma(`wal_autocheckpoint = ${options.walAutocheckpointPages}`);
  }
  sqlite.pragma(`busy_timeout = ${busy.busyTimeoutMs}`);

  const immediate = sqlite.transaction((fn: () => unknown) => fn());
  const syncFull = sqlite.prepare('PRAGMA synchronous = FULL');
  const syncNormal = sqlite.prepare('PRAGMA synchronous = NORMAL');
  const dataVersion = sqlite.prepare<[], number>('PRAGMA data_version').pluck();

  function attempt<T>(fn: () => T, durable: boolean): T {
    if (!durable) return immediate.immediate(fn) as T;
    syncFull.run();
    try {
      return immediate.immediate(fn) as T;
    } finally {
      syncNormal.run();
    }
  }

  return {
    sqlite,
    async write(fn, options) {
      const durable = options?.durable ?? false;
      for (let retry = 0; ; retry += 1) {
        try {
          return attempt(fn, durable);
        } catch (error) {
          if (!isBusyError(error)) throw error;
          if (retry >= busy.retries) {
            throw new AppError(
              'BUSY',
              'The box office is very busy right now. Please try again in a moment.',
              503,
              undefined,
              1,
            );
          }
          const ceiling = Math.min(busy.maxDelayMs, busy.baseDelayMs * 2 ** retry);
          await delay(ceiling / 2 + Math.random() * (ceiling / 2));
        }
      }
    },
    savepoint(fn) {
      // better-sqlite3 runs a transaction function called inside another as a savepoint.
      if (!sqlite.inTransaction) throw new Error('savepoint outside a write transaction');
      return immediate(fn) as ReturnType<typeof fn>;
    },
    dataVersion() {
      return dataVersion.get() ?? 0;
    },
    close() {
      if (sqlite.open) sqlite.close();
    },
  };
}
