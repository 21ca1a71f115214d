import fs from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { SeatPlan } from '@ticket-booking/shared';
import { inject } from 'vitest';
import { createApp, createRequestListener, createServices, type Services } from '../app.js';
import type { Config } from '../config/config.js';
import { openPostgresStore, type PostgresStore } from '../db/postgres/store.js';
import {
  openSqliteStore,
  type BusyRetryPolicy,
  type DbMetrics,
  type SqliteStore,
} from '../db/sqlite/store.js';
import type { Store } from '../db/store.js';
import { listen } from '../http/server.js';
import type { PaymentGateway } from '../modules/bookings/payment-gateway.js';
import type { NewConcert } from '../modules/concerts/concerts.repo.js';
import { insertSeatPlan, seatsPerTier } from '../modules/seating/seating.service.js';
import { createLogger } from '../observability/logger.js';
import { createMetrics } from '../observability/metrics.js';
import { openSharedCounts } from '../redis/shared-counts.js';
import { createFakeClock, type FakeClock } from './fake-clock.js';
import type { LogCapture } from './log-capture.js';
import type { TestStoreName } from './postgres-server.js';
import { createPostgresTestDatabase } from './postgres-test-db.js';
import { createShopper, type Shopper } from './shopper.js';
import { testConfig } from './test-config.js';

export interface TestTier {
  code: string;
  total: number;
  name?: string;
  priceCents?: number;
}

export interface TestConcert {
  id: string;
  /** A seated tier's `total` is its seats on the plan, whatever it says here. */
  tiers: TestTier[];
  /** Seats for the tiers it names. */
  seatPlan?: SeatPlan;
  /** Epoch milliseconds; 30 days after the clock's start unless given. */
  startsAt?: number;
  /** Epoch milliseconds; the start unless given. */
  salesEndAt?: number;
  /** No limit unless given: most tests buy more tickets than one buyer may, with one card. */
  maxTicketsPerBuyer?: number | null;
  /** Epoch milliseconds; on sale from the clock's start unless given. */
  onSaleAt?: number;
  /** A waiting room letting in this many places a minute; none unless given. */
  admitPerMinute?: number;
}

export const DEFAULT_TEST_CONCERT: TestConcert = {
  id: 'test-concert',
  tiers: [
    { code: 'vip', total: 10, priceCents: 25_000 },
    { code: 'front-row', total: 20, priceCents: 15_000 },
    { code: 'ga', total: 100, priceCents: 7_500 },
  ],
};

export function toNewConcert(concert: TestConcert, startsAt: number): NewConcert {
  const seated = seatsPerTier(concert.seatPlan);
  return {
    id: concert.id,
    name: `Concert ${concert.id}`,
    artist: 'The Testers',
    venue: 'Test Hall',
    timeZone: 'Europe/Paris',
    startsAt: concert.startsAt ?? startsAt,
    salesEndAt: concert.salesEndAt,
    maxTicketsPerBuyer: concert.maxTicketsPerBuyer ?? null,
    onSaleAt: concert.onSaleAt,
    admitPerMinute: concert.admitPerMinute ?? null,
    tiers: concert.tiers.map((tier) => {
      const seats = seated.get(tier.code) ?? 0;
      return {
        code: tier.code,
        name: tier.name ?? tier.code.toUpperCase(),
        priceCents: tier.priceCents ?? 5_000,
        currency: 'USD',
        total: seats > 0 ? seats : tier.total,
        seats,
      };
    }),
  };
}

async function insertConcerts(db: Store, concerts: TestConcert[], now: number): Promise<void> {
  await db.migrate();
  await db.write(async (tx) => {
    for (const concert of concerts) {
      await tx.concerts.insert(toNewConcert(concert, now + 30 * 24 * 3600_000), now);
      if (concert.seatPlan) {
        const tiers = await tx.concerts.tiersForUpdate(concert.id);
        await insertSeatPlan(tx, concert.id, concert.seatPlan, tiers);
      }
    }
  });
}

/**
 * A fresh database file in a temporary folder, migrated and holding the given concerts.
 */
