import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createApp, createRequestListener, createServices, type Services } from '../app.js';
import type { Config } from '../config/config.js';
import {
  openSqliteStore,
  type BusyRetryPolicy,
  type DbMetrics,
  type SqliteStore,
} from '../db/sqlite/store.js';
import { listen } from '../http/server.js';
import type { PaymentGateway } from '../modules/bookings/payment-gateway.js';
import type { NewConcert } from '../modules/concerts/concerts.repo.js';
import { createLogger } from '../observability/logger.js';
import { createMetrics } from '../observability/metrics.js';
import { createFakeClock, type FakeClock } from './fake-clock.js';
import type { LogCapture } from './log-capture.js';
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
  tiers: TestTier[];
  /** Epoch milliseconds; 30 days after the clock's start unless given. */
  startsAt?: number;
  /** Epoch milliseconds; the start unless given. */
  salesEndAt?: number;
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
  return {
    id: concert.id,
    name: `Concert ${concert.id}`,
    artist: 'The Testers',
    venue: 'Test Hall',
    timeZone: 'Europe/Paris',
    startsAt: concert.startsAt ?? startsAt,
    salesEndAt: concert.salesEndAt,
    tiers: concert.tiers.map((tier) => ({
      code: tier.code,
      name: tier.name ?? tier.code.toUpperCase(),
      priceCents: tier.priceCents ?? 5_000,
      currency: 'USD',
      total: tier.total,
    })),
  };
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
  await db.migrate();
  await db.write(async (tx) => {
    for (const concert of concerts) {
      await tx.concerts.insert(toNewConcert(concert, now + 30 * 24 * 3600_000), now);
    }
  });
  return {
    db,
    file,
    remove: async () => {
      await db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface TestApp {
  url: string;
  db: SqliteStore;
  clock: FakeClock;
  config: Config;
  services: Services;
  shopper(name?: string): Shopper;
  close(): Promise<void>;
}

/** The real HTTP app on 127.0.0.1, a port of its own and a fresh database, driven by a fake clock. */
export async function startTestApp(
  options: {
    concerts?: TestConcert[];
    config?: Partial<Config>;
    busy?: BusyRetryPolicy;
    frontendDir?: string;
    payments?: PaymentGateway;
    /** Where the app's log lines go (at level info unless the config says otherwise). */
    logs?: LogCapture;
    /** Served by the Express app alone, without the routes the listener answers before it. */
    expressOnly?: boolean;
  } = {},
): Promise<TestApp> {
  const clock = createFakeClock();
  const metrics = createMetrics();
  const database = await createTestDatabase(
    options.concerts ?? [DEFAULT_TEST_CONCERT],
    clock.now(),
    options.busy,
    { metrics },
  );
  const config = testConfig({ databasePath: database.file, ...options.config });
  const logger = options.logs
    ? createLogger(options.config?.logLevel ?? 'info', options.logs.stream)
    : createLogger(config.logLevel);
  const deps = {
    config,
    store: database.db,
    clock,
    payments: options.payments,
    logger,
    metrics,
    frontendDir: options.frontendDir,
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
      await new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
        server.closeAllConnections();
      });
      await database.remove();
    },
  };
}
