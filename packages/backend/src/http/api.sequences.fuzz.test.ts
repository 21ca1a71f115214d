import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DECLINED_TEST_CARD, type CheckoutItem } from '@ticket-booking/shared';
import { expireHolds } from '../jobs/hold-expiry.js';
import { SESSION_COOKIE } from '../modules/sessions/session.middleware.js';
import { NO_ABUSE_LIMITS_CONFIG } from '../test/test-config.js';
import { FUZZ_TIMEOUT_MS, fuzzParameters } from '../test/fuzz-arbitraries.js';
import { storedEverything, storedHolds, storedTier } from '../test/inspect.js';
import { GOOD_CARD, type ApiResponse, type Shopper } from '../test/shopper.js';
import { startTestApp, type TestApp, type TestConcert } from '../test/test-app.js';

/**
 * Random but valid shopping from several sessions at once: checkouts, heartbeats, releases,
 * purchases, time passing and the cleanup job. After every step the stock adds up.
 */
const CONCERT: TestConcert = {
  id: 'test-concert',
  // Few tickets, so shoppers run out and get in each other's way.
  tiers: [
    { code: 'vip', total: 3 },
    { code: 'front-row', total: 2 },
    { code: 'ga', total: 6 },
  ],
};
const SHOPPERS = 3;

interface Shop {
  app: TestApp;
  shoppers: Shopper[];
  sessionIds: string[];
  /**
   * Per shopper: whether the last hold it had was given back or bought (or it never had one).
   * Without a hold, paying or a heartbeat is then 404 NO_ACTIVE_HOLD; otherwise its hold ran
   * out, and it is 410 HOLD_EXPIRED.
   */
  gaveUp: boolean[];
}

type Step = fc.AsyncCommand<object, Shop>;

/** A step any state allows: the sequences are valid by construction. */
function step(label: string, run: (shop: Shop) => Promise<void>): Step {
  return {
    check: () => true,
    run: async (_model, shop) => {
      await run(shop);
      await expectStockAddsUp(shop);
    },
    toString: () => label,
  };
}

async function holdOf(shop: Shop, shopper: number) {
  return (await storedHolds(shop.app.db)).find(
    (hold) => hold.sessionId === shop.sessionIds[shopper] && hold.concertId === CONCERT.id,
  );
}

/** The refusal a payment or heartbeat gets for want of a live hold; undefined if it has one. */
async function refusalWithoutHold(
  shop: Shop,
  who: number,
): Promise<{ status: number; code: string } | undefined> {
  const hold = await holdOf(shop, who);
  if (hold && hold.expiresAt > shop.app.clock.now()) return undefined;
  return hold || !shop.gaveUp[who]
    ? { status: 410, code: 'HOLD_EXPIRED' }
    : { status: 404, code: 'NO_ACTIVE_HOLD' };
}

function expectRefusal(res: ApiResponse, refusal: { status: number; code: string }): void {
  expect(res.status, JSON.stringify(res.body)).toBe(refusal.status);
  expect(res.body.error.code).toBe(refusal.code);
}

function byTier(items: readonly { tier: string; quantity: number }[]) {
  return [...items]
    .map(({ tier, quantity }) => ({ tier, quantity }))
    .sort((a, b) => a.tier.localeCompare(b.tier));
}

function expectStatus(res: ApiResponse, allowed: number[]): void {
  expect(allowed, JSON.stringify(res.body)).toContain(res.status);
}

/**
 * For every tier: sold plus held never exceeds the total; the held counter is the sum of the
 * hold rows; what the API shows as held is the sum of the holds alive by the clock; and sold is
 * the sum of confirmed bookings.
 */
async function expectStockAddsUp(shop: Shop): Promise<void> {
  const { app } = shop;
  const now = app.clock.now();
  const live = (await storedHolds(app.db)).filter((hold) => hold.expiresAt > now);
  const shown = await shop.shoppers[0]?.concert(CONCERT.id);
  expect(shown?.status).toBe(200);
  for (const { code } of CONCERT.tiers) {
    const stored = await storedTier(app.db, CONCERT.id, code);
    const liveHeld = live
      .flatMap((hold) => hold.items)
      .filter((item) => item.tier === code)
      .reduce((sum, item) => sum + item.quantity, 0);

    expect(stored.sold + stored.heldCounter, code).toBeLessThanOrEqual(stored.total);
    expect(stored.heldCounter, code).toBe(stored.inHoldRows);
    expect(stored.sold, code).toBe(stored.inBookings);
    expect(shown?.body.concert.tiers.find((tier: { code: string }) => tier.code === code)).toEqual(
      expect.objectContaining({
        total: stored.total,
        sold: stored.sold,
        held: liveHeld,
        available: stored.total - stored.sold - liveHeld,
      }),
    );
  }
}

