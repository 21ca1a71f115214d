import pg from 'pg';
import { DatabaseUnreachableError } from '../store.js';

export type Pool = pg.Pool;
export type PoolClient = pg.PoolClient;
export type QueryResultRow = pg.QueryResultRow;

/**
 * BIGINT columns hold epoch milliseconds and counts, all far below 2^53: read them as numbers.
 * The parsers are the pool's own, so other users of `pg` in the process keep the default strings.
 */
const types = new pg.TypeOverrides();
types.setTypeParser(pg.types.builtins.INT8, Number);

export interface PoolOptions {
  /** Connections at most; a write holds one from BEGIN to COMMIT. */
  size: number;
  /** How long a query waits for a free connection before it is answered 503 BUSY. */
  acquireTimeoutMs: number;
}

export function createPool(url: string, options: PoolOptions): Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.size,
    connectionTimeoutMillis: options.acquireTimeoutMs,
    types,
    application_name: 'ticket-booking',
  });
  // An idle connection that drops (a restarted server) is discarded by the pool; without a
  // listener its error would end the process.
  pool.on('error', () => undefined);
  // So would one that drops while a write or read has it: the statement under way fails with
  // the error instead, and the pool discards the connection once it is given back.
  pool.on('connect', (client) => {
    client.on('error', () => undefined);
  });
  return pool;
}

/** A connection of its own, outside the pool: the change feed's, which stays in LISTEN. */
export function createClient(url: string): pg.Client {
  return new pg.Client({ connectionString: url, types, application_name: 'ticket-booking feed' });
}

/**
 * A connection of its own for one run of a job, which holds the job's lock for as long as it is
 * open; it gives up connecting after `connectTimeoutMs`.
 */
export function createJobClient(url: string, connectTimeoutMs: number): pg.Client {
  return new pg.Client({
    connectionString: url,
    connectionTimeoutMillis: connectTimeoutMs,
    types,
    application_name: 'ticket-booking job',
  });
}

export type Client = pg.Client;

/**
 * Serialization failure, deadlock, lock wait too long: the transaction lost a race for a lock and
 * is worth running again from the start.
 */
export function isRetryable(error: unknown): boolean {
  return (
    error instanceof pg.DatabaseError &&
    (error.code === '40001' || error.code === '40P01' || error.code === '55P03')
  );
}

const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * The database cannot be reached, or dropped the connection: it is down, restarting or
 * recovering, or has no connection left to give. Asking again in a moment may succeed.
 */
export function isUnavailable(error: unknown): boolean {
  if (error instanceof pg.DatabaseError) {
    // Connection exceptions, shutting down or starting up, too many connections.
    return (
      error.code?.startsWith('08') === true ||
      ['57P01', '57P02', '57P03', '53300'].includes(error.code ?? '')
    );
  }
  if (error instanceof AggregateError) return error.errors.some(isUnavailable);
  if (!(error instanceof Error)) return false;
  return (
    UNREACHABLE.has((error as NodeJS.ErrnoException).code ?? '') ||
    error.message.startsWith('Connection terminated') ||
    error.message.includes('not queryable')
  );
}

/** Every connection of the pool was taken for longer than `acquireTimeoutMs`. */
export function isPoolExhausted(error: unknown): boolean {
  return error instanceof Error && error.message === 'timeout exceeded when trying to connect';
}

function reasonOf(error: unknown): string {
  // Node tries each address a host name resolves to; failing all, it says so with no message.
  if (error instanceof AggregateError && error.errors.length > 0) {
    return [...new Set(error.errors.map(reasonOf))].join('; ');
  }
  if (isPoolExhausted(error)) return 'no answer in time';
  if (error instanceof Error) {
    // An empty message is a cause unsaid: its code (ECONNREFUSED…) or name says more.
    if (error.message !== '') return error.message;
    return (error as NodeJS.ErrnoException).code ?? error.name;
  }
  return String(error);
}

/**
 * Takes a connection of the pool and gives it back: the first use of the database, which rejects
 * with a `DatabaseUnreachableError` saying why it failed, its password left out, if it cannot.
 */
export async function assertReachable(pool: Pool, url: string): Promise<void> {
  let client: PoolClient;
  try {
    client = await pool.connect();
  } catch (error) {
    const password = new URL(url).password;
    let reason = reasonOf(error);
    for (const secret of [password, decodeURIComponent(password)]) {
      if (secret !== '') reason = reason.replaceAll(secret, '***');
    }
    throw new DatabaseUnreachableError(reason);
  }
  client.release();
}

/** Whether a server answers at `url`: for tests that run only where one does. */
export async function postgresAnswers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}
