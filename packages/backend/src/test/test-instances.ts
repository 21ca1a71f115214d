import type { AddressInfo } from 'node:net';
import { createRequestListener, createServices, type Services } from '../app.js';
import type { Config } from '../config/config.js';
import { openPostgresStore, type PostgresStore } from '../db/postgres/store.js';
import { listen } from '../http/server.js';
import { createLogger } from '../observability/logger.js';
import { createMetrics } from '../observability/metrics.js';
import { openSharedCounts } from '../redis/shared-counts.js';
import { createFakeClock, type FakeClock } from './fake-clock.js';
import { createShopper, type Shopper } from './shopper.js';
import { createPostgresTestStore, DEFAULT_TEST_CONCERT, stopListening } from './test-app.js';
import { testConfig } from './test-config.js';

/** One instance of the server, in this process, as a load balancer would see it. */
export interface TestInstance {
  url: string;
  clock: FakeClock;
  services: Services;
  shopper(): Shopper;
  close(): Promise<void>;
}

export interface TestInstances {
  instances: TestInstance[];
  /** The database they share, for the test to read what was stored. */
  db: PostgresStore;
  /** Its URL, for server processes to join them. */
  url: string;
  /** One more instance on the database, started at `clockStart` (the others' start unless given). */
  add(clockStart?: number): Promise<TestInstance>;
  close(): Promise<void>;
}

/**
 * `count` instances of the server on one fresh PostgreSQL database, each with a pool, a clock,
 * metrics and (with `config.redis`) a Redis connection of its own, as separate servers have.
 */
export async function startTestInstances(
  count: number,
  config: Partial<Config>,
): Promise<TestInstances> {
  const start = createFakeClock().now();
  const database = await createPostgresTestStore([DEFAULT_TEST_CONCERT], start);
  const instances: TestInstance[] = [];

  async function add(clockStart = start): Promise<TestInstance> {
    const clock = createFakeClock(clockStart);
    const full = testConfig({ ...config, databaseUrl: database.url });
    const store = openPostgresStore(database.url);
    // Migrated already: this only reads what an instance reads at its start.
    await store.migrate();
    const logger = createLogger(full.logLevel);
    const metrics = createMetrics();
    const sharedCounts = full.redis && openSharedCounts(full.redis, { logger, clock, metrics });
    await sharedCounts?.firstAttempt;
    const deps = { config: full, store, clock, logger, metrics, sharedCounts };
    const services = createServices(deps);
    const server = await listen(createRequestListener(deps, services), full);
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const instance: TestInstance = {
      url,
      clock,
      services,
      shopper: () => createShopper(url),
      async close() {
        services.hub.close();
        await stopListening(server);
        await sharedCounts?.close();
        await store.close();
      },
    };
    instances.push(instance);
    return instance;
  }

  for (let i = 0; i < count; i += 1) await add();
  return {
    instances,
    db: database.db,
    url: database.url,
    add,
    async close() {
      await Promise.all(instances.map((instance) => instance.close()));
      await database.remove();
    },
  };
}
