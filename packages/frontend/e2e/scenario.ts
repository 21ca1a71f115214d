import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { launchBrowser, startProductServer, type ProductServer } from './harness.js';
import { openShopper, saveArtifacts, type Shopper, type ShopperOptions } from './shopper.js';

/**
 * Short hold timings, so that what takes minutes for a real shopper takes seconds here:
 * a 20 s hold, released after 8 s idle, heartbeats every 2 s, cleanup every second.
 */
export const E2E_TIMINGS = {
  HOLD_DURATION_MS: '20000',
  HOLD_INACTIVITY_TIMEOUT_MS: '8000',
  HEARTBEAT_INTERVAL_MS: '2000',
  HOLD_HIDDEN_GRACE_MS: '2000',
  HOLD_LEAVE_GRACE_MS: '3000',
  HOLD_HARD_CAP_MS: '60000',
  HOLD_CLEANUP_INTERVAL_MS: '1000',
  // Shoppers read their mail in the developers' outbox: sent as by default.
  MAIL_POLL_INTERVAL_MS: '1000',
};

/**
 * With heartbeats 15 times as frequent, a session writes far more often than a real shopper's,
 * so the session limit is off. The per-address limit and stream cap keep their defaults: a few
 * shoppers on one address, as behind a NAT, stay well within them.
 */
export const E2E_LIMITS = { RATE_LIMIT_SESSION_PER_MIN: '0' };

/**
 * One built server on a fresh demo database (with `env` on top of the short timings) and one
 * Chromium for the file's scenarios; each scenario's shoppers get browser contexts of their own,
 * closed after it. A failed scenario leaves screenshots and console logs behind.
 */
export function setUpProduct(env: Record<string, string> = {}) {
  let server: ProductServer | undefined;
  let browser: Browser | undefined;
  let shoppers: Shopper[] = [];

  beforeAll(async () => {
    server = await startProductServer({ ...E2E_TIMINGS, ...E2E_LIMITS, ...env });
    browser = await launchBrowser();
  });

  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail') {
      const dir = await saveArtifacts(task.name, shoppers);
      console.error(`Screenshots and console logs of the failed scenario: ${dir}`);
    }
    await Promise.all(shoppers.map((shopper) => shopper.context.close()));
    const violations = shoppers.flatMap((shopper) => shopper.cspViolations);
    shoppers = [];
    expect(violations).toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  return {
    get url(): string {
      if (!server) throw new Error('server not started');
      return server.url;
    },
    /** The server's database file, for a scenario that sets up what no request can. */
    get databasePath(): string {
      if (!server) throw new Error('server not started');
      return server.databasePath;
    },
    async shopper(name: string, options: ShopperOptions = {}): Promise<Shopper> {
      if (!browser || !server) throw new Error('not started');
      const shopper = await openShopper(browser, server.url, name, options);
      shoppers.push(shopper);
      return shopper;
    },
  };
}
