import type { DbMetrics, Repositories, Transaction, WriteOptions } from '../store.js';
import { batchedRepositories } from './batched-repos.js';
import { busyError, isBusy } from './busy.js';
import { isRetryable, isUnavailable, type Pool, type PoolClient } from './driver.js';
import {
  clientQueries,
  connectOrBusy,
  releasedAfter,
  type Queries,
  type Runner,
} from './queries.js';
import { backOff, CLEAR_ALL, type Writes, type WriteRetryPolicy } from './transactions.js';
import { PREPARE_BATCH, UnitOfWork, type Connection, type Touches } from './unit-of-work.js';

/** Writes per transaction at most: a batch's locks are never held for long. */
const MAX_BATCH = 128;

/**
 * Savepoints per transaction at most. Past 64 subtransactions a PostgreSQL backend no longer
 * keeps them in its cache, and every snapshot then looks them up: checkouts slowed tenfold.
 */
const MAX_SAVEPOINTS = 32;

/** Connections with the batch's statements prepared (`PREPARE_BATCH`). */
const prepared = new WeakSet<PoolClient>();

/** Prepares the batch's statements on a connection new to batches; one that fails is closed. */
async function prepareOn(client: PoolClient): Promise<void> {
  try {
    await client.query(PREPARE_BATCH);
  } catch (error) {
    client.release(error as Error);
    throw error;
  }
  prepared.add(client);
}

/** The write must start again in a savepoint of its own: it is about to change rows directly. */
class NeedsSavepoint extends Error {}

/** The batch has used its savepoints: the write goes in the next one. */
class NextBatch extends Error {}

interface QueuedWrite {
  fn: (tx: Transaction) => Promise<unknown>;
  durable: boolean;
  touches?: Touches;
  /** Runs in a savepoint of its own from the start: it did, or tried to, in an earlier batch. */
  exposed: boolean;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
  /** Answers 503 BUSY if the write is still waiting for its batch when it fires. */
  timeout?: NodeJS.Timeout;
}

type Outcome =
  | { kind: 'done'; value: unknown; afterCommit: (() => void)[] }
  | { kind: 'failed'; error: unknown }
  | { kind: 'deferred' };

/** The write a batch is running, one after another. */
interface CurrentWrite {
  write: QueuedWrite;
  /** The undo log when the write started. */
  mark: { entries: number; changes: number };
  /** Its afterCommit callbacks, one list per savepoint it is in. */
  frames: (() => void)[][];
  /** How many savepoints of its own it is in. */
  depth: number;
}

/** One batch's transaction: its connection, the unit of work, and what the database refused. */
interface BatchState {
  client: PoolClient;
  connection: Connection & Runner;
  unit: UnitOfWork;
  /** A statement failed outside any savepoint: the transaction can only be rolled back. */
  failed?: unknown;
  savepoints: number;
  /** The repositories every write of the batch is given, made once per batch. */
  tx: Transaction;
  current: CurrentWrite;
}

function watched(client: PoolClient, state: { failed?: unknown }): Connection & Runner {
  const noted = <T>(query: Promise<T>) =>
    query.catch((error: unknown) => {
      state.failed ??= error;
      throw error;
    });
  return {
    // Statements as text (the unit's) or named and prepared (the repositories').
    query: ((statement: string) => noted(client.query(statement))) as Connection['query'] &
      Runner['query'],
  };
}

/**
 * Writes asked for in one turn of the event loop, about one concert, share one transaction (a
 * group commit), as on SQLite: a checkout's rows are read with their locks in the batch's first
 * round trip, each write is decided in memory one after another, and all they changed is written
 * with the COMMIT in the last round trip. The next batch of the concert waits for that commit,
 * growing meanwhile. A write that throws is taken back out of memory alone. One that must change
 * rows directly (a sweep, a cancellation) runs in a savepoint of its own, at most
 * `MAX_SAVEPOINTS` per batch. A batch that lost a race for a lock is tried again, then answered
 * 503 BUSY; one that failed otherwise runs each of its writes in a transaction of its own
 * (`single`), so that only the write at fault fails.
 */
