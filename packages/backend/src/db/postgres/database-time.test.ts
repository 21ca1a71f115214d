import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  createPostgresTestDatabase,
  type PostgresTestDatabase,
} from '../../test/postgres-test-db.js';
import { postgresSkipped } from '../../test/store-kinds.js';
import { openPostgresStore } from './store.js';

describe.skipIf(postgresSkipped())("the PostgreSQL store's clock", () => {
  let database: PostgresTestDatabase;
  beforeAll(async () => {
    database = await createPostgresTestDatabase(inject('postgresUrl') ?? '');
  });
  afterAll(() => database.drop());

  it("tells the database server's time in epoch milliseconds", async () => {
    const store = openPostgresStore(database.url);
    try {
      // The test server runs on this host: its clock is this process's.
      const before = Date.now();
      const told = await store.databaseTime?.();
      const after = Date.now();

      expect(Number.isInteger(told)).toBe(true);
      expect(told).toBeGreaterThanOrEqual(before);
      expect(told).toBeLessThanOrEqual(after);
    } finally {
      await store.close();
    }
  });
});
