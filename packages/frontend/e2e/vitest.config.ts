import { defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';

/**
 * End-to-end tests: real shoppers in Debian's Chromium against the built product. One file at a
 * time, each with its own server and database, so scenarios never share tickets or CPU.
 */
export default defineConfig({
  ssr: { resolve: { conditions: ['@ticket-booking/source', ...defaultServerConditions] } },
  test: {
    root: import.meta.dirname,
    include: ['**/*.e2e.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 60_000,
  },
});
