import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { baseConfig } from './vitest.config.js';

/** The backend's tests that drive Debian's Chromium; `npm run test:e2e` runs them. */
export default defineConfig({
  ...baseConfig,
  root: fileURLToPath(new URL('.', import.meta.url)),
  test: {
    ...baseConfig.test,
    provide: { postgresUrl: null, testStore: 'sqlite' },
    include: ['src/**/*.browser.test.ts'],
  },
});