export function createBatches(
  pool: Pool,
  repositories: (queries: Queries) => Repositories,
  single: Writes,
  options: {
    retry: WriteRetryPolicy;
    /** How long a write waits for its batch to start before it is answered 503 BUSY. */
    waitMs: number;
    metrics?: DbMetrics;
    onBumped: () => void;
  },
): Writes {
  const { retry, waitMs } = options;
  const lockTimeout = `SET LOCAL lock_timeout = ${Math.round(retry.lockTimeoutMs)}`;
  // Other writes may go without waiting for the disk: a hold lost in a database crash only
  // frees its tickets, where a purchase (durable) must never be lost once confirmed.
  const begin = {
    durable: ['BEGIN', lockTimeout],
    fast: ['BEGIN', lockTimeout, 'SET LOCAL synchronous_commit = off'],
  };

  /**
   * The batch's transaction as each of its writes sees it, made once: the write under way is
   * `state.current`, as writes run one after another.
   */
  function transactionOf(state: BatchState): Transaction {
    const { unit, connection } = state;
    let plainRepositories: Repositories | undefined;
    // Made when first needed: most writes are answered from memory alone.
    const plain = () =>
      (plainRepositories ??= repositories(
        clientQueries(connection, {
          concert: async (concertId) => {
            await unit.concert(concertId);
          },
          tookConcert: () => undefined,
          bumped: () => {
            unit.markBumped();
          },
        }),
      ));
    async function sync(): Promise<void> {
      if (!unit.dirty) return;
      // Memory holds this write's own changes: once written, only a savepoint could undo them.
      const { write, mark } = state.current;
      if (!write.exposed && unit.log.changes > mark.changes) throw new NeedsSavepoint();
      await unit.flush();
    }
    return {
      ...batchedRepositories({
        unit,
        plain,
        sync,
        async direct(change) {
          if (!state.current.write.exposed) throw new NeedsSavepoint();
          await unit.flush();
          return change();
        },
      }),
      async savepoint<T>(fn: () => Promise<T>): Promise<T> {
        const current = state.current;
        const inner = unit.log.mark();
        const name = current.write.exposed ? `s${(current.depth += 1)}` : undefined;
        if (name) await savepointIn(state, name);
        const { frames } = current;
        frames.push([]);
        try {
          const value = await fn();
          if (name) await connection.query(`RELEASE SAVEPOINT ${name}`);
          const done = frames.pop() ?? [];
          frames.at(-1)?.push(...done);
          return value;
        } catch (error) {
          frames.pop();
          if (error instanceof NeedsSavepoint || error instanceof NextBatch) throw error;
          if (name) await rollbackTo(state, name, error);
          else if (state.failed !== undefined) throw error;
          unit.log.undoTo(inner);
          throw error;
        } finally {
          if (name) current.depth -= 1;
        }
      },
      afterCommit(fn) {
        state.current.frames.at(-1)?.push(fn);
      },
      clearAll: async () => {
        if (!state.current.write.exposed) throw new NeedsSavepoint();
        await unit.flush();
        await connection.query(CLEAR_ALL);
        unit.forgetAll();
      },
    };
  }

  /** Memory written out first, so that a rollback to the savepoint leaves it as stored. */
  async function savepointIn(state: BatchState, name: string): Promise<void> {
    if (state.savepoints >= MAX_SAVEPOINTS) throw new NextBatch();
    await state.unit.flush();
    state.savepoints += 1;
    await state.connection.query(`SAVEPOINT ${name}`);
  }

  /** Undoes a savepoint that failed; a lost lock race or a lost database undoes the batch. */
  async function rollbackTo(state: BatchState, name: string, error: unknown): Promise<void> {
    if (isRetryable(error) || isUnavailable(error)) throw error;
    await state.connection.query(`ROLLBACK TO SAVEPOINT ${name}; RELEASE SAVEPOINT ${name}`);
    state.failed = undefined;
    state.unit.forgetExpiries();
  }

  async function runWrite(state: BatchState, write: QueuedWrite): Promise<Outcome> {
    for (;;) {
      const mark = state.unit.log.mark();
      const frames: (() => void)[][] = [[]];
      state.current = { write, mark, frames, depth: 0 };
      const exposed = write.exposed;
      let inSavepoint = false;
      try {
        if (exposed) {
          await savepointIn(state, 'w');
          inSavepoint = true;
        }
        const value = await write.fn(state.tx);
        if (exposed) await state.connection.query('RELEASE SAVEPOINT w');
        state.unit.log.forgetFrom(mark);
        return { kind: 'done', value, afterCommit: frames[0] ?? [] };
      } catch (error) {
        if (error instanceof NeedsSavepoint) {
          state.unit.log.undoTo(mark);
          write.exposed = true;
          continue;
        }
        if (error instanceof NextBatch) {
          if (inSavepoint) await rollbackTo(state, 'w', error);
          state.unit.log.undoTo(mark);
          return { kind: 'deferred' };
        }
        if (exposed) await rollbackTo(state, 'w', error);
        else if (state.failed !== undefined) throw error;
        state.unit.log.undoTo(mark);
        return { kind: 'failed', error };
      }
    }
  }

  /** Runs the batch in one transaction; resolves with each write's outcome once committed. */
  async function attempt(batch: QueuedWrite[]): Promise<Outcome[]> {
    const client = await connectOrBusy(pool);
    if (!prepared.has(client)) await prepareOn(client);
    const state = { failed: undefined, savepoints: 0 } as BatchState;
    state.client = client;
    state.connection = watched(client, state);
    state.unit = new UnitOfWork(state.connection);
    state.tx = transactionOf(state);
    return releasedAfter(client, async () => {
      const durable = batch.some((write) => write.durable);
      const touches = batch.flatMap((write) => (write.touches ? [write.touches] : []));
      await state.unit.begin(durable ? begin.durable : begin.fast, touches);
      const outcomes: Outcome[] = [];
      for (const write of batch) outcomes.push(await runWrite(state, write));
      await state.unit.flush('COMMIT');
      if (state.unit.bumped) options.onBumped();
      return outcomes;
    });
  }

  async function commit(batch: QueuedWrite[]): Promise<QueuedWrite[]> {
    for (let tries = 0; ; tries += 1) {
      let outcomes: Outcome[];
      try {
        outcomes = await attempt(batch);
      } catch (error) {
        if (isRetryable(error)) {
          if (tries >= retry.retries) {
            for (const write of batch) write.reject(busyError());
            return [];
          }
          options.metrics?.busyRetry();
          await backOff(retry, tries);
          continue;
        }
        if (isUnavailable(error) || isBusy(error)) {
          for (const write of batch) write.reject(error);
          return [];
        }
        // A write broke the transaction: alone, only it fails.
        for (const write of batch) {
          single.write(write.fn, { durable: write.durable }).then(write.resolve, write.reject);
        }
        return [];
      }
      const deferred: QueuedWrite[] = [];
      outcomes.forEach((outcome, i) => {
        const write = batch[i];
        if (!write) return;
        if (outcome.kind === 'deferred') deferred.push(write);
        else if (outcome.kind === 'failed') write.reject(outcome.error);
        else {
          for (const fn of outcome.afterCommit) fn();
          write.resolve(outcome.value);
        }
      });
      return deferred;
    }
  }

  const queues = new Map<string, QueuedWrite[]>();
  const underWay = new Set<string>();
  const committing = new Set<Promise<unknown>>();
  let flushScheduled = false;

  function flush(): void {
    flushScheduled = false;
    for (const [key, queue] of queues) {
      if (underWay.has(key) || queue.length === 0) continue;
      const batch = queue.splice(0, MAX_BATCH);
      for (const write of batch) clearTimeout(write.timeout);
      underWay.add(key);
      const done = commit(batch).then(
        (deferred) => {
          queue.unshift(...deferred);
        },
        (error: unknown) => {
          for (const write of batch) write.reject(error);
        },
      );
      committing.add(done);
      void done.finally(() => {
        committing.delete(done);
        underWay.delete(key);
        if (queue.length === 0) queues.delete(key);
        scheduleFlush();
      });
    }
  }

  function giveUp(key: string, write: QueuedWrite): void {
    const queue = queues.get(key);
    const at = queue?.indexOf(write) ?? -1;
    if (at < 0) return;
    queue?.splice(at, 1);
    write.reject(busyError());
  }

  function scheduleFlush(): void {
    if (flushScheduled || queues.size === 0) return;
    flushScheduled = true;
    setImmediate(flush);
  }

  return {
    write<T>(fn: (tx: Transaction) => Promise<T>, options: WriteOptions = {}): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        const key = options.touches?.concertId ?? '';
        let queue = queues.get(key);
        if (!queue) {
          queue = [];
          queues.set(key, queue);
        }
        const write: QueuedWrite = {
          fn,
          durable: options.durable ?? false,
          touches: options.touches,
          exposed: false,
          resolve: resolve as (value: unknown) => void,
          reject,
        };
        queue.push(write);
        // Behind a batch that takes too long, as behind a pool with no connection free.
        if (underWay.has(key)) {
          write.timeout = setTimeout(() => {
            giveUp(key, write);
          }, waitMs);
        }
        scheduleFlush();
      });
    },
    async settled() {
      while (committing.size > 0) await Promise.allSettled(committing);
      await single.settled();
    },
  };
}