const shopper = fc.nat({ max: SHOPPERS - 1 });

const items: fc.Arbitrary<CheckoutItem[]> = fc.uniqueArray(
  fc.record({
    tier: fc.constantFrom(...CONCERT.tiers.map((tier) => tier.code)),
    quantity: fc.integer({ min: 1, max: 4 }),
  }),
  { selector: (item) => item.tier, minLength: 1, maxLength: 2 },
);

function describeItems(list: CheckoutItem[]): string {
  return list.map((item) => `${item.tier}×${item.quantity}`).join(' ');
}

const checkout = fc.tuple(shopper, items).map(([who, wanted]) =>
  step(`shopper ${who} checks out ${describeItems(wanted)}`, async (shop) => {
    const before = await storedEverything(shop.app.db);
    const res = await shop.shoppers[who]!.checkout(CONCERT.id, wanted);
    expectStatus(res, [201, 409]);
    if (res.status === 201) {
      expect(byTier((await holdOf(shop, who))?.items ?? [])).toEqual(byTier(wanted));
      shop.gaveUp[who] = false;
    } else {
      expect(await storedEverything(shop.app.db)).toEqual(before);
    }
  }),
);

/** Several shoppers ask for the same tickets at the same moment, over parallel requests. */
const rush = items.map((wanted) =>
  step(`every shopper checks out ${describeItems(wanted)} at once`, async (shop) => {
    const replies = await Promise.all(shop.shoppers.map((s) => s.checkout(CONCERT.id, wanted)));
    for (const [who, res] of replies.entries()) {
      expectStatus(res, [201, 409]);
      if (res.status === 201) {
        expect(byTier((await holdOf(shop, who))?.items ?? [])).toEqual(byTier(wanted));
        shop.gaveUp[who] = false;
      }
    }
  }),
);

/** One shopper pays and does something else at once, as from two tabs. */
const twoTabs = fc
  .tuple(shopper, items, fc.constantFrom('pays', 'releases', 'checks out again'))
  .map(([who, wanted, other]) =>
    step(`shopper ${who} pays and ${other} at once`, async (shop) => {
      const s = shop.shoppers[who]!;
      const mine = async () =>
        (await storedEverything(shop.app.db)).bookings.filter(
          (booking) => booking.sessionId === shop.sessionIds[who],
        ).length;
      const before = await mine();
      const heldBefore = (await holdOf(shop, who)) !== undefined;
      const second = {
        pays: () => s.book(CONCERT.id),
        releases: () => s.release(CONCERT.id),
        'checks out again': () => s.checkout(CONCERT.id, wanted),
      }[other];

      const replies = await Promise.all([s.book(CONCERT.id), second()]);

      // Which of the two goes first decides whether the payment finds the hold.
      expectStatus(replies[0], [201, 404, 410]);
      expectStatus(
        replies[1],
        { pays: [201, 404, 410], releases: [204], 'checks out again': [201, 409] }[other],
      );
      const bought = replies.filter((res) => res.status === 201 && 'booking' in res.body).length;
      // One hold is bought at most once.
      expect(bought).toBeLessThanOrEqual(1);
      expect(await mine()).toBe(before + bought);
      if (await holdOf(shop, who)) shop.gaveUp[who] = false;
      else if (bought > 0 || (other === 'releases' && heldBefore)) shop.gaveUp[who] = true;
    }),
  );

