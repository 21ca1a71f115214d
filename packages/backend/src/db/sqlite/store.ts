import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { AppError } from '../../lib/app-error.js';
import type { Logger } from '../../observability/logger.js';
import type { Repositories, Store, Transaction, WriteOptions } from '../store.js';
import { createBookingsRepo } from './bookings-repo.js';
import { pollingChangeFeed } from './change-feed.js';
import { createConcertsRepo } from './concerts-repo.js';
import { isBusyError, type Sqlite } from './driver.js';
import { createHoldsRepo } from './holds-repo.js';
import { createIdempotencyRepo } from './idempotency-repo.js';
import { LATEST_SCHEMA_VERSION, migrate, schemaVersion } from './migrate.js';
import { createOrganizerRepo } from './organizer-repo.js';
import { createSessionsRepo } from './sessions-repo.js';
import { startWalCheckpointer } from './wal-checkpoint.js';

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

/** What the store counts; the server exports it as a metric. */
export interface DbMetrics {
  /** A write found the database locked by another connection and will be tried again. */
  busyRetry(): void;
}

export interface OpenOptions {
  metrics?: DbMetrics;
  /**
   * Copy the WAL back into the file from a worker thread (see `wal-checkpoint.ts`), keeping
   * SQLite's own checkpoint, at 20,000 pages (80 MB), only as a safety net: for a server.
   */
  checkpointer?: { logger: Logger };
  /** How often to look for commits of other processes. */
  changePollMs?: number;
}

/** The store on one SQLite file; `sqlite` is there for its own tools and tests. */
export interface SqliteStore extends Store {
  readonly sqlite: Sqlite;
}

interface QueuedWrite {
  fn: (tx: Transaction) => Promise<unknown>;
  durable: boolean;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

type Outcome =
  { ok: true; value: unknown; afterCommit: (() => void)[] } | { ok: false; error: unknown };

/** Writes per transaction at most, so one commit never keeps a long queue waiting. */
const MAX_BATCH = 256;

const SECRET_KEY = 'session_secret';

function busyError(): AppError {
  return new AppError(
    'BUSY',
    'The box office is very busy right now. Please try again in a moment.',
    undefined,
    1,
  );
}

/**
 * Opens (creating its folder) the database file in WAL mode.
 *
 * Writes asked for in the same turn of the event loop share one `BEGIN IMMEDIATE` transaction
 * (a group commit), each in a savepoint of its own: one that throws undoes only its own changes,
 * and every promise settles only after the commit. The write lock is taken before anything is
 * read, so check-then-write cannot interleave with another writer, in this process or another.
 * The repositories answer at once, so a whole batch runs within one turn of the event loop; reads
 * from outside it wait for its end, never seeing what it has not committed. A busy database is
 * retried with back-off and, if still busy, answered 503 BUSY. A durable write commits with
 * `synchronous=FULL`, to survive a power cut.
 */
export function openSqliteStore(
  file: string,
  busy: BusyRetryPolicy = DEFAULT_BUSY_RETRY,
  options: OpenOptions = {},
): SqliteStore {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new Database(file);
  // Switching a new file to WAL needs a lock another starting process may hold for a moment.
  sqlite.pragma('busy_timeout = 10000');
  sqlite.pragma('journal_mode = WAL');
  // With WAL, NORMAL never corrupts and survives a killed process; purchases ask for FULL.
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  if (options.checkpointer) sqlite.pragma('wal_autocheckpoint = 20000');
  sqlite.pragma(`busy_timeout = ${busy.busyTimeoutMs}`);
  const checkpointer =
    options.checkpointer && file !== ':memory:'
      ? startWalCheckpointer(file, options.checkpointer.logger)
      : undefined;

  const { metrics } = options;
  const statement = (sql: string) => sqlite.prepare(sql);
  const sql = {
    syncFull: statement('PRAGMA synchronous = FULL'),
    syncNormal: statement('PRAGMA synchronous = NORMAL'),
    begin: statement('BEGIN IMMEDIATE'),
    commit: statement('COMMIT'),
    rollback: statement('ROLLBACK'),
    savepoint: statement('SAVEPOINT write'),
    release: statement('RELEASE write'),
    rollbackTo: statement('ROLLBACK TO write'),
    dataVersion: sqlite.prepare<[], number>('PRAGMA data_version').pluck(),
  };

  /** Settles when the transaction open now ends; undefined while none is open. */
  let openTransaction: Promise<void> | undefined;

  /** The same repositories for reads outside a write: each waits for an open transaction's end. */
  function outsideWrites<R extends object>(repo: R): R {
    const gated: Record<string, unknown> = {};
    for (const [name, method] of Object.entries(repo)) {
      const call = method as (...args: unknown[]) => unknown;
      gated[name] = async (...args: unknown[]) => {
        while (openTransaction) await openTransaction;
        return call(...args);
      };
    }
    return gated as R;
  }

  /** Built on first use: their statements need the tables, which `migrate` may create. */
  let built: { inWrites: Repositories; outside: Repositories } | undefined;
  function repositories() {
    if (built) return built;
    const inWrites: Repositories = {
      concerts: createConcertsRepo(sqlite),
      holds: createHoldsRepo(sqlite),
      bookings: createBookingsRepo(sqlite),
      sessions: createSessionsRepo(sqlite),
      idempotency: createIdempotencyRepo(sqlite),
      organizer: createOrganizerRepo(sqlite),
    };
    const outside = Object.fromEntries(
      Object.entries(inWrites).map(([name, repo]) => [name, outsideWrites(repo as object)]),
    ) as unknown as Repositories;
    built = { inWrites, outside };
    return built;
  }

  /** Runs `fn` in a savepoint; `frames` collects each level's after-commit work. */
  async function inSavepoint<T>(frames: (() => void)[][], fn: () => Promise<T>): Promise<T> {
    sql.savepoint.run();
    frames.push([]);
    try {
      const value = await fn();
      sql.release.run();
      const done = frames.pop() ?? [];
      frames.at(-1)?.push(...done);
      return value;
    } catch (error) {
      frames.pop();
      // Busy means the whole transaction lost its lock: it is rolled back and retried as one.
      if (!isBusyError(error)) {
        sql.rollbackTo.run();
        sql.release.run();
      }
      throw error;
    }
  }

  function transactionFor(frames: (() => void)[][]): Transaction {
    return {
      ...repositories().inWrites,
      savepoint: (fn) => inSavepoint(frames, fn),
      afterCommit(fn) {
        frames.at(-1)?.push(fn);
      },
      async clearAll() {
        sqlite.exec(`
          DELETE FROM booking_items; DELETE FROM bookings; DELETE FROM hold_items;
          DELETE FROM holds; DELETE FROM expired_holds; DELETE FROM idempotency_keys;
          DELETE FROM tiers; DELETE FROM concerts; DELETE FROM sessions;
        `);
      },
    };
  }

  async function runBatch(batch: QueuedWrite[]): Promise<Outcome[]> {
    const outcomes: Outcome[] = [];
    sql.begin.run();
    let ended!: () => void;
    openTransaction = new Promise((resolve) => {
      ended = resolve;
    });
    try {
      for (const write of batch) {
        const frames: (() => void)[][] = [[]];
        try {
          const value = await inSavepoint(frames, () => write.fn(transactionFor(frames)));
          outcomes.push({ ok: true, value, afterCommit: frames[0] ?? [] });
        } catch (error) {
          if (isBusyError(error)) throw error;
          outcomes.push({ ok: false, error });
        }
      }
      sql.commit.run();
      return outcomes;
    } catch (error) {
      if (sqlite.inTransaction) sql.rollback.run();
      throw error;
    } finally {
      openTransaction = undefined;
      ended();
    }
  }

  async function attempt(batch: QueuedWrite[], durable: boolean): Promise<Outcome[]> {
    if (!durable) return runBatch(batch);
    sql.syncFull.run();
    try {
      return await runBatch(batch);
    } finally {
      sql.syncNormal.run();
    }
  }

  async function commit(batch: QueuedWrite[]): Promise<void> {
    const durable = batch.some((write) => write.durable);
    for (let retry = 0; ; retry += 1) {
      let outcomes: Outcome[];
      try {
        outcomes = await attempt(batch, durable);
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
        if (!outcome.ok) {
          write.reject(outcome.error);
          return;
        }
        for (const fn of outcome.afterCommit) fn();
        write.resolve(outcome.value);
      });
      return;
    }
  }

