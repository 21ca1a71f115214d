import { ErrorBodySchema } from '@ticket-booking/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { storedRows, storedTier } from '../../test/inspect.js';
import { BUYER, GOOD_CARD, type ApiResponse, type Shopper } from '../../test/shopper.js';
import { startTestApp, type TestApp } from '../../test/test-app.js';

const ARENA = 'arena';
const TOKEN = 'organizer-token-0123456789-abcdefghij';
const OTHER_CARD = { cardNumber: '5555 5555 5555 4444', expiry: '08/33', cvc: '321' };
const THIRD_CARD = { cardNumber: '4012 8888 8888 1881', expiry: '01/34', cvc: '456' };

function buy(
  shopper: Shopper,
  buyer: { name: string; email: string } = BUYER,
  payment: typeof GOOD_CARD = GOOD_CARD,
): Promise<ApiResponse> {
  return shopper.request('POST', '/api/bookings', { concertId: ARENA, buyer, payment });
}

async function holding(app: TestApp, quantity: number, shopper = app.shopper()): Promise<Shopper> {
  const res = await shopper.checkout(ARENA, [{ tier: 'ga', quantity }]);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return shopper;
}

function expectPurchaseLimit(res: ApiResponse, limit: { max: number; bought: number }): void {
  expect(res.status, JSON.stringify(res.body)).toBe(409);
  const { error } = ErrorBodySchema.parse(res.body);
  expect(error.code).toBe('PURCHASE_LIMIT_REACHED');
  const left = Math.max(0, limit.max - limit.bought);
  expect(error.details).toEqual([{ limit: 'ticketsPerBuyer', ...limit, left }]);
  expect(error.message).toContain(`at most ${limit.max} tickets to one buyer`);
}

async function confirmedTickets(app: TestApp): Promise<number> {
  const [row] = await storedRows<{ n: number | string | null }>(
    app.db,
    `SELECT SUM(bi.quantity) AS n FROM booking_items bi JOIN bookings b ON b.id = bi.booking_id
     WHERE b.concert_id = ? AND b.status = 'CONFIRMED'`,
    [ARENA],
  );
  return Number(row?.n ?? 0);
}

