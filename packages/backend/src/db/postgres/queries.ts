import { busyError } from './busy.js';
import { isPoolExhausted, type Pool, type PoolClient, type QueryResultRow } from './driver.js';

/** What a write's repositories do about locks, beyond what their statements take themselves. */
export interface WriteLocks {
  /**
   * Takes the concert's row lock unless the transaction holds it already. Every write on a
   * concert takes it before it reads anything it will change: the writes of one concert take
   * turns, as on SQLite, and each sees what the one before it committed.
   */
  concert(concertId: string): Promise<void>;
  /** A statement of the caller's took the concert's row lock itself. */
  tookConcert(concertId: string): void;
  /** The transaction changed a concert's availability: other servers are told once committed. */
  bumped(): void;
}

/** Where a repository's statements go: the pool, or a write's connection. */
export interface Queries {
  rows<R extends QueryResultRow>(text: string, values?: unknown[]): Promise<R[]>;
  /** Runs a statement; returns how many rows it changed. */
  run(text: string, values?: unknown[]): Promise<number>;
  /**
   * Runs `fn` where every statement sees the same committed data: outside a write, a read-only
   * REPEATABLE READ transaction; inside one, the write itself, whose locks keep that data still.
   */
  snapshot<T>(fn: (queries: Queries) => Promise<T>): Promise<T>;
  /** Set inside a write transaction. */
  write?: WriteLocks;
}

/** Each statement is prepared once per connection, under a name of its own. */
const names = new Map<string, string>();
function named(text: string, values: unknown[] | undefined) {
  let name = names.get(text);
  if (name === undefined) {
    name = `s${names.size + 1}`;
    names.set(text, name);
  }
  return { name, text, values };
}

/** What runs a repository's statements: a connection, or the pool. */
export interface Runner {
  query(statement: ReturnType<typeof named>): Promise<{ rows: unknown[]; rowCount: number | null }>;
}

function over(runner: Runner, snapshot: Queries['snapshot'], write?: WriteLocks): Queries {
  return {
    async rows<R extends QueryResultRow>(text: string, values?: unknown[]) {
      // The caller names the type of the rows its SQL selects, as with pg's own `query<R>`.
      return (await runner.query(named(text, values))).rows as R[];
    },
    async run(text, values) {
      return (await runner.query(named(text, values))).rowCount ?? 0;
    },
    snapshot,
    write,
  };
}

/** Statements on one connection, which already sees one snapshot or needs none. */
function onOneConnection(runner: Runner, write?: WriteLocks): Queries {
  const queries: Queries = over(runner, (fn) => fn(queries), write);
  return queries;
}

/** A write's statements, on the connection its transaction is open on. */
export function clientQueries(client: Runner, write: WriteLocks): Queries {
  return onOneConnection(client, write);
}

/** A connection of the pool; 503 BUSY if none came free in time. */
export async function connectOrBusy(pool: Pool): Promise<PoolClient> {
  try {
    return await pool.connect();
  } catch (error) {
    throw isPoolExhausted(error) ? busyError() : error;
  }
}

/**
 * Runs `fn`, a transaction on `client`, rolling it back if `fn` throws, then gives the
 * connection back to the pool: closed, if it could not even roll back, rather than handed on.
 */
export async function releasedAfter<T>(client: PoolClient, fn: () => Promise<T>): Promise<T> {
  let broken: Error | undefined;
  try {
    return await fn();
  } catch (error) {
    await client.query('ROLLBACK').catch((rollbackError: unknown) => {
      broken = rollbackError as Error;
    });
    throw error;
  } finally {
    client.release(broken);
  }
}

/** Reads from outside writes: each statement on whichever connection of the pool is free. */
export function poolQueries(pool: Pool): Queries {
  const connect = () => connectOrBusy(pool);
  const runner: Runner = {
    async query(statement) {
      const client = await connect();
      try {
        return await client.query(statement);
      } finally {
        client.release();
      }
    },
  };
  return over(runner, async (fn) => {
    const client = await connect();
    return releasedAfter(client, async () => {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const value = await fn(onOneConnection(client));
      await client.query('COMMIT');
      return value;
    });
  });
}