const heartbeat = fc
  .tuple(shopper, fc.boolean(), fc.boolean(), fc.boolean())
  .map(([who, active, visible, leaving]) =>
    step(
      `shopper ${who} sends a heartbeat (active ${active}, visible ${visible}, leaving ${leaving})`,
      async (shop) => {
        const before = await storedEverything(shop.app.db);
        const refusal = await refusalWithoutHold(shop, who);
        const res = await shop.shoppers[who]!.request('POST', '/api/holds/heartbeat', {
          concertId: CONCERT.id,
          active,
          visible,
          leaving,
        });
        if (refusal) {
          expectRefusal(res, refusal);
          expect(await storedEverything(shop.app.db)).toEqual(before);
        } else {
          expectStatus(res, [200]);
        }
      },
    ),
  );

const release = shopper.map((who) =>
  step(`shopper ${who} releases their hold`, async (shop) => {
    const held = (await holdOf(shop, who)) !== undefined;
    const res = await shop.shoppers[who]!.release(CONCERT.id);
    expectStatus(res, [204]);
    expect(await holdOf(shop, who)).toBeUndefined();
    if (held) shop.gaveUp[who] = true;
  }),
);

const book = fc.tuple(shopper, fc.boolean()).map(([who, declined]) =>
  step(`shopper ${who} pays with a ${declined ? 'declined' : 'good'} card`, async (shop) => {
    const before = await storedEverything(shop.app.db);
    const held = await holdOf(shop, who);
    const card = declined ? { ...GOOD_CARD, cardNumber: DECLINED_TEST_CARD } : GOOD_CARD;
    const refusal = await refusalWithoutHold(shop, who);
    const res = await shop.shoppers[who]!.book(CONCERT.id, card);
    if (refusal) expectRefusal(res, refusal);
    else expectStatus(res, [declined ? 402 : 201]);
    if (res.status !== 201) {
      expect(await storedEverything(shop.app.db)).toEqual(before);
      return;
    }
    expect(byTier(res.body.booking.items)).toEqual(byTier(held?.items ?? []));
    expect(await holdOf(shop, who)).toBeUndefined();
    shop.gaveUp[who] = true;
  }),
);

const lookUp = shopper.map((who) =>
  step(`shopper ${who} reloads the checkout page`, async (shop) => {
    const before = await storedEverything(shop.app.db);
    const res = await shop.shoppers[who]!.hold(CONCERT.id);
    expectStatus(res, [200]);
    expect(await storedEverything(shop.app.db)).toEqual(before);
  }),
);

/** Steps across every timeout of the hold policy: heartbeat, grace, inactivity, hard cap. */
const wait = fc.constantFrom(5_000, 15_000, 61_000, 181_000, 601_000).map((ms) =>
  step(`${ms / 1000} s pass`, (shop) => {
    shop.app.clock.advance(ms);
    return Promise.resolve();
  }),
);

const sweep = fc.constant(
  step('the cleanup job runs', async (shop) => {
    await expireHolds(shop.app.services);
    const now = shop.app.clock.now();
    expect((await storedHolds(shop.app.db)).filter((hold) => hold.expiresAt <= now)).toEqual([]);
  }),
);

async function openShop(): Promise<Shop> {
  const app = await startTestApp({
    concerts: [CONCERT],
    config: { abuseLimits: NO_ABUSE_LIMITS_CONFIG },
  });
  const shoppers = Array.from({ length: SHOPPERS }, () => app.shopper());
  for (const s of shoppers) await s.request('GET', '/api/concerts');
  const sessionIds = shoppers.map(
    (s) => (s.cookie ?? '').slice(SESSION_COOKIE.length + 1).split('.')[0] ?? '',
  );
  return { app, shoppers, sessionIds, gaveUp: shoppers.map(() => true) };
}

describe('the stock, whatever shoppers do', () => {
  it(
    'adds up after every step of random checkouts, heartbeats, releases, purchases and waits',
    { timeout: FUZZ_TIMEOUT_MS },
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.commands(
            [
              checkout,
              checkout,
              rush,
              twoTabs,
              heartbeat,
              release,
              book,
              book,
              lookUp,
              wait,
              sweep,
            ],
            { maxCommands: 30, size: 'max' },
          ),
          async (steps) => {
            const shop = await openShop();
            try {
              await fc.asyncModelRun(() => ({ model: {}, real: shop }), steps);
            } finally {
              await shop.app.close();
            }
          },
        ),
        fuzzParameters(40),
      );
    },
  );
});
