import { setTimeout as delay } from 'node:timers/promises';
import type { DbMetrics, Repositories, Transaction, WriteOptions } from '../store.js';
import { busyError } from './busy.js';
import { isRetryable, type Pool, type PoolClient } from './driver.js';
import {
  clientQueries,
  connectOrBusy,
  releasedAfter,
  type Queries,
  type WriteLocks,
} from './queries.js';

/** How a write that lost a race for a lock is tried again. */
export interface WriteRetryPolicy {
  /** Further attempts after the first, each after a jittered back-off. */
  retries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** The longest a statement waits for a row lock before its transaction is tried again. */
  lockTimeoutMs: number;
}

export const DEFAULT_WRITE_RETRY: WriteRetryPolicy = {
  retries: 8,
  baseDelayMs: 2,
  maxDelayMs: 250,
  lockTimeoutMs: 2000,
};

/** Waits before the next attempt after `tries` failed ones: jittered, doubling up to a ceiling. */
export function backOff(retry: WriteRetryPolicy, tries: number): Promise<void> {
  const ceiling = Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** tries);
  return delay(ceiling / 2 + Math.random() * (ceiling / 2));
}

/** What a savepoint level of a write did, dropped with it if it is rolled back. */
interface Level {
  afterCommit: (() => void)[];
  /** Concerts whose row lock it took; a rollback to the savepoint gives them up. */
  concerts: Set<string>;
  bumped: boolean;
}

function newLevel(): Level {
  return { afterCommit: [], concerts: new Set(), bumped: false };
}

export interface Writes {
  write<T>(fn: (tx: Transaction) => Promise<T>, options?: WriteOptions): Promise<T>;
  /** Settles once the writes under way, retries included, are done. */
  settled(): Promise<void>;
}

export const CLEAR_ALL = `
  DELETE FROM seat_claims; DELETE FROM seats; DELETE FROM seat_plans;
  DELETE FROM check_ins; DELETE FROM booking_access; DELETE FROM booking_items; DELETE FROM bookings; DELETE FROM hold_items;
  DELETE FROM holds; DELETE FROM expired_holds; DELETE FROM idempotency_keys;
  DELETE FROM waiting_list; DELETE FROM mail_outbox; DELETE FROM tiers; DELETE FROM concerts;
  DELETE FROM sessions;`;

/**
 * One transaction per write, on a connection of the pool, in PostgreSQL's READ COMMITTED: the
 * row locks the repositories take (see `WriteLocks`) keep check-then-write exact. Savepoints are
 * SAVEPOINT / ROLLBACK TO / RELEASE, each level keeping its own after-commit work, run only once
 * the transaction has committed. A write that lost a race for a lock (serialization failure,
 * deadlock, lock timeout) runs again from the start after a jittered back-off, and after the
 * last try is answered 503 BUSY, as is one that waited too long for a connection.
 */
export function createWrites(
  pool: Pool,
  repositories: (queries: Queries) => Repositories,
  options: { retry: WriteRetryPolicy; metrics?: DbMetrics; onBumped: () => void },
): Writes {
  const { retry } = options;
  const lockTimeout = `SET LOCAL lock_timeout = ${Math.round(retry.lockTimeoutMs)}`;
  // Other writes may go without waiting for the disk: a hold lost in a database crash only
  // frees its tickets, where a purchase (durable) must never be lost once confirmed.
  const begin = {
    durable: `BEGIN; ${lockTimeout}`,
    fast: `BEGIN; ${lockTimeout}; SET LOCAL synchronous_commit = off`,
  };

  function transactionOn(client: PoolClient, levels: Level[]): Transaction {
    const top = () => levels[levels.length - 1] ?? newLevel();
    const locks: WriteLocks = {
      async concert(concertId) {
        if (levels.some((level) => level.concerts.has(concertId))) return;
        await queries.run('SELECT 1 FROM concerts WHERE id = $1 FOR NO KEY UPDATE', [concertId]);
        top().concerts.add(concertId);
      },
      tookConcert(concertId) {
        top().concerts.add(concertId);
      },
      bumped() {
        top().bumped = true;
      },
    };
    const queries = clientQueries(client, locks);
    return {
      ...repositories(queries),
      async savepoint<T>(fn: () => Promise<T>): Promise<T> {
        await client.query('SAVEPOINT write');
        levels.push(newLevel());
        try {
          const value = await fn();
          await client.query('RELEASE SAVEPOINT write');
          const done = levels.pop() ?? newLevel();
          const parent = top();
          parent.afterCommit.push(...done.afterCommit);
          for (const concertId of done.concerts) parent.concerts.add(concertId);
          parent.bumped ||= done.bumped;
          return value;
        } catch (error) {
          levels.pop();
          // A lost lock race undoes the whole transaction, which is then tried again.
          if (!isRetryable(error)) {
            await client.query('ROLLBACK TO SAVEPOINT write');
            await client.query('RELEASE SAVEPOINT write');
          }
          throw error;
        }
      },
      afterCommit(fn) {
        top().afterCommit.push(fn);
      },
      async clearAll() {
        await client.query(CLEAR_ALL);
      },
    };
  }

  async function attempt<T>(
    fn: (tx: Transaction) => Promise<T>,
    durable: boolean,
  ): Promise<{ value: T; done: Level }> {
    const client = await connectOrBusy(pool);
    const levels = [newLevel()];
    return releasedAfter(client, async () => {
      await client.query(durable ? begin.durable : begin.fast);
      const value = await fn(transactionOn(client, levels));
      await client.query('COMMIT');
      return { value, done: levels[0] ?? newLevel() };
    });
  }

  async function write<T>(fn: (tx: Transaction) => Promise<T>, durable: boolean): Promise<T> {
    for (let tries = 0; ; tries += 1) {
      let outcome: { value: T; done: Level };
      try {
        outcome = await attempt(fn, durable);
      } catch (error) {
        if (!isRetryable(error)) throw error;
        if (tries >= retry.retries) throw busyError();
        options.metrics?.busyRetry();
        await backOff(retry, tries);
        continue;
      }
      if (outcome.done.bumped) options.onBumped();
      for (const done of outcome.done.afterCommit) done();
      return outcome.value;
    }
  }

  const running = new Set<Promise<unknown>>();
  return {
    write(fn, writeOptions) {
      const done = write(fn, writeOptions?.durable ?? false);
      running.add(done);
      void done.then(
        () => running.delete(done),
        () => running.delete(done),
      );
      return done;
    },
    async settled() {
      await Promise.allSettled(running);
    },
  };
}
