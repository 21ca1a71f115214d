import type { TestProject } from 'vitest/node';
import { redisAnswers } from '../redis/redis.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The Redis server the shared-limits tests count in, or null if it did not answer. */
    redisUrl: string | null;
  }
}

const REDIS_TEST_URL = process.env.REDIS_TEST_URL ?? 'redis://127.0.0.1:6379';

/**
 * Asks once per run whether Redis answers at REDIS_TEST_URL. If not, its cases are skipped with
 * one line saying so, unless REDIS_REQUIRED=1 (CI), which makes the run fail instead.
 */
export default async function setup(project: TestProject): Promise<void> {
  if (await redisAnswers(REDIS_TEST_URL)) {
    project.provide('redisUrl', REDIS_TEST_URL);
    return;
  }
  const where = new URL(REDIS_TEST_URL).host;
  if (process.env.REDIS_REQUIRED === '1') {
    throw new Error(`REDIS_REQUIRED=1, but Redis does not answer at ${where} (REDIS_TEST_URL)`);
  }
  console.warn(
    `Shared-limits suite skipped: no Redis answers at ${where}. Start Redis there, or point REDIS_TEST_URL=redis://… at one, to run it; REDIS_REQUIRED=1 makes this a failure.`,
  );
  project.provide('redisUrl', null);
}
