import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  createPostgresTestDatabase,
  type PostgresTestDatabase,
} from '../../test/postgres-test-db.js';
import { postgresSkipped } from '../../test/store-kinds.js';
import { openPostgresStore, type PostgresStore } from './store.js';

const CONCERT = 'feed-show';

describe.skipIf(postgresSkipped())('the PostgreSQL change feed', () => {
  let database: PostgresTestDatabase;
  const stores: PostgresStore[] = [];
  beforeAll(async () => {
    database = await createPostgresTestDatabase(inject('postgresUrl') ?? '');
  });
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((store) => store.close()));
  });
  afterAll(() => database.drop());

  async function open(): Promise<PostgresStore> {
    const store = openPostgresStore(database.url);
    stores.push(store);
    await store.migrate();
    return store;
  }

  /** Resolves once `count()` has grown past `from`, polling as the feed runs on its own. */
  async function until(count: () => number, from: number): Promise<void> {
    for (let tries = 0; count() === from && tries < 250; tries += 1) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(count()).toBeGreaterThan(from);
  }

  it('listens again after its connection is cut, has its listeners re-read, and hears the next change', async () => {
    const [a, b] = [await open(), await open()];
    await a.write((tx) =>
      tx.concerts.insert(
        {
          id: CONCERT,
          name: 'Feed',
          artist: 'The Testers',
          venue: 'Hall',
          timeZone: 'UTC',
          startsAt: Date.now() + 86_400_000,
          maxTicketsPerBuyer: null,
          tiers: [{ code: 'ga', name: 'GA', priceCents: 100, currency: 'USD', total: 5 }],
        },
        Date.now(),
      ),
    );
    let calls = 0;
    const stop = b.changes.subscribe(() => {
      calls += 1;
    });
    // Its first LISTEN has the listeners re-read once.
    await until(() => calls, 0);

    const cut = calls;
    await a.pool.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
       WHERE application_name = 'ticket-booking feed' AND datname = current_database()`,
    );
    await until(() => calls, cut);
    const listening = calls;
    await a.write((tx) => tx.concerts.bumpVersion(CONCERT));
    await until(() => calls, listening);
    stop();
  });
});
