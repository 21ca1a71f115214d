import { afterEach, describe, expect, it } from 'vitest';
import { checkoutRush, statusCounts } from '../../test/checkout-rush.js';
import { countRows, storedTier } from '../../test/inspect.js';
import { pooledFetch, type PooledFetch } from '../../test/pooled-fetch.js';
import { seededRandom, seedFrom } from '../../test/seeded-random.js';
import { NO_ABUSE_LIMITS, startServerProcess } from '../../test/server-process.js';
import { stoppedAfterEach } from '../../test/stopped-after-each.js';
import { postgresSkipped } from '../../test/store-kinds.js';
import { createSharedTestDatabase } from '../../test/test-app.js';

/** Each shopper's quantity follows from this seed: `RUSH_SEED=<seed>` repeats them. */
const SEED = seedFrom('RUSH_SEED');
const CONCERT = 'drop';
const TIER_SIZE = 50;
const SHOPPERS = 2000;
const INSTANCES = 3;
/** Requests in flight to each instance at most; the others wait their turn in the client. */
const SOCKETS_PER_INSTANCE = 32;

describe('a rush of checkouts over three server processes on one PostgreSQL database', () => {
  const started = stoppedAfterEach();
  let client: PooledFetch | undefined;

  afterEach(() => {
    client?.close();
  });

  it.skipIf(postgresSkipped())(
    `${SHOPPERS} shoppers for a tier of ${TIER_SIZE}: exactly ${TIER_SIZE} tickets are granted, every other shopper is told 409, none gets a 5xx`,
    async ({ annotate }) => {
      await annotate(`RUSH_SEED=${SEED}`);
      const random = seededRandom(SEED);
      const quantities = Array.from({ length: SHOPPERS }, () => 1 + Math.floor(random() * 4));
      const database = started.database(
        await createSharedTestDatabase(
          [{ id: CONCERT, tiers: [{ code: 'ga', total: TIER_SIZE }] }],
          'postgres',
        ),
      );
      const servers = started.servers(
        await Promise.all(
          Array.from({ length: INSTANCES }, () =>
            startServerProcess({ ...database.env, ...NO_ABUSE_LIMITS }),
          ),
        ),
      );
      client = pooledFetch(SOCKETS_PER_INSTANCE);

      const answers = await checkoutRush(
        servers.map((server) => server.url),
        CONCERT,
        'ga',
        quantities,
        client.fetch,
      );

      const granted = answers.filter((res) => res.status === 201);
      const refused = answers.filter((res) => res.status === 409);
      expect(statusCounts(answers), `RUSH_SEED=${SEED}`).toEqual({
        201: granted.length,
        409: SHOPPERS - granted.length,
      });
      for (const res of granted) {
        expect(res.body.hold.items).toMatchObject([{ tier: 'ga', quantity: res.quantity }]);
      }
      expect(granted.reduce((sum, res) => sum + res.quantity, 0)).toBe(TIER_SIZE);
      expect(refused.every((res) => res.body.error.code === 'NOT_ENOUGH_TICKETS')).toBe(true);
      expect(await storedTier(database.db, CONCERT, 'ga')).toEqual({
        total: TIER_SIZE,
        sold: 0,
        heldCounter: TIER_SIZE,
        inHoldRows: TIER_SIZE,
        inBookings: 0,
      });
      expect(await countRows(database.db, 'holds')).toBe(granted.length);
    },
  );
});
