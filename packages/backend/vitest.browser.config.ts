import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import base from './vitest.config.js';

/** The backend's tests that drive Debian's Chromium; `npm run test:e2e` runs them. */
export default defineConfig({
  ...base,
  root: fileURLToPath(new URL('.', import.meta.url)),
  test: { ...base.test, include: ['src/**/*.browser.test.ts'], exclude: [] },
});
