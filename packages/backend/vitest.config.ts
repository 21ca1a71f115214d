import { defaultServerConditions } from 'vite';
import { defineConfig, type ViteUserConfig } from 'vitest/config';
import { findPostgresServer } from './src/test/postgres-server.js';

/** What every backend test run shares, the browser tests' included. */
export const baseConfig = {
  // Test the shared package's TypeScript sources directly, without building it first.
  ssr: { resolve: { conditions: ['@ticket-booking/source', ...defaultServerConditions] } },
  test: {
    environment: 'node',
    // Whether Redis answers, asked once: its cases run where it does.
    globalSetup: ['src/test/redis-global-setup.ts'],
    // Race tests start real servers and child processes; give them room on a 2-core machine.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
} satisfies ViteUserConfig;

/** Tests that drive Chromium run with the browser tests (`npm run test:e2e`). */
const BROWSER_TESTS = 'src/**/*.browser.test.ts';

/**
 * The suites the postgres project runs again with PostgreSQL as the store tests get when they
 * name none: the API, race, idempotency, crash and fuzz tests.
 */
const POSTGRES_SUITES = [
  'src/**/*.api.test.ts',
  'src/**/*.race.test.ts',
  'src/**/*.fuzz.test.ts',
  'src/modules/idempotency/*.test.ts',
  'src/crash-safety.process.test.ts',
];

/** Of those, the ones that are not for the postgres project to run again. */
const NOT_AGAIN_ON_POSTGRES = [
  // SQLite's own: its busy retries and write lock.
  'src/db/sqlite/**',
  // Already run each case on both stores themselves.
  'src/modules/holds/holds.race.test.ts',
  'src/modules/seating/seating.race.test.ts',
  'src/modules/idempotency/idempotency.process.test.ts',
  'src/http/shared-limits.api.test.ts',
];

export default defineConfig(async () => {
  const postgresUrl = await findPostgresServer();
  return {
    ...baseConfig,
    test: {
      ...baseConfig.test,
      provide: { postgresUrl, testStore: 'sqlite' },
      projects: [
        {
          extends: true,
          test: { name: 'sqlite', include: ['src/**/*.test.ts'], exclude: [BROWSER_TESTS] },
        },
        // Left out, with one line saying so, where PostgreSQL does not answer.
        ...(postgresUrl === null
          ? []
          : [
              {
                extends: true,
                test: {
                  name: 'postgres',
                  include: POSTGRES_SUITES,
                  exclude: NOT_AGAIN_ON_POSTGRES,
                  provide: { testStore: 'postgres' },
                },
              },
            ]),
      ],
    },
  };
});