  const queue: QueuedWrite[] = [];
  let flushScheduled = false;
  /** The batch being committed, retries included: one at a time. */
  let committing: Promise<void> | undefined;
  function flush(): void {
    flushScheduled = false;
    if (committing) return;
    const batch = queue.splice(0, MAX_BATCH);
    committing = commit(batch).finally(() => {
      committing = undefined;
      if (queue.length > 0) scheduleFlush();
    });
  }
  function scheduleFlush(): void {
    if (flushScheduled) return;
    flushScheduled = true;
    setImmediate(flush);
  }

  return {
    sqlite,
    get concerts() {
      return repositories().outside.concerts;
    },
    get holds() {
      return repositories().outside.holds;
    },
    get bookings() {
      return repositories().outside.bookings;
    },
    get sessions() {
      return repositories().outside.sessions;
    },
    get idempotency() {
      return repositories().outside.idempotency;
    },
    get organizer() {
      return repositories().outside.organizer;
    },
    write<T>(fn: (tx: Transaction) => Promise<T>, writeOptions?: WriteOptions) {
      return new Promise<T>((resolve, reject) => {
        queue.push({
          fn,
          durable: writeOptions?.durable ?? false,
          resolve: resolve as (value: unknown) => void,
          reject,
        });
        scheduleFlush();
      });
    },
    // `data_version` changes whenever another connection (another process) commits to the file.
    changes: pollingChangeFeed(() => sql.dataVersion.get() ?? 0, options.changePollMs ?? 50),
    async migrate() {
      return migrate(sqlite);
    },
    async schemaVersion() {
      return schemaVersion(sqlite);
    },
    latestSchemaVersion: LATEST_SCHEMA_VERSION,
    signingSecret() {
      const value = sqlite
        .prepare<[string], string>('SELECT value FROM app_settings WHERE key = ?')
        .pluck()
        .get(SECRET_KEY);
      if (value === undefined) {
        throw new Error('session secret missing: was the database migrated?');
      }
      return Buffer.from(value, 'hex');
    },
    async close() {
      await committing;
      await checkpointer?.stop();
      if (sqlite.open) sqlite.close();
    },
  };
}