describe('tickets one buyer may buy of a concert', () => {
  let app: TestApp;
  afterEach(async () => {
    await app.close();
  });

  async function start(maxTicketsPerBuyer: number | null): Promise<TestApp> {
    app = await startTestApp({
      concerts: [{ id: ARENA, tiers: [{ code: 'ga', total: 500 }], maxTicketsPerBuyer }],
      config: { adminToken: TOKEN },
    });
    return app;
  }

  it('are counted across sessions by email, however spelled, and refused past the limit with what is left; the hold is kept', async () => {
    await start(8);
    expect((await buy(await holding(app, 5))).status).toBe(201);

    const second = await holding(app, 4);
    const over = await buy(
      second,
      { name: 'A. Lindqvist', email: ' ADA+again@Example.com' },
      OTHER_CARD,
    );

    expectPurchaseLimit(over, { max: 8, bought: 5 });
    expect(over.body.error.message).toContain('may have 3 at most: it has 4');
    expect((await second.hold(ARENA)).body.hold.items).toEqual([
      expect.objectContaining({ tier: 'ga', quantity: 4 }),
    ]);
    expect(await storedTier(app.db, ARENA, 'ga')).toMatchObject({ sold: 5, heldCounter: 4 });

    await holding(app, 3, second);
    const within = await buy(second, { name: 'A. Lindqvist', email: 'ada+again@example.com' });
    expect(within.status, JSON.stringify(within.body)).toBe(201);
    expect(await confirmedTickets(app)).toBe(8);
  });

  it('are counted by the card too: another email with the same card buys nothing more', async () => {
    await start(8);
    expect((await buy(await holding(app, 8))).status).toBe(201);

    const sameCard = await buy(await holding(app, 1), { name: 'Bo', email: 'bo@example.net' });
    const otherBuyer = await buy(
      await holding(app, 2),
      { name: 'Cy', email: 'cy@example.net' },
      THIRD_CARD,
    );

    expectPurchaseLimit(sameCard, { max: 8, bought: 8 });
    expect(sameCard.body.error.message).toContain('no more can be bought');
    expect(otherBuyer.status, JSON.stringify(otherBuyer.body)).toBe(201);
    expect(await storedTier(app.db, ARENA, 'ga')).toMatchObject({ sold: 10, heldCounter: 1 });
  });

  it('hold across parallel payments from many sessions: exactly the limit is sold to one buyer', async () => {
    await start(8);
    const shoppers = await Promise.all(Array.from({ length: 12 }, () => holding(app, 2)));

    const results = await Promise.all(shoppers.map((shopper) => buy(shopper)));

    const statuses = results.map((res) => res.status).sort();
    expect(statuses).toEqual([...Array(4).fill(201), ...Array(8).fill(409)]);
    for (const res of results.filter((r) => r.status === 409)) {
      expect(res.body.error.details).toEqual([
        { limit: 'ticketsPerBuyer', max: 8, bought: 8, left: 0 },
      ]);
    }
    expect(await confirmedTickets(app)).toBe(8);
    expect(await storedTier(app.db, ARENA, 'ga')).toMatchObject({
      sold: 8,
      inBookings: 8,
      heldCounter: 16,
    });
  });

  it('no longer count a cancelled booking', async () => {
    await start(8);
    const first = await holding(app, 8);
    const booked = await buy(first);
    expect((await first.cancelBooking(booked.body.booking.id)).status).toBe(200);

    const again = await buy(await holding(app, 8));

    expect(again.status, JSON.stringify(again.body)).toBe(201);
    expect(await confirmedTickets(app)).toBe(8);
  });

  it('are not limited when the organizer sets no limit', async () => {
    await start(null);
    for (let i = 0; i < 3; i += 1) expect((await buy(await holding(app, 10))).status).toBe(201);

    expect(await confirmedTickets(app)).toBe(30);
  });

  describe('the organizer', () => {
    function organizer(method: string, path: string, body: unknown) {
      return app.shopper().request(method, path, body, {
        headers: { authorization: `Bearer ${TOKEN}` },
      });
    }

    it('changes the limit, shown with the concert, deciding purchases from then on', async () => {
      await start(8);
      expect((await buy(await holding(app, 6))).status).toBe(201);

      const lowered = await organizer('PATCH', `/api/concerts/${ARENA}`, { maxTicketsPerBuyer: 4 });
      const refused = await buy(await holding(app, 1));
      const lifted = await organizer('PATCH', `/api/concerts/${ARENA}`, {
        maxTicketsPerBuyer: null,
      });
      const bought = await buy(await holding(app, 10));

      expect(lowered.status).toBe(200);
      expect(lowered.body.concert.maxTicketsPerBuyer).toBe(4);
      expectPurchaseLimit(refused, { max: 4, bought: 6 });
      expect(lifted.body.concert.maxTicketsPerBuyer).toBeNull();
      expect((await app.shopper().concert(ARENA)).body.concert.maxTicketsPerBuyer).toBeNull();
      expect(bought.status).toBe(201);
      expect(await confirmedTickets(app)).toBe(16);
    });

    it('sets it when putting a concert on sale, 8 unless given', async () => {
      await start(8);
      const concert = (id: string, extra: object) => ({
        id,
        name: id,
        artist: 'Neon Harbor',
        venue: 'Pier 9',
        timeZone: 'Europe/Paris',
        startsAt: new Date(app.clock.now() + 30 * 24 * 3600_000).toISOString(),
        tiers: [{ code: 'ga', name: 'GA', priceCents: 100, currency: 'EUR', capacity: 50 }],
        ...extra,
      });

      const given = await organizer(
        'POST',
        '/api/concerts',
        concert('two-each', { maxTicketsPerBuyer: 2 }),
      );
      const unset = await organizer('POST', '/api/concerts', concert('default', {}));

      expect(given.body.concert.maxTicketsPerBuyer).toBe(2);
      expect(unset.body.concert.maxTicketsPerBuyer).toBe(8);
    });

    it.each([
      [{ maxTicketsPerBuyer: 0 }, 'maxTicketsPerBuyer', 'at least 1'],
      [{ maxTicketsPerBuyer: 2.5 }, 'maxTicketsPerBuyer', 'whole number'],
      [{ maxTicketsPerBuyer: '4' }, 'maxTicketsPerBuyer', 'whole number'],
      [{}, '(body)', 'Send a setting'],
      [{ maxTicketsPerBuyer: 4, colour: 'red' }, 'colour', 'not a field'],
    ])('refuses %j naming the field, and changes nothing', async (body, field, words) => {
      await start(8);

      const res = await organizer('PATCH', `/api/concerts/${ARENA}`, body);

      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(res.body.error.details).toEqual([{ field, message: expect.stringContaining(words) }]);
      expect((await app.shopper().concert(ARENA)).body.concert.maxTicketsPerBuyer).toBe(8);
    });

    it('is told 404 for a concert that does not exist', async () => {
      await start(8);

      const res = await organizer('PATCH', '/api/concerts/no-such-show', { maxTicketsPerBuyer: 3 });

      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('CONCERT_NOT_FOUND');
    });
  });
});
