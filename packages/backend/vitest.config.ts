import { defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Test the shared package's TypeScript sources directly, without building it first.
  ssr: { resolve: { conditions: ['@ticket-booking/source', ...defaultServerConditions] } },
  test: {
    environment: 'node',
    include: ['src/**/*.test.ts'],
    // Tests that drive Chromium run with the browser tests (`npm run test:e2e`).
    exclude: ['src/**/*.browser.test.ts'],
    // Whether PostgreSQL and Redis answer, asked once: their cases run where they do.
    globalSetup: ['src/test/postgres-global-setup.ts', 'src/test/redis-global-setup.ts'],
    // Race tests start real servers and child processes; give them room on a 2-core machine.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
