import { afterEach, describe, expect, it } from 'vitest';
import { createServices, type Services } from '../app.js';
import { AppError } from '../lib/app-error.js';
import { cancelBooking, createBooking } from '../modules/bookings/bookings.service.js';
import { checkout } from '../modules/holds/index.js';
import { createFakeClock } from '../test/fake-clock.js';
import { alone, BUYER, GOOD_CARD } from '../test/shopper.js';
import { storeKinds, type TestDatabase } from '../test/store-kinds.js';
import { toNewConcert } from '../test/test-app.js';
import { NO_ABUSE_LIMITS_CONFIG, testConfig } from '../test/test-config.js';
import type { Store } from './store.js';

const CONCERT = 'drop';
const DAY_MS = 24 * 3600_000;
const ONE_TICKET = { concertId: CONCERT, items: [{ tier: 'ga', quantity: 1 }] };
const TWO_TICKETS = { concertId: CONCERT, items: [{ tier: 'ga', quantity: 2 }] };
const PURCHASE = { concertId: CONCERT, buyer: BUYER, payment: GOOD_CARD };

/** Services over a migrated store holding one concert with one tier of `total` tickets. */
async function servicesWith(store: Store, total: number): Promise<Services> {
  const clock = createFakeClock();
  await store.migrate();
  await store.write(async (tx) => {
    await tx.concerts.insert(
      toNewConcert({ id: CONCERT, tiers: [{ code: 'ga', total }] }, clock.now() + 30 * DAY_MS),
      clock.now(),
    );
  });
  return createServices({
    config: testConfig({ abuseLimits: NO_ABUSE_LIMITS_CONFIG }),
    store,
    clock,
  });
}

/** The stored counters, as the next write would find them. */
async function counters(store: Store) {
  const [tier] = await store.write((tx) => tx.concerts.tiersForUpdate(CONCERT));
  return tier && { total: tier.total, sold: tier.sold, held: tier.held };
}

function times<T>(n: number, fn: (i: number) => Promise<T>) {
  return Promise.allSettled(Array.from({ length: n }, (_, i) => fn(i)));
}

describe.each(storeKinds().map((kind) => [kind.name, kind] as const))(
  'writes racing on the %s store',
  (_, { skip, database }) => {
    let db: TestDatabase | undefined;
    let services: Services | undefined;
    afterEach(async () => {
      services?.hub.close();
      await db?.remove();
      db = undefined;
    });
    async function start(total: number): Promise<{ store: Store; services: Services }> {
      db = await database();
      const store = db.open();
      services = await servicesWith(store, total);
      return { store, services };
    }

    it.skipIf(skip)(
      '300 parallel checkouts for 50 tickets: exactly 50 are granted, and the counters agree',
      async () => {
        const { store, services } = await start(50);

        const results = await times(300, (i) =>
          checkout(services, alone(`shopper-${i}`), ONE_TICKET),
        );

        const refusals = results
          .filter((r) => r.status === 'rejected')
          .map((r) => r.reason as unknown);
        expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(50);
        expect(refusals).toHaveLength(250);
        expect(
          refusals.every((e: unknown) => e instanceof AppError && e.code === 'NOT_ENOUGH_TICKETS'),
        ).toBe(true);
        expect(await counters(store)).toEqual({ total: 50, sold: 0, held: 50 });
        const sales = await store.organizer.sales(CONCERT, services.clock.now());
        expect([...(sales?.liveHoldsByTier.values() ?? [])]).toEqual([50]);
        expect(sales?.holds).toEqual({ created: 50, expired: 0, converted: 0 });
      },
    );

    it.skipIf(skip)(
      'a keyed checkout sent ten times at once holds once, and every repeat gets its answer',
      async () => {
        const { store, services } = await start(5);
        const key = { endpoint: 'POST /api/holds/checkout', key: 'k-1' };

        const results = await times(10, () =>
          checkout(services, alone('shopper'), TWO_TICKETS, key),
        );

        const replies = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
        expect(replies).toHaveLength(10);
        expect(replies.filter((r) => !r.replayed)).toHaveLength(1);
        expect(new Set(replies.map((r) => JSON.stringify([r.status, r.body])))).toHaveProperty(
          'size',
          1,
        );
        expect(await counters(store)).toEqual({ total: 5, sold: 0, held: 2 });
      },
    );

    it.skipIf(skip)('a hold paid for ten times at once is sold once', async () => {
      const { store, services } = await start(5);
      await checkout(services, alone('shopper'), TWO_TICKETS);

      const results = await times(10, () => createBooking(services, 'shopper', PURCHASE));

      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      expect(await counters(store)).toEqual({ total: 5, sold: 2, held: 0 });
      expect(await store.bookings.listForSession('shopper')).toHaveLength(1);
    });

    it.skipIf(skip)(
      'a booking cancelled ten times at once gives its tickets back once',
      async () => {
        const { store, services } = await start(5);
        await checkout(services, alone('shopper'), TWO_TICKETS);
        const bought = await createBooking(services, 'shopper', PURCHASE);
        const { booking } = bought.body as { booking: { id: string } };

        const results = await times(10, () => cancelBooking(services, 'shopper', booking.id));

        expect(results.every((r) => r.status === 'fulfilled')).toBe(true);
        expect(await counters(store)).toEqual({ total: 5, sold: 0, held: 0 });
      },
    );
  },
);
