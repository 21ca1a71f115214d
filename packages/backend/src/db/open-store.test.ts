import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../config/config.js';
import { createPostgresTestDatabase, type PostgresTestDatabase } from '../test/postgres-test-db.js';
import { postgresSkipped } from '../test/store-kinds.js';
import { openStore } from './open-store.js';
import type { PostgresStore } from './postgres/store.js';
import type { Store } from './store.js';

describe.skipIf(postgresSkipped())('the store opened from the PostgreSQL settings', () => {
  let database: PostgresTestDatabase;
  let store: Store | undefined;
  beforeAll(async () => {
    database = await createPostgresTestDatabase(inject('postgresUrl') ?? '');
  });
  afterEach(async () => {
    await store?.close();
    store = undefined;
  });
  afterAll(() => database.drop());

  it('keeps PG_POOL_SIZE connections at most, waits PG_POOL_WAIT_MS for one, then answers 503 BUSY', async () => {
    const config = loadConfig({
      DATABASE_URL: database.url,
      PG_POOL_SIZE: '3',
      PG_POOL_WAIT_MS: '50',
    });
    const opened = openStore(config) as PostgresStore;
    store = opened;
    await opened.migrate();
    let release!: () => void;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    let taken = 0;
    let allTaken!: () => void;
    const whenAllTaken = new Promise<void>((resolve) => {
      allTaken = resolve;
    });
    // Writes about three concerts: three batches, each on a connection of its own.
    const held = Array.from({ length: 3 }, (_, n) =>
      opened.write(
        async () => {
          taken += 1;
          if (taken === 3) allTaken();
          await released;
        },
        { touches: { concertId: `held-${n}` } },
      ),
    );
    await whenAllTaken;

    const fourth = opened.write((tx) => tx.concerts.count());

    await expect(fourth).rejects.toMatchObject({ code: 'BUSY', status: 503 });
    release();
    await Promise.all(held);
    expect(opened.pool.options).toMatchObject({ max: 3, connectionTimeoutMillis: 50 });
    expect(await opened.write((tx) => tx.concerts.count())).toBe(0);
  });

  it('gives its writes PG_LOCK_TIMEOUT_MS as the longest wait for a row lock, and the other settings their defaults', () => {
    const config = loadConfig({ DATABASE_URL: database.url, PG_LOCK_TIMEOUT_MS: '75' });
    const opened = openStore(config) as PostgresStore;
    store = opened;

    expect(opened.retry.lockTimeoutMs).toBe(75);
    expect(opened.pool.options).toMatchObject({ max: 10, connectionTimeoutMillis: 2000 });
  });
});
