import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  createPostgresTestDatabase,
  type PostgresTestDatabase,
} from '../../test/postgres-test-db.js';
import { freePort } from '../../test/free-port.js';
import { postgresSkipped } from '../../test/store-kinds.js';
import { openPostgresStore, type PostgresStore, type PostgresStoreOptions } from './store.js';
import { PREPARE_BATCH } from './unit-of-work.js';

const CONCERT = 'busy-show';

describe.skipIf(postgresSkipped())('the PostgreSQL store under load', () => {
  let database: PostgresTestDatabase;
  const stores: PostgresStore[] = [];
  beforeAll(async () => {
    database = await createPostgresTestDatabase(inject('postgresUrl') ?? '');
    const store = openPostgresStore(database.url);
    await store.migrate();
    await store.write((tx) =>
      tx.concerts.insert(
        {
          id: CONCERT,
          name: 'Busy',
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
    await store.close();
  });
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((store) => store.close()));
  });
  afterAll(() => database.drop());

  async function open(options: PostgresStoreOptions = {}): Promise<PostgresStore> {
    const store = openPostgresStore(database.url, options);
    stores.push(store);
    await store.migrate();
    return store;
  }

  it("prepares the batches' statements on the migrated schema", async () => {
    // A batch whose statements fail is run again write by write: answers stay right, so only
    // this tells that the batches themselves work.
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      await expect(client.query(PREPARE_BATCH)).resolves.toBeDefined();
    } finally {
      await client.end();
    }
  });

  it('answers 503 BUSY, reads and writes alike, when every connection stays taken', async () => {
    const store = await open({ poolSize: 1, acquireTimeoutMs: 50 });
    let release!: () => void;
    let taken!: () => void;
    const connectionTaken = new Promise<void>((resolve) => {
      taken = resolve;
    });
    const held = store.write(
      () =>
        new Promise<void>((resolve) => {
          release = resolve;
          taken();
        }),
    );
    await connectionTaken;

    const [write, read] = await Promise.allSettled([
      store.write((tx) => tx.concerts.bumpVersion(CONCERT)),
      store.concerts.count(),
    ]);
    release();
    await held;

    expect([write, read]).toMatchObject([
      { status: 'rejected', reason: { code: 'BUSY', status: 503, retryAfterSeconds: 1 } },
      { status: 'rejected', reason: { code: 'BUSY', status: 503 } },
    ]);
    expect(await store.concerts.count()).toBe(1);
  });

  it('tries a write that waits too long for a row lock again, counting each retry, then answers 503 BUSY', async () => {
    let retries = 0;
    const store = await open({
      retry: { retries: 2, baseDelayMs: 1, maxDelayMs: 2, lockTimeoutMs: 50 },
      metrics: {
        busyRetry: () => {
          retries += 1;
        },
      },
    });
    const other = await open();
    const locker = await other.pool.connect();
    await locker.query('BEGIN');
    await locker.query('SELECT 1 FROM concerts WHERE id = $1 FOR UPDATE', [CONCERT]);

    const write = store.write((tx) => tx.concerts.tiersForUpdate(CONCERT));

    await expect(write).rejects.toMatchObject({ code: 'BUSY', status: 503 });
    await locker.query('ROLLBACK');
    locker.release();
    expect(retries).toBe(2);
    expect(await store.write((tx) => tx.concerts.tiersForUpdate(CONCERT))).toHaveLength(1);
  });

  it('answers 503 BUSY, reads and writes alike, while nothing answers at its address', async () => {
    const url = new URL(database.url);
    url.port = String(await freePort());
    const store = openPostgresStore(url.toString());
    stores.push(store);

    const [write, read] = await Promise.allSettled([
      store.write((tx) => tx.concerts.bumpVersion(CONCERT)),
      store.concerts.count(),
    ]);

    expect([write, read]).toMatchObject([
      { status: 'rejected', reason: { code: 'BUSY', status: 503, retryAfterSeconds: 1 } },
      { status: 'rejected', reason: { code: 'BUSY', status: 503 } },
    ]);
  });

  it('answers 503 BUSY to a write whose connection the database ends, and goes on with new connections', async () => {
    const store = await open();
    const admin = await open({ poolSize: 1 });
    let cut!: () => void;
    const whenCut = new Promise<void>((resolve) => {
      cut = resolve;
    });
    let inside!: () => void;
    const whenInside = new Promise<void>((resolve) => {
      inside = resolve;
    });

    const write = store.write(async (tx) => {
      await tx.concerts.bumpVersion(CONCERT);
      inside();
      await whenCut;
      await tx.concerts.bumpVersion(CONCERT);
    });
    await whenInside;
    const ended = await admin.pool.query<{ ended: boolean }>(
      `SELECT pg_terminate_backend(pid) AS ended FROM pg_stat_activity
        WHERE datname = current_database() AND pid <> pg_backend_pid()
          AND application_name = 'ticket-booking'`,
    );
    cut();

    await expect(write).rejects.toMatchObject({ code: 'BUSY', status: 503 });
    expect(ended.rows.length).toBeGreaterThan(0);
    const before = await store.concerts.availability(CONCERT, Date.now());
    await store.write((tx) => tx.concerts.bumpVersion(CONCERT));
    expect((await store.concerts.availability(CONCERT, Date.now()))?.version).toBe(
      (before?.version ?? 0) + 1,
    );
  });
});
