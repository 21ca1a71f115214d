import type { TestProject } from 'vitest/node';
import { postgresAnswers } from '../db/postgres/driver.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The PostgreSQL server the tests make their databases on, or null if it did not answer. */
    postgresUrl: string | null;
  }
}

const PG_TEST_URL = process.env.PG_TEST_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * Asks once per run whether PostgreSQL answers at PG_TEST_URL. If not, its cases are skipped
 * with one line saying so, unless PG_REQUIRED=1 (CI), which makes the run fail instead.
 */
export default async function setup(project: TestProject): Promise<void> {
  if (await postgresAnswers(PG_TEST_URL)) {
    project.provide('postgresUrl', PG_TEST_URL);
    return;
  }
  const where = new URL(PG_TEST_URL).host;
  if (process.env.PG_REQUIRED === '1') {
    throw new Error(`PG_REQUIRED=1, but PostgreSQL does not answer at ${where} (PG_TEST_URL)`);
  }
  console.warn(
    `PostgreSQL suite skipped: nothing answers at ${where}. Start PostgreSQL there, or point PG_TEST_URL=postgres://… at one, to run it; PG_REQUIRED=1 makes this a failure.`,
  );
  project.provide('postgresUrl', null);
}
