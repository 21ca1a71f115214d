import { randomBytes } from 'node:crypto';
import { openPostgresStore, type PostgresStore } from '../db/postgres/store.js';

export interface PostgresTestDatabase {
  url: string;
  /** Drops it, ending whatever connections are still open on it. */
  drop(): Promise<void>;
}

async function administer<T>(server: string, fn: (admin: PostgresStore) => Promise<T>): Promise<T> {
  const admin = openPostgresStore(server, { poolSize: 1 });
  try {
    return await fn(admin);
  } finally {
    await admin.close();
  }
}

/** A new, empty database of its own on the test server at `server`. */
export async function createPostgresTestDatabase(server: string): Promise<PostgresTestDatabase> {
  const name = `tickets_test_${randomBytes(6).toString('hex')}`;
  await administer(server, (admin) => admin.pool.query(`CREATE DATABASE ${name}`));
  const url = new URL(server);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      await administer(server, (admin) =>
        admin.pool.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
      );
    },
  };
}
