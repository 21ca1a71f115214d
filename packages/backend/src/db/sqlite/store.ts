import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Logger } from '../../observability/logger.js';
import type { Repositories, Store, Transaction } from '../store.js';
import { createBookingsRepo } from './bookings-repo.js';
import { createMailRepo } from './mail-repo.js';
import { createSeatingRepo } from './seating-repo.js';
import { createTicketsRepo } from './tickets-repo.js';
import { createWaitingListRepo } from './waiting-list-repo.js';
import { createWaitingRoomRepo } from './waiting-room-repo.js';
import { pollingChangeFeed } from './change-feed.js';
import { createConcertsRepo } from './concerts-repo.js';
import type { Sqlite } from './driver.js';
import {
  createGroupCommit,
  DEFAULT_BUSY_RETRY,
  type AfterCommit,
  type BusyRetryPolicy,
  type DbMetrics,
} from './group-commit.js';
import { createHoldsRepo } from './holds-repo.js';
import { createIdempotencyRepo } from './idempotency-repo.js';
import { LATEST_SCHEMA_VERSION, migrate, schemaVersion } from './migrate.js';
import { createOrganizerRepo } from './organizer-repo.js';
import { createSessionsRepo } from './sessions-repo.js';
import { startWalCheckpointer } from './wal-checkpoint.js';

export { DEFAULT_BUSY_RETRY, type BusyRetryPolicy, type DbMetrics } from './group-commit.js';

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

const SECRET_KEY = 'session_secret';

/**
 * Opens (creating its folder) the database file in WAL mode. Writes go through a group commit
 * (`group-commit.ts`). Reads from outside a write wait for the transaction open at the time, if
 * any, to end: on one connection they would otherwise see what it has not committed.
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
  const commits = createGroupCommit(sqlite, busy, options.metrics);
  const dataVersion = sqlite.prepare<[], number>('PRAGMA data_version').pluck();

  function outsideWrites<R extends object>(repo: R): R {
    const gated: Record<string, unknown> = {};
    for (const [name, method] of Object.entries(repo)) {
      const call = method as (...args: unknown[]) => unknown;
      gated[name] = async (...args: unknown[]) => {
        for (let open = commits.openTransaction(); open; open = commits.openTransaction()) {
          await open;
        }
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
      waitingRoom: createWaitingRoomRepo(sqlite),
      waitingList: createWaitingListRepo(sqlite),
      mail: createMailRepo(sqlite),
      tickets: createTicketsRepo(sqlite),
      seating: createSeatingRepo(sqlite),
    };
    const outside = Object.fromEntries(
      Object.entries(inWrites).map(([name, repo]) => [name, outsideWrites(repo as object)]),
    ) as unknown as Repositories;
    built = { inWrites, outside };
    return built;
  }

  const clearAll = async () => {
    sqlite.exec(`
      DELETE FROM seat_claims; DELETE FROM seats; DELETE FROM seat_plans; DELETE FROM check_ins; DELETE FROM booking_access; DELETE FROM booking_items; DELETE FROM bookings; DELETE FROM hold_items;
      DELETE FROM holds; DELETE FROM expired_holds; DELETE FROM idempotency_keys;
      DELETE FROM waiting_list; DELETE FROM mail_outbox; DELETE FROM tiers; DELETE FROM concerts;
      DELETE FROM sessions;
    `);
  };
  /** What every write's transaction shares: one object, so that a write costs one allocation. */
  let shared: Omit<Transaction, 'savepoint' | 'afterCommit'> | undefined;
  function transactionFor(afterCommit: AfterCommit): Transaction {
    shared ??= { ...repositories().inWrites, clearAll };
    const tx = Object.create(shared) as Transaction;
    tx.savepoint = (fn) => commits.savepoint(afterCommit, fn);
    tx.afterCommit = (fn) => {
      afterCommit.at(-1)?.push(fn);
    };
    return tx;
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
    get waitingRoom() {
      return repositories().outside.waitingRoom;
    },
    get waitingList() {
      return repositories().outside.waitingList;
    },
    get mail() {
      return repositories().outside.mail;
    },
    get tickets() {
      return repositories().outside.tickets;
    },
    get seating() {
      return repositories().outside.seating;
    },
    write(fn, writeOptions) {
      return commits.write(
        (afterCommit) => fn(transactionFor(afterCommit)),
        writeOptions?.durable ?? false,
      );
    },
    // `data_version` changes whenever another connection (another process) commits to the file.
    changes: pollingChangeFeed(() => dataVersion.get() ?? 0, options.changePollMs ?? 50),
    async migrate() {
      return migrate(sqlite);
    },
    async schemaVersion() {
      return schemaVersion(sqlite);
    },
    latestSchemaVersion: LATEST_SCHEMA_VERSION,
    async runAlone(_name, job) {
      await job();
      return true;
    },
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
      await commits.settled();
      await checkpointer?.stop();
      if (sqlite.open) sqlite.close();
    },
  };
}
