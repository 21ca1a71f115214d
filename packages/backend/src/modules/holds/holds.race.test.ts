import { describe, expect, it } from 'vitest';
import { NO_ABUSE_LIMITS_CONFIG } from '../../test/test-config.js';
import { countRows, storedTier } from '../../test/inspect.js';
import { NO_ABUSE_LIMITS, startServerProcess } from '../../test/server-process.js';
import { createShopper } from '../../test/shopper.js';
import { stoppedAfterEach } from '../../test/stopped-after-each.js';
import { postgresSkipped } from '../../test/store-kinds.js';
import { createSharedTestDatabase, startTestApp } from '../../test/test-app.js';

const CONCERT = 'drop';
const TIER_SIZE = 50;
const SHOPPERS = 300;

/** Every shopper is a new browser: its own session, one ticket, all at the same moment. */
async function rush(urls: string[]) {
  const responses = await Promise.all(
    Array.from({ length: SHOPPERS }, (_, i) =>
      createShopper(urls[i % urls.length] ?? '').checkout(CONCERT, [{ tier: 'ga', quantity: 1 }]),
    ),
  );
  const count = (status: number) => responses.filter((r) => r.status === status).length;
  return { responses, granted: count(201), refused: count(409) };
}

const STORED_AFTER_RUSH = {
  total: TIER_SIZE,
  sold: 0,
  heldCounter: TIER_SIZE,
  inHoldRows: TIER_SIZE,
  inBookings: 0,
};

describe.each([
  ['SQLite', 'sqlite', false],
  ['PostgreSQL', 'postgres', postgresSkipped()],
] as const)('a rush of parallel checkouts on %s', (_, store, skip) => {
  const started = stoppedAfterEach();

  it.skipIf(skip)(
    `${SHOPPERS} shoppers racing for ${TIER_SIZE} tickets: exactly ${TIER_SIZE} are granted, none gets a 5xx`,
    async () => {
      const app = started.app(
        await startTestApp({
          store,
          concerts: [{ id: CONCERT, tiers: [{ code: 'ga', total: TIER_SIZE }] }],
          config: { abuseLimits: NO_ABUSE_LIMITS_CONFIG },
        }),
      );

      const { responses, granted, refused } = await rush([app.url]);

      expect(responses.filter((r) => r.status >= 500)).toEqual([]);
      expect(granted).toBe(TIER_SIZE);
      expect(refused).toBe(SHOPPERS - TIER_SIZE);
      expect(
        responses
          .filter((r) => r.status === 409)
          .every((r) => r.body.error.code === 'NOT_ENOUGH_TICKETS'),
      ).toBe(true);
      expect(await storedTier(app.db, CONCERT, 'ga')).toEqual(STORED_AFTER_RUSH);
      expect(await countRows(app.db, 'holds')).toBe(TIER_SIZE);
    },
  );

  it.skipIf(skip)(
    'the same race against two server processes sharing one database: no 5xx, no oversell',
    async () => {
      const database = started.database(
        await createSharedTestDatabase(
          [{ id: CONCERT, tiers: [{ code: 'ga', total: TIER_SIZE }] }],
          store,
        ),
      );
      const servers = started.servers(
        await Promise.all([
          startServerProcess({ ...database.env, ...NO_ABUSE_LIMITS }),
          startServerProcess({ ...database.env, ...NO_ABUSE_LIMITS }),
        ]),
      );

      const { responses, granted, refused } = await rush(servers.map((server) => server.url));

      expect(responses.filter((r) => r.status >= 500)).toEqual([]);
      expect(granted).toBe(TIER_SIZE);
      expect(refused).toBe(SHOPPERS - TIER_SIZE);
      expect(await storedTier(database.db, CONCERT, 'ga')).toEqual(STORED_AFTER_RUSH);
    },
  );
});
