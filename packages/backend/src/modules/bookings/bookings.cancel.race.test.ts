import { describe, expect, it } from 'vitest';
import type { Store } from '../../db/store.js';
import { countRows, storedTier } from '../../test/inspect.js';
import { NO_ABUSE_LIMITS, startServerProcess } from '../../test/server-process.js';
import { createShopper } from '../../test/shopper.js';
import { stoppedAfterEach } from '../../test/stopped-after-each.js';
import { createSharedTestDatabase, startTestApp } from '../../test/test-app.js';
import { NO_ABUSE_LIMITS_CONFIG } from '../../test/test-config.js';

const CONCERT = 'sold-out';
const TOTAL = 20;
/** What the cancelled booking gives back: the only tickets anyone can get. */
const FREED = 5;
const SHOPPERS = 120;
const CONCERTS = [{ id: CONCERT, tiers: [{ code: 'ga', total: TOTAL }] }];

async function buy(url: string, quantity: number) {
  const shopper = createShopper(url);
  expect((await shopper.checkout(CONCERT, [{ tier: 'ga', quantity }])).status).toBe(201);
  const res = await shopper.book(CONCERT);
  expect(res.status).toBe(201);
  return { shopper, bookingId: res.body.booking.id as string };
}

/**
 * Sells the tier out, then sends one cancellation in the middle of a rush of new shoppers,
 * each after one ticket, all at the same moment, spread over the given servers.
 */
async function cancelDuringRush(urls: string[]) {
  const at = (i: number) => urls[i % urls.length] ?? '';
  const owner = await buy(at(0), FREED);
  await buy(at(1), 10);
  await buy(at(0), TOTAL - FREED - 10);
  const checkout = (i: number) =>
    createShopper(at(i)).checkout(CONCERT, [{ tier: 'ga', quantity: 1 }]);

  const half = SHOPPERS / 2;
  const [before, cancelled, after] = await Promise.all([
    Promise.all(Array.from({ length: half }, (_, i) => checkout(i))),
    owner.shopper.cancelBooking(owner.bookingId),
    Promise.all(Array.from({ length: half }, (_, i) => checkout(half + i))),
  ]);
  const responses = [...before, ...after];
  const count = (status: number) => responses.filter((r) => r.status === status).length;
  return { responses, cancelled, granted: count(201), refused: count(409) };
}

async function expectCountersMatchRows(db: Store, granted: number): Promise<void> {
  const tier = await storedTier(db, CONCERT, 'ga');
  expect(tier).toEqual({
    total: TOTAL,
    sold: TOTAL - FREED,
    heldCounter: granted,
    inHoldRows: granted,
    inBookings: TOTAL - FREED,
  });
  expect(tier.sold + tier.heldCounter).toBeLessThanOrEqual(tier.total);
  expect(await countRows(db, 'holds')).toBe(granted);
}

describe('a cancellation racing a rush of checkouts for a sold-out tier', () => {
  const started = stoppedAfterEach();

  it(`${SHOPPERS} shoppers racing for ${FREED} freed tickets: no more than those are held`, async () => {
    const app = started.app(
      await startTestApp({
        concerts: CONCERTS,
        config: { abuseLimits: NO_ABUSE_LIMITS_CONFIG },
      }),
    );

    const { cancelled, granted, refused } = await cancelDuringRush([app.url]);

    expect(cancelled.status).toBe(200);
    expect(granted).toBeLessThanOrEqual(FREED);
    expect(granted + refused).toBe(SHOPPERS);
    await expectCountersMatchRows(app.db, granted);
  });

  it('the same race against two server processes sharing one database: no 5xx, no oversell', async () => {
    const database = started.database(await createSharedTestDatabase(CONCERTS));
    const servers = started.servers(
      await Promise.all([
        startServerProcess({ ...database.env, ...NO_ABUSE_LIMITS }),
        startServerProcess({ ...database.env, ...NO_ABUSE_LIMITS }),
      ]),
    );

    const { responses, cancelled, granted, refused } = await cancelDuringRush(
      servers.map((server) => server.url),
    );

    expect(responses.filter((r) => r.status >= 500)).toEqual([]);
    expect(cancelled.status).toBe(200);
    expect(granted).toBeLessThanOrEqual(FREED);
    expect(granted + refused).toBe(SHOPPERS);
    await expectCountersMatchRows(database.db, granted);
  });
});
