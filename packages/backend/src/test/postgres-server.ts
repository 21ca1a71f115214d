import { postgresAnswers } from '../db/postgres/driver.js';

/** The store `startTestApp()` and `createSharedTestDatabase()` use when a test names none. */
export type TestStoreName = 'sqlite' | 'postgres';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The PostgreSQL server the tests make their databases on, or null if it did not answer. */
    postgresUrl: string | null;
    /** The test project's store: `postgres` in the project that runs the suites on PostgreSQL. */
    testStore: TestStoreName;
  }
}

const PG_TEST_URL = process.env.PG_TEST_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * Asks once per run whether PostgreSQL answers at PG_TEST_URL. If not, the postgres project and
 * every PostgreSQL case are skipped with one line saying so, unless PG_REQUIRED=1 (CI), which
 * makes the run fail instead.
 */
export async function findPostgresServer(): Promise<string | null> {
  if (await postgresAnswers(PG_TEST_URL)) return PG_TEST_URL;
  const where = new URL(PG_TEST_URL).host;
  if (process.env.PG_REQUIRED === '1') {
    throw new Error(`PG_REQUIRED=1, but PostgreSQL does not answer at ${where} (PG_TEST_URL)`);
  }
  console.warn(
    `PostgreSQL suite skipped (the postgres project and the PostgreSQL cases): nothing answers at ${where}. Start PostgreSQL there, or point PG_TEST_URL=postgres://… at one, to run it; PG_REQUIRED=1 makes this a failure.`,
  );
  return null;
}
