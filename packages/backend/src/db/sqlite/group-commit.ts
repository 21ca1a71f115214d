import { setTimeout as delay } from 'node:timers/promises';
import { AppError } from '../../lib/app-error.js';
import type { DbMetrics } from '../store.js';
import { isBusyError, type Sqlite } from './driver.js';

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

export type { DbMetrics } from '../store.js';

/** A write's after-commit work, one list per savepoint level, the write's own first. */
export type AfterCommit = (() => void)[][];

export interface GroupCommit {
  /** Queues `fn` for the next batch; settles once the batch has committed, or failed. */
  write<T>(fn: (afterCommit: AfterCommit) => Promise<T>, durable: boolean): Promise<T>;
  /** Runs `fn` in a savepoint of the write that `afterCommit` belongs to. */
  savepoint<T>(afterCommit: AfterCommit, fn: () => Promise<T>): Promise<T>;
  /** Settles when the transaction open now ends; undefined while none is open. */
  openTransaction(): Promise<void> | undefined;
  /** Settles once the batches being committed, retries included, are done. */
  settled(): Promise<void>;
}

interface QueuedWrite {
  fn: (afterCommit: AfterCommit) => Promise<unknown>;
  durable: boolean;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

type Outcome =
  { ok: true; value: unknown; afterCommit: (() => void)[] } | { ok: false; error: unknown };

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

/**
 * Writes asked for in the same turn of the event loop share one `BEGIN IMMEDIATE` transaction,
 * each in a savepoint of its own: one that throws undoes only its own changes (and drops the
 * after-commit work it asked for), and every promise settles only after the commit, once the
 * write's after-commit work has run. The write lock is taken before anything is read, so
 * check-then-write cannot interleave with another writer, in this process or another. The
 * repositories answer at once, so a whole batch runs within one turn of the event loop. A busy
 * database is retried with back-off and, if still busy, answered 503 BUSY. A batch with a durable
 * write commits with `synchronous=FULL`, to survive a power cut.
 */
export function createGroupCommit(
  sqlite: Sqlite,
  busy: BusyRetryPolicy,
  metrics?: DbMetrics,
): GroupCommit {
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
  };

  let openTransaction: Promise<void> | undefined;

  async function savepoint<T>(frames: AfterCommit, fn: () => Promise<T>): Promise<T> {
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

  async function runBatch(batch: QueuedWrite[]): Promise<Outcome[]> {
    // One transaction at a time on the connection, should a write await more than its repositories.
    for (let open = openTransaction; open; open = openTransaction) await open;
    const outcomes: Outcome[] = [];
    sql.begin.run();
    let ended!: () => void;
    openTransaction = new Promise((resolve) => {
      ended = resolve;
    });
    try {
      for (const write of batch) {
        const frames: AfterCommit = [[]];
        try {
          const value = await savepoint(frames, () => write.fn(frames));
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
  /** Batches being committed, back-offs included. */
  const committing = new Set<Promise<void>>();
  function flush(): void {
    flushScheduled = false;
    // A batch waiting out another process's lock has no transaction open: the next one may try
    // meanwhile, as one at a time would leave the lock idle while this process backs off.
    const open = openTransaction;
    if (open) {
      void open.then(scheduleFlush);
      return;
    }
    const batch = queue.splice(0, MAX_BATCH);
    if (queue.length > 0) scheduleFlush();
    const done = commit(batch);
    committing.add(done);
    void done.finally(() => committing.delete(done));
  }
  function scheduleFlush(): void {
    if (flushScheduled || queue.length === 0) return;
    flushScheduled = true;
    setImmediate(flush);
  }

  return {
    write<T>(fn: (afterCommit: AfterCommit) => Promise<T>, durable: boolean) {
      return new Promise<T>((resolve, reject) => {
        queue.push({ fn, durable, resolve: resolve as (value: unknown) => void, reject });
        scheduleFlush();
      });
    },
    savepoint,
    openTransaction: () => openTransaction,
    async settled() {
      await Promise.all(committing);
    },
  };
}
