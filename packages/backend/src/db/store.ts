import type { BookingsRepo, BuyerKey } from '../modules/bookings/bookings.repo.js';
import type { ConcertsRepo } from '../modules/concerts/concerts.repo.js';
import type { HoldsRepo } from '../modules/holds/holds.repo.js';
import type { IdempotencyRepo } from '../modules/idempotency/idempotency.repo.js';
import type { MailRepo } from '../modules/mail/mail.repo.js';
import type { OrganizerRepo } from '../modules/organizer/organizer.repo.js';
import type { SeatingRepo } from '../modules/seating/seating.repo.js';
import type { SessionsRepo } from '../modules/sessions/sessions.repo.js';
import type { TicketsRepo } from '../modules/tickets/tickets.repo.js';
import type { WaitingListRepo } from '../modules/waiting-list/waiting-list.repo.js';
import type { WaitingRoomRepo } from '../modules/waiting-room/waiting-room.repo.js';

/** Every module's repository, as one store implements them. */
export interface Repositories {
  concerts: ConcertsRepo;
  holds: HoldsRepo;
  bookings: BookingsRepo;
  sessions: SessionsRepo;
  idempotency: IdempotencyRepo;
  organizer: OrganizerRepo;
  waitingRoom: WaitingRoomRepo;
  waitingList: WaitingListRepo;
  mail: MailRepo;
  tickets: TicketsRepo;
  seating: SeatingRepo;
}

/**
 * One write transaction, as a service sees it: the repositories bound to it, savepoints inside
 * it, and work to do once it has committed. A write may await only these repositories: anything
 * else awaited would keep the transaction (and, on SQLite, every other write) waiting.
 */
export interface Transaction extends Repositories {
  /**
   * Runs `fn` in a savepoint: if it throws, its changes and the `afterCommit` work it asked for
   * are undone, and the transaction goes on.
   */
  savepoint<T>(fn: () => Promise<T>): Promise<T>;
  /**
   * Runs `fn` once the transaction has committed, before the write's promise settles: metrics
   * and announcements of changes, which must never tell of work that was undone.
   */
  afterCommit(fn: () => void): void;
  /** Empties every table but the schema's own and the settings: the demo seed's reset. */
  clearAll(): Promise<void>;
}

/**
 * The store could not reach its database, or the database refused it (no such host, database or
 * user, a wrong password): no point retrying, the configuration must change. `message` says why,
 * never with a password.
 */
export class DatabaseUnreachableError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'DatabaseUnreachableError';
  }
}

/** What a store counts; the server exports it as a metric. */
export interface DbMetrics {
  /** A write lost a race for the database's locks and will be tried again. */
  busyRetry(): void;
}

export interface WriteOptions {
  /** Committed so that it survives a power cut, not only a killed process: a purchase. */
  durable?: boolean;
  /**
   * The concert the write is about, the shopper's session if it has one, the address its holds
   * count against, and the buyer a purchase counts against: a store that runs writes together
   * may read them ahead, with their locks, for all the writes of a batch at once. Only a hint:
   * what the write reads is right either way.
   */
  touches?: { concertId: string; sessionId?: string; address?: string; buyer?: BuyerKey };
}

/**
 * Tells of changes committed by another process or server instance on the same database, which
 * this one's services did not announce themselves.
 */
export interface ChangeFeed {
  /** Calls `listener` after such changes (coalesced); returns what stops it. */
  subscribe(listener: () => void): () => void;
}

/**
 * Where everything is kept. Reads go through its repositories; writes through `write`, whose
 * transaction checks and changes stock without any other writer in between. Services cannot tell
 * which store they run on.
 */
export interface Store extends Repositories {
  /**
   * Runs `fn` in a write transaction and resolves with its result once committed, or rejects
   * with what it threw, having changed nothing. A store too busy to take the write after a few
   * tries rejects with 503 BUSY.
   */
  write<T>(fn: (tx: Transaction) => Promise<T>, options?: WriteOptions): Promise<T>;
  changes: ChangeFeed;
  /**
   * Brings the schema up to date; returns the versions it applied. The server's first use of the
   * database: rejects with `DatabaseUnreachableError` if it cannot connect.
   */
  migrate(): Promise<number[]>;
  /** The newest migration applied, 0 if none; rejects if the database does not answer. */
  schemaVersion(): Promise<number>;
  /** The newest migration this server knows: the schema version it needs. */
  latestSchemaVersion: number;
  /**
   * The key that signs session cookies, made once per database by its first migration, so every
   * process and instance serving it accepts the same cookies. Read once migrated.
   */
  signingSecret(): Buffer;
  /**
   * The database server's clock, in epoch milliseconds, for instances on several hosts to go by
   * one time. Absent where the database is a file on this host (SQLite): its processes share the
   * host's clock.
   */
  databaseTime?: () => Promise<number>;
  /**
   * Runs `job` unless a job of the same name is under way in another server instance on this
   * database: then resolves false at once, without running it, and that round is skipped. For
   * periodic tidying, which one instance at a time is enough for. Resolves true once `job` has
   * run; rejects with what it threw. SQLite runs it every time: its processes share one host,
   * and their writes take turns anyway.
   */
  runAlone(name: string, job: () => Promise<void>): Promise<boolean>;
  /** Finishes background work and closes the database. */
  close(): Promise<void>;
}
