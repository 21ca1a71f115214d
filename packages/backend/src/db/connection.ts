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
   * Runs `fn` inside a `BEGIN IMMEDIATE` transaction: the write lock is taken before anything is
   * read, so check-then-write cannot interleave with another writer, in this process or another.
   * Writes asked for in the same turn of the event loop share one transaction (a group commit),
   * each in a savepoint of its own: one that throws undoes only its own changes, and every
   * promise settles only after the commit. A busy database is retried with back-off and, if still
   * busy, answered 503 BUSY. `durable` commits with `synchronous=FULL`, for writes that must
   * survive a power cut.
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

/** What the connection counts; the server exports it as a metric. */
export interface DbMetrics {
  /** A write found the database locked by another connection and will be tried again. */
  busyRetry(): void;
}

interface QueuedWrite {
  fn: () => unknown;
  durable: boolean;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/** Writes per transaction at most, so one commit never keeps a long queue waiting. */
const MAX_BATCH = 256;

function busyError(): AppError {
  return new AppError(
    'BUSY',
    'The box office is very busy right now. Please try again in a moment.',
    undefined,
    1,
  );
}

export interface OpenOptions {
  /**
   * Pages of WAL after which a commit checkpoints by itself. A server that runs the background
   * checkpointer raises it, keeping SQLite's own only as a safety net.
   */
  walAutocheckpointPages?: number;
  metrics?: DbMetrics;
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

  const { metrics } = options;
  const syncFull = sqlite.prepare('PRAGMA synchronous = FULL');
  const syncNormal = sqlite.prepare('PRAGMA synchronous = NORMAL');
  const dataVersion = sqlite.prepare<[], number>('PRAGMA data_version').pluck();

  // Called inside the batch's transaction, better-sqlite3 runs this one as a savepoint.
  const savepoint = sqlite.transaction((fn: () => unknown) => fn());
  const batchTransaction = sqlite.transaction((batch: QueuedWrite[]): Outcome[] =>
    batch.map(({ fn }) => {
      try {
        return { ok: true, value: savepoint(fn) };
      } catch (error) {
        // Busy means the whole transaction lost its lock: it is retried as one.
        if (isBusyError(error)) throw error;
        return { ok: false, error };
      }
    }),
  );

  function attempt(batch: QueuedWrite[], durable: boolean): Outcome[] {
    if (!durable) return batchTransaction.immediate(batch);
    syncFull.run();
    try {
      return batchTransaction.immediate(batch);
    } finally {
      syncNormal.run();
    }
  }

  async function commit(batch: QueuedWrite[]): Promise<void> {
    const durable = batch.some((write) => write.durable);
    for (let retry = 0; ; retry += 1) {
      let outcomes: Outcome[];
      try {
        outcomes = attempt(batch, durable);
      } catch (error) {
        if (isBusyError(error) && retry < busy.retries) {
          metrics?.busyRetry();
          const ceiling = Math.min(busy.maxDelayMs, busy.baseDelayMs * 2 ** retry);
          await delay(ceiling / 2 + Math.random() * (ceiling / 2));
          continue;
        }
        const failure = isBusyError(error) ? busyError() : error;
        for (const write of batch) write.reject(failure);
        return;
      }
      outcomes.forEach((outcome, i) => {
        const write = batch[i];
        if (!write) return;
        if (outcome.ok) write.resolve(outcome.value);
        else write.reject(outcome.error);
      });
      return;
    }
  }

  const queue: QueuedWrite[] = [];
  let flushScheduled = false;
  function flush(): void {
    flushScheduled = false;
    const batch = queue.splice(0, MAX_BATCH);
    if (queue.length > 0) scheduleFlush();
    void commit(batch);
  }
  function scheduleFlush(): void {
    if (flushScheduled) return;
    flushScheduled = true;
    setImmediate(flush);
  }

  return {
    sqlite,
    write<T>(fn: () => T, options?: { durable?: boolean }) {
      return new Promise<T>((resolve, reject) => {
        queue.push({
          fn,
          durable: options?.durable ?? false,
          resolve: resolve as (value: unknown) => void,
          reject,
        });
        scheduleFlush();
      });
    },
    savepoint(fn) {
      // better-sqlite3 runs a transaction function called inside another as a savepoint.
      if (!sqlite.inTransaction) throw new Error('savepoint outside a write transaction');
      return savepoint(fn) as ReturnType<typeof fn>;
    },
    dataVersion() {
      return dataVersion.get() ?? 0;
    },
    close() {
      if (sqlite.open) sqlite.close();
    },
  };
}
