import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { countRows, storedRows, storedText, storedTier } from '../../test/inspect.js';
import { BUYER, DECLINED_CARD, GOOD_CARD } from '../../test/shopper.js';
import { startTestApp, type TestApp } from '../../test/test-app.js';
import { expireHolds, forgetRunOutHolds } from '../../jobs/hold-expiry.js';
import { RUN_OUT_TRACE_MS, SWEEP_INTERVAL_MS } from '../holds/index.js';

const CONCERT = 'test-concert';

describe('bookings', () => {
  let app: TestApp;
  beforeEach(async () => {
    app = await startTestApp();
  });
  afterEach(async () => {
    await app.close();
  });

  it('buying turns the live hold into sold tickets, exactly', async () => {
    const shopper = app.shopper();
    await shopper.checkout(CONCERT, [
      { tier: 'vip', quantity: 2 },
      { tier: 'ga', quantity: 3 },
    ]);

    const res = await shopper.book(CONCERT);

    expect(res.status).toBe(201);
    expect(res.body.booking).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      confirmationCode: expect.stringMatching(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/),
      concertId: CONCERT,
      status: 'CONFIRMED',
      items: [
        { tier: 'vip', name: 'VIP', quantity: 2, unitPriceCents: 25_000 },
        { tier: 'ga', name: 'GA', quantity: 3, unitPriceCents: 7_500 },
      ],
      totalCents: 72_500,
      currency: 'USD',
      buyer: BUYER,
      payment: { brand: 'visa', last4: '4242' },
      createdAt: new Date(app.clock.now()).toISOString(),
      tickets: ['vip', 'vip', 'ga', 'ga', 'ga'].map((tier, i) => ({
        code: expect.stringMatching(/^[A-Za-z0-9_-]{46}$/),
        number: i + 1,
        tier,
      })),
    });
    expect(await storedTier(app.db, CONCERT, 'vip')).toEqual({
      total: 10,
      sold: 2,
      heldCounter: 0,
      inHoldRows: 0,
      inBookings: 2,
    });
    expect(await storedTier(app.db, CONCERT, 'ga')).toMatchObject({
      sold: 3,
      heldCounter: 0,
      inBookings: 3,
    });
    expect(await countRows(app.db, 'holds')).toBe(0);
    expect((await shopper.hold(CONCERT)).body).toEqual({ hold: null });
  });

  it('buying a second time without a new hold sells nothing more', async () => {
    const shopper = app.shopper();
    await shopper.checkout(CONCERT, [{ tier: 'vip', quantity: 1 }]);
    await shopper.book(CONCERT);

    const again = await shopper.book(CONCERT);

    expect(again.status).toBe(404);
    expect(again.body.error.code).toBe('NO_ACTIVE_HOLD');
    expect(await storedTier(app.db, CONCERT, 'vip')).toMatchObject({ sold: 1, inBookings: 1 });
    expect(await countRows(app.db, 'bookings')).toBe(1);
  });

  it('buying after the hold ran out answers 410 HOLD_EXPIRED and sells nothing', async () => {
    const shopper = app.shopper();
    await shopper.checkout(CONCERT, [{ tier: 'vip', quantity: 2 }]);
    app.clock.advance(90_000);

    const res = await shopper.book(CONCERT);

    expect(res.status).toBe(410);
    expect(res.body.error.code).toBe('HOLD_EXPIRED');
    expect(await storedTier(app.db, CONCERT, 'vip')).toMatchObject({ sold: 0, inBookings: 0 });
    expect(await countRows(app.db, 'bookings')).toBe(0);
  });

  it('buying a hold that ran out since the last sweep answers 410 HOLD_EXPIRED and sells nothing', async () => {
    const shopper = app.shopper();
    const held = await shopper.checkout(CONCERT, [{ tier: 'vip', quantity: 2 }]);
    const runsOutAt = Date.parse(held.body.hold.expiresAt);
    app.clock.set(runsOutAt - 1);
    await app.shopper().checkout(CONCERT, [{ tier: 'ga', quantity: 1 }]);
    app.clock.set(runsOutAt);

    const res = await shopper.book(CONCERT);

    expect(res.status).toBe(410);
    expect(res.body.error.code).toBe('HOLD_EXPIRED');
    expect(await storedTier(app.db, CONCERT, 'vip')).toMatchObject({ sold: 0, inBookings: 0 });
    expect(await countRows(app.db, 'bookings')).toBe(0);
  });

  it('buying without ever holding answers 404 NO_ACTIVE_HOLD: nothing ran out', async () => {
    const res = await app.shopper().book(CONCERT);

    expect(res.status).toBe(404);
    expect(res.body.error).toEqual({
      code: 'NO_ACTIVE_HOLD',
      message: 'You have no tickets held for this concert.',
    });
    expect(await countRows(app.db, 'bookings')).toBe(0);
  });

  it('buying a hold that ran out and was swept by the cleanup job still answers 410 HOLD_EXPIRED', async () => {
    const shopper = app.shopper();
    const held = await shopper.checkout(CONCERT, [{ tier: 'vip', quantity: 2 }]);
    app.clock.set(Date.parse(held.body.hold.expiresAt));
    await expireHolds(app.services);
    expect(await countRows(app.db, 'holds')).toBe(0);

    const res = await shopper.book(CONCERT);

    expect(res.status).toBe(410);
    expect(res.body.error.code).toBe('HOLD_EXPIRED');
    expect(await storedTier(app.db, CONCERT, 'vip')).toMatchObject({ sold: 0, heldCounter: 0 });
    expect(await countRows(app.db, 'bookings')).toBe(0);
  });

  it('buying a hold that ran out and was swept by another shopper’s checkout still answers 410 HOLD_EXPIRED', async () => {
    const shopper = app.shopper();
    const held = await shopper.checkout(CONCERT, [{ tier: 'vip', quantity: 2 }]);
    app.clock.set(Date.parse(held.body.hold.expiresAt) + SWEEP_INTERVAL_MS);
    await app.shopper().checkout(CONCERT, [{ tier: 'ga', quantity: 1 }]);
    expect(await countRows(app.db, 'holds')).toBe(1);

    const res = await shopper.book(CONCERT);

    expect(res.status).toBe(410);
    expect(res.body.error.code).toBe('HOLD_EXPIRED');
    expect(await storedTier(app.db, CONCERT, 'vip')).toMatchObject({ sold: 0, heldCounter: 0 });
    expect(await countRows(app.db, 'bookings')).toBe(0);
  });

  it('buying after giving the tickets back answers 404 NO_ACTIVE_HOLD, though an earlier hold ran out', async () => {
    const shopper = app.shopper();
    const held = await shopper.checkout(CONCERT, [{ tier: 'vip', quantity: 2 }]);
    app.clock.set(Date.parse(held.body.hold.expiresAt));
    await expireHolds(app.services);
    await shopper.checkout(CONCERT, [{ tier: 'vip', quantity: 1 }]);
    await shopper.release(CONCERT);

    const res = await shopper.book(CONCERT);

    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('NO_ACTIVE_HOLD');
    expect(await countRows(app.db, 'expired_holds')).toBe(0);
  });

  it('a day after a hold ran out its trace is forgotten: buying then answers 404 NO_ACTIVE_HOLD', async () => {
    const shopper = app.shopper();
    const held = await shopper.checkout(CONCERT, [{ tier: 'vip', quantity: 2 }]);
    app.clock.set(Date.parse(held.body.hold.expiresAt));
    await expireHolds(app.services);
    app.clock.advance(RUN_OUT_TRACE_MS);

    const beforeCleanup = await shopper.book(CONCERT);
    const forgotten = await forgetRunOutHolds(app.services);

    expect(beforeCleanup.status).toBe(404);
    expect(beforeCleanup.body.error.code).toBe('NO_ACTIVE_HOLD');
    expect(forgotten).toBe(1);
    expect(await countRows(app.db, 'expired_holds')).toBe(0);
  });

  it('a declined card keeps the hold, and a good card then buys it', async () => {
    const shopper = app.shopper();
    await shopper.checkout(CONCERT, [{ tier: 'vip', quantity: 2 }]);

    const declined = await shopper.book(CONCERT, DECLINED_CARD);

    expect(declined.status).toBe(402);
    expect(declined.body.error.code).toBe('PAYMENT_DECLINED');
    expect((await shopper.hold(CONCERT)).body.hold).toMatchObject({ concertId: CONCERT });
    expect(await storedTier(app.db, CONCERT, 'vip')).toMatchObject({ sold: 0, heldCounter: 2 });
    expect(await countRows(app.db, 'bookings')).toBe(0);

    const paid = await shopper.book(CONCERT, GOOD_CARD);

    expect(paid.status).toBe(201);
    expect(await storedTier(app.db, CONCERT, 'vip')).toMatchObject({ sold: 2, heldCounter: 0 });
  });

  it('prices come from the database, whatever the request says', async () => {
    const shopper = app.shopper();
    await shopper.checkout(CONCERT, [{ tier: 'vip', quantity: 1 }]);

    const res = await shopper.request('POST', '/api/bookings', {
      concertId: CONCERT,
      buyer: BUYER,
      payment: GOOD_CARD,
      totalCents: 1,
    });
    const paid = await shopper.book(CONCERT);

    expect(res.status).toBe(400);
    expect(paid.body.booking.totalCents).toBe(25_000);
  });

  it('keeps of the card only its brand, last four digits and expiry, never its number or code', async () => {
    const shopper = app.shopper();
    await shopper.checkout(CONCERT, [{ tier: 'vip', quantity: 1 }]);
    await shopper.book(CONCERT, { cardNumber: '5555 5555 5555 4444', expiry: '11/33', cvc: '987' });

    const stored = await storedText(app.db);
    const [booking] = await storedRows<Record<string, unknown>>(app.db, 'SELECT * FROM bookings');

    expect(stored).not.toContain('5555555555554444');
    expect(stored).not.toContain('5555 5555 5555 4444');
    expect(booking).toMatchObject({
      card_brand: 'mastercard',
      card_last4: '4444',
      card_expiry: '11/33',
    });
    expect(Object.values(booking ?? {})).not.toContain('987');
  });

  it('lists the shopper’s own bookings, newest first, and shows each by id', async () => {
    const shopper = app.shopper();
    await shopper.checkout(CONCERT, [{ tier: 'vip', quantity: 1 }]);
    const first = (await shopper.book(CONCERT)).body.booking;
    app.clock.advance(1000);
    await shopper.checkout(CONCERT, [{ tier: 'ga', quantity: 2 }]);
    const second = (await shopper.book(CONCERT)).body.booking;

    const list = await shopper.bookings();
    const one = await shopper.booking(first.id);

    expect(list.status).toBe(200);
    expect(list.body.bookings).toEqual([second, first]);
    expect(one.body.booking).toEqual(first);
  });

  it('an unknown booking id answers 404 BOOKING_NOT_FOUND', async () => {
    const res = await app.shopper().booking('1b4e28ba-2fa1-41d2-883f-0016d3cca427');

    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('BOOKING_NOT_FOUND');
  });
});