export async function createTestDatabase(
  concerts: TestConcert[],
  now: number,
  busy?: BusyRetryPolicy,
  options: { metrics?: DbMetrics } = {},
): Promise<{ db: SqliteStore; file: string; remove: () => Promise<void> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tickets-test-'));
  const file = path.join(dir, 'tickets.db');
  const db = openSqliteStore(file, busy, { metrics: options.metrics });
  await insertConcerts(db, concerts, now);
  return {
    db,
    file,
    remove: async () => {
      await db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A fresh database of its own on the PostgreSQL test server, migrated and holding the given
 * concerts; for tests skipped where PostgreSQL does not answer (see `postgres-server.ts`).
 * On the server at `options.server` if given: a cluster of the test's own.
 */
export async function createPostgresTestStore(
  concerts: TestConcert[],
  now: number,
  options: { metrics?: DbMetrics; server?: string } = {},
): Promise<{ db: PostgresStore; url: string; remove: () => Promise<void> }> {
  const server = options.server ?? inject('postgresUrl');
  if (server === null) throw new Error('PostgreSQL does not answer: skip this test without it');
  const database = await createPostgresTestDatabase(server);
  const db = openPostgresStore(database.url, { metrics: options.metrics });
  try {
    await insertConcerts(db, concerts, now);
  } catch (error) {
    await db.close();
    await database.drop();
    throw error;
  }
  return {
    db,
    url: database.url,
    remove: async () => {
      await db.close();
      await database.drop();
    },
  };
}

/** Closes the test's server at once, cutting the connections still open (streams, keep-alive). */
export function stopListening(server: Server): Promise<void> {
  return new Promise<void>((resolve) => {
    server.close(() => {
      resolve();
    });
    server.closeAllConnections();
  });
}

/** The store of the test project: PostgreSQL in the postgres project, SQLite elsewhere. */
export function projectStore(): TestStoreName {
  return inject('testStore');
}

/**
 * A database for server processes started by the test, holding the given concerts, and the
 * environment variables that point them at it; on the project's store unless `store` says.
 */
export async function createSharedTestDatabase(
  concerts: TestConcert[],
  store: TestStoreName = projectStore(),
): Promise<{ db: Store; env: Record<string, string>; remove: () => Promise<void> }> {
  if (store === 'postgres') {
    const database = await createPostgresTestStore(concerts, Date.now());
    return { ...database, env: { DATABASE_URL: database.url } };
  }
  const database = await createTestDatabase(concerts, Date.now());
  return { ...database, env: { DATABASE_PATH: database.file } };
}

export interface TestApp<S extends Store = Store> {
  url: string;
  db: S;
  clock: FakeClock;
  config: Config;
  services: Services;
  shopper(name?: string): Shopper;
  close(): Promise<void>;
}

export interface TestAppOptions {
  concerts?: TestConcert[];
  config?: Partial<Config>;
  busy?: BusyRetryPolicy;
  frontendDir?: string;
  payments?: PaymentGateway;
  /** Where the app's log lines go (at level info unless the config says otherwise). */
  logs?: LogCapture;
  /** Served by the Express app alone, without the routes the listener answers before it. */
  expressOnly?: boolean;
}

/**
 * The real HTTP app on 127.0.0.1, a port of its own and a fresh database, driven by a fake clock.
 * The database is on the test project's store (see `projectStore`) unless `store` says which.
 */
export async function startTestApp(
  options: TestAppOptions & { store: 'postgres' },
): Promise<TestApp<PostgresStore>>;
export async function startTestApp(
  options: TestAppOptions & { store: 'sqlite' },
): Promise<TestApp<SqliteStore>>;
// Last, as `Parameters<typeof startTestApp>` reads the last signature: most tests' own.
export async function startTestApp(
  options?: TestAppOptions & { store?: TestStoreName },
): Promise<TestApp>;
export async function startTestApp(
  options: TestAppOptions & { store?: TestStoreName } = {},
): Promise<TestApp> {
  const clock = createFakeClock();
  const metrics = createMetrics();
  const concerts = options.concerts ?? [DEFAULT_TEST_CONCERT];
  const database =
    (options.store ?? projectStore()) === 'postgres'
      ? await createPostgresTestStore(concerts, clock.now(), { metrics })
      : await createTestDatabase(concerts, clock.now(), options.busy, { metrics });
  const where = 'url' in database ? { databaseUrl: database.url } : { databasePath: database.file };
  const config = testConfig({ ...where, ...options.config });
  const logger = options.logs
    ? createLogger(options.config?.logLevel ?? 'info', options.logs.stream)
    : createLogger(config.logLevel);
  const sharedCounts = config.redis && openSharedCounts(config.redis, { logger, clock, metrics });
  await sharedCounts?.firstAttempt;
  const deps = {
    config,
    store: database.db,
    clock,
    payments: options.payments,
    logger,
    metrics,
    frontendDir: options.frontendDir,
    sharedCounts,
  };
  const services = createServices(deps);
  const listener = options.expressOnly
    ? createApp(deps, services)
    : createRequestListener(deps, services);
  const server = await listen(listener, config);
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    db: database.db,
    clock,
    config,
    services,
    shopper: () => createShopper(url),
    async close() {
      services.hub.close();
      await stopListening(server);
      await sharedCounts?.close();
      await database.remove();
    },
  };
}
