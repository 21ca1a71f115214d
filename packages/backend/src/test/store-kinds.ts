import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, inject } from 'vitest';
import { openPostgresStore, type PostgresStoreOptions } from '../db/postgres/store.js';
import { openSqliteStore } from '../db/sqlite/store.js';
import type { DbMetrics, Store } from '../db/store.js';
import { createPostgresTestDatabase, type PostgresTestDatabase } from './postgres-test-db.js';

export type StoreName = 'SQLite' | 'PostgreSQL';

/** An empty, unmigrated database for one test; every store opened on it shares it. */
export interface TestDatabase {
  open: (options?: { metrics?: DbMetrics }) => Store;
  /** Closes the stores opened on it and removes it. */
  remove: () => Promise<void>;
}

export interface StoreKind {
  name: StoreName;
  /** PostgreSQL did not answer (the run says so once): its cases are skipped. */
  skip: boolean;
  database: () => Promise<TestDatabase>;
}

function tracked(open: (options?: { metrics?: DbMetrics }) => Store) {
  const opened: Store[] = [];
  return {
    open: (options?: { metrics?: DbMetrics }) => {
      const store = open(options);
      opened.push(store);
      return store;
    },
    closeAll: () => Promise.all(opened.map((store) => store.close())),
  };
}

const sqlite: StoreKind = {
  name: 'SQLite',
  skip: false,
  database() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tickets-store-'));
    const file = path.join(dir, 'tickets.db');
    const stores = tracked((options) =>
      openSqliteStore(file, undefined, { metrics: options?.metrics, changePollMs: 10 }),
    );
    return Promise.resolve({
      open: stores.open,
      async remove() {
        await stores.closeAll();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    });
  },
};

/**
 * One PostgreSQL database per test file, made before its tests and dropped after them; each
 * test starts it over empty (a new `public` schema), as a new SQLite file is.
 */
function postgres(url: string | null, options: PostgresStoreOptions): StoreKind {
  let database: PostgresTestDatabase | undefined;
  if (url !== null) {
    beforeAll(async () => {
      database = await createPostgresTestDatabase(url);
    });
    afterAll(() => database?.drop());
  }
  return {
    name: 'PostgreSQL',
    skip: url === null,
    async database() {
      if (!database) throw new Error('no PostgreSQL test database');
      const { url: dbUrl } = database;
      const reset = openPostgresStore(dbUrl, { poolSize: 1 });
      await reset.pool.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public');
      await reset.close();
      const stores = tracked((more) => openPostgresStore(dbUrl, { ...options, ...more }));
      return {
        open: stores.open,
        async remove() {
          await stores.closeAll();
        },
      };
    },
  };
}

/** PostgreSQL did not answer when the run began: its cases are skipped (the run says so once). */
export function postgresSkipped(): boolean {
  return inject('postgresUrl') === null;
}

/** Both stores, for `describe.each`: call it at the top of a test file. */
export function storeKinds(options: PostgresStoreOptions = {}): StoreKind[] {
  return [sqlite, postgres(inject('postgresUrl'), options)];
}
