import { randomUUID } from 'node:crypto';
import type { Logger } from '../../observability/logger.js';
import type { DbMetrics, Repositories, Store } from '../store.js';
import { createBookingsRepo } from './bookings-repo.js';
import { createMailRepo } from './mail-repo.js';
import { createSeatingRepo } from './seating-repo.js';
import { createTicketsRepo } from './tickets-repo.js';
import { createWaitingListRepo } from './waiting-list-repo.js';
import { createWaitingRoomRepo } from './waiting-room-repo.js';
import { createBatches } from './batches.js';
import { busyIfUnavailable } from './busy.js';
import { CHANGES_CHANNEL, listeningChangeFeed } from './change-feed.js';
import { createConcertsRepo } from './concerts-repo.js';
import { assertReachable, createClient, createJobClient, createPool, type Pool } from './driver.js';
import { createHoldsRepo } from './holds-repo.js';
import { createIdempotencyRepo } from './idempotency-repo.js';
import { runAlone } from './job-lock.js';
import { LATEST_SCHEMA_VERSION, migrate, schemaVersion } from './migrate.js';
import { createOrganizerRepo } from './organizer-repo.js';
import { poolQueries, type Queries } from './queries.js';
import { createSessionsRepo } from './sessions-repo.js';
import { createWrites, DEFAULT_WRITE_RETRY, type WriteRetryPolicy } from './transactions.js';

export { DEFAULT_WRITE_RETRY, type WriteRetryPolicy } from './transactions.js';

export interface PostgresStoreOptions {
  /** Connections in the pool; 10 unless given. */
  poolSize?: number;
  /** How long a query waits for a free connection before it is answered 503 BUSY; 2 s unless given. */
  acquireTimeoutMs?: number;
  retry?: WriteRetryPolicy;
  metrics?: DbMetrics;
  /** Where the change feed reports a lost connection. */
  logger?: Logger;
}

/** The store on a PostgreSQL database; `pool` and `retry` are there for its own tools and tests. */
export interface PostgresStore extends Store {
  readonly pool: Pool;
  /** How writes that lost a race for a lock are tried again, and how long they wait for one. */
  readonly retry: WriteRetryPolicy;
}

function repositoriesOver(queries: Queries): Repositories {
  return {
    concerts: createConcertsRepo(queries),
    holds: createHoldsRepo(queries),
    bookings: createBookingsRepo(queries),
    sessions: createSessionsRepo(queries),
    idempotency: createIdempotencyRepo(queries),
    organizer: createOrganizerRepo(queries),
    waitingRoom: createWaitingRoomRepo(queries),
    waitingList: createWaitingListRepo(queries),
    mail: createMailRepo(queries),
    tickets: createTicketsRepo(queries),
    seating: createSeatingRepo(queries),
  };
}

/** Reads from outside writes, answered 503 BUSY while the database is unavailable. */
function busyWhileUnavailable(queries: Queries): Queries {
  return {
    rows: (text, values) => busyIfUnavailable(queries.rows(text, values)),
    run: (text, values) => busyIfUnavailable(queries.run(text, values)),
    snapshot: (fn) => busyIfUnavailable(queries.snapshot(fn)),
  };
}

/**
 * Opens a pool on the database at `url` (connecting when first used). Writes are transactions
 * of their own (`transactions.ts`); reads from outside them are single statements, or a read-only
 * snapshot where they take several. Other instances on the same database hear of committed
 * changes through LISTEN/NOTIFY (`change-feed.ts`).
 */
export function openPostgresStore(url: string, options: PostgresStoreOptions = {}): PostgresStore {
  const acquireTimeoutMs = options.acquireTimeoutMs ?? 2000;
  const pool = createPool(url, { size: options.poolSize ?? 10, acquireTimeoutMs });
  const self = randomUUID();
  const feed = listeningChangeFeed(() => createClient(url), self, options.logger);
  // One notification at a time: those asked for meanwhile become one, sent when it is done. It
  // commits without waiting for the disk (a notification lost in a crash delays a stream, no
  // more), where a bare pg_notify would wait for a flush each time.
  const notification = `BEGIN; SET LOCAL synchronous_commit = off;
    SELECT pg_notify('${CHANGES_CHANNEL}', '${self}'); COMMIT`;
  let notifying: Promise<void> | undefined;
  let notifyAgain = false;
  function notifyOthers(): void {
    if (notifying) {
      notifyAgain = true;
      return;
    }
    notifying = pool
      .query(notification)
      .then(
        () => undefined,
        (error: unknown) => {
          // Other instances then miss one change until the next: their streams lag, no more.
          options.logger?.warn({ err: error }, 'Could not tell other instances of a change');
        },
      )
      .finally(() => {
        notifying = undefined;
        if (notifyAgain) {
          notifyAgain = false;
          notifyOthers();
        }
      });
  }
  const retry = options.retry ?? DEFAULT_WRITE_RETRY;
  const writeOptions = { retry, metrics: options.metrics, onBumped: notifyOthers };
  const writes = createBatches(
    pool,
    repositoriesOver,
    createWrites(pool, repositoriesOver, writeOptions),
    { ...writeOptions, waitMs: acquireTimeoutMs },
  );
  const reads = repositoriesOver(busyWhileUnavailable(poolQueries(pool)));
  let secret: Buffer | undefined;
  /** Closing twice (a test, then its cleanup) waits for the first. */
  let closed: Promise<void> | undefined;

  return {
    pool,
    retry,
    ...reads,
    write(fn, writeOptions) {
      return busyIfUnavailable(writes.write(fn, writeOptions));
    },
    changes: feed,
    async migrate() {
      await assertReachable(pool, url);
      const migrated = await migrate(pool);
      secret = migrated.secret;
      return migrated.applied;
    },
    schemaVersion: () => schemaVersion(pool),
    latestSchemaVersion: LATEST_SCHEMA_VERSION,
    async databaseTime() {
      // NUMERIC, read as text: microseconds, exact.
      const { rows } = await pool.query<{ now: string }>(
        'SELECT extract(epoch FROM clock_timestamp()) * 1000 AS now',
      );
      const now = Math.floor(Number(rows[0]?.now));
      if (!Number.isFinite(now)) throw new Error('the database did not tell its time');
      return now;
    },
    runAlone(name, job) {
      return runAlone(() => createJobClient(url, acquireTimeoutMs), name, job);
    },
    signingSecret() {
      if (!secret) throw new Error('session secret missing: was the database migrated?');
      return secret;
    },
    close() {
      closed ??= (async () => {
        await writes.settled();
        await feed.close();
        while (notifying) await notifying;
        await pool.end();
      })();
      return closed;
    },
  };
}
