import { afterEach, describe, expect, it } from 'vitest';
import { ConcertListResponseSchema, ConcertResponseSchema } from '@ticket-booking/shared';
import { countRows, storedEverything, storedTier } from '../../test/inspect.js';
import type { Shopper } from '../../test/shopper.js';
import { startTestApp, toNewConcert, type TestApp } from '../../test/test-app.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** The fake clock's start: Tue 15 Jan 2030, 12:00 UTC, 13:00 in Paris, where the tests' venue is. */
const NOW = Date.UTC(2030, 0, 15, 12, 0, 0);

const tiers = [{ code: 'ga', total: 10 }];

/** Moves the clock on by `ms`, the shopper's checkout page sending its heartbeats meanwhile. */
async function stayOnCheckout(app: TestApp, shopper: Shopper, concertId: string, ms: number) {
  for (let left = ms; left > 0; left -= 30_000) {
    app.clock.advance(Math.min(left, 30_000));
    if (left > 30_000) {
      const beat = await shopper.heartbeat(concertId, { active: true, visible: true });
      expect(beat.status).toBe(200);
    }
  }
}

describe('the sales window of a concert', () => {
  let app: TestApp;
  afterEach(async () => {
    await app.close();
  });

  it('at its start, a checkout is refused with 409 SALES_CLOSED in plain words and changes nothing', async () => {
    app = await startTestApp({ concerts: [{ id: 'tonight', startsAt: NOW + HOUR, tiers }] });
    app.clock.advance(HOUR);
    const before = await storedEverything(app.db);

    const res = await app.shopper().checkout('tonight', [{ tier: 'ga', quantity: 2 }]);

    expect(res.status).toBe(409);
    expect(res.body).toEqual({
      error: {
        code: 'SALES_CLOSED',
        message:
          'This concert started on Tue, 15 Jan 2030, 14:00 CET, so its tickets are no longer on sale.',
      },
    });
    expect(await storedEverything(app.db)).toEqual(before);
  });

  it('sells until the millisecond before the start', async () => {
    app = await startTestApp({ concerts: [{ id: 'tonight', startsAt: NOW + HOUR, tiers }] });
    app.clock.advance(HOUR - 1);

    const res = await app.shopper().checkout('tonight', [{ tier: 'ga', quantity: 2 }]);

    expect(res.status).toBe(201);
    expect((await storedTier(app.db, 'tonight', 'ga')).heldCounter).toBe(2);
  });

  it('an end of sales set by the organizer closes them before the start, saying when', async () => {
    app = await startTestApp({
      concerts: [
        { id: 'tonight', startsAt: NOW + 3 * HOUR, salesEndAt: NOW + HOUR, tiers },
        { id: 'next-week', tiers },
      ],
    });
    const shopper = app.shopper();
    app.clock.advance(HOUR);

    const checkout = await shopper.checkout('tonight', [{ tier: 'ga', quantity: 1 }]);
    const concert = await shopper.concert('tonight');
    const list = await shopper.request('GET', '/api/concerts');

    expect(checkout.status).toBe(409);
    expect(checkout.body.error).toEqual({
      code: 'SALES_CLOSED',
      message: 'Ticket sales for this concert ended on Tue, 15 Jan 2030, 14:00 CET.',
    });
    expect(concert.status).toBe(200);
    expect(concert.body.concert).toMatchObject({ status: 'SALES_CLOSED' });
    expect(list.body.concerts.map((c: { id: string }) => c.id)).toEqual(['next-week']);
    expect(await countRows(app.db, 'holds')).toBe(0);
  });

  it('lists only concerts on sale; a past one is still answered by its id, marked as started', async () => {
    app = await startTestApp({
      concerts: [
        { id: 'started', startsAt: NOW + HOUR, tiers },
        { id: 'later', startsAt: NOW + 48 * HOUR, tiers },
      ],
    });
    const shopper = app.shopper();
    const listedBefore = await shopper.request('GET', '/api/concerts');
    app.clock.advance(2 * HOUR);

    const listedAfter = await shopper.request('GET', '/api/concerts');
    const past = await shopper.concert('started');

    const ids = (res: { body: unknown }) =>
      ConcertListResponseSchema.parse(res.body).concerts.map((c) => [c.id, c.status]);
    expect(ids(listedBefore)).toEqual([
      ['started', 'ON_SALE'],
      ['later', 'ON_SALE'],
    ]);
    expect(ids(listedAfter)).toEqual([['later', 'ON_SALE']]);
    expect(ConcertResponseSchema.parse(past.body).concert).toMatchObject({
      id: 'started',
      status: 'STARTED',
      startsAt: '2030-01-15T13:00:00.000Z',
    });
  });

  describe('a hold alive when sales close', () => {
    it('ends at that moment: its countdown runs to it, and its tickets are free again', async () => {
      app = await startTestApp({
        concerts: [{ id: 'tonight', startsAt: NOW + 5 * MINUTE, tiers }],
      });
      const shopper = app.shopper();

      const held = await shopper.checkout('tonight', [{ tier: 'ga', quantity: 2 }]);
      app.clock.advance(5 * MINUTE);
      const shown = await app.shopper().concert('tonight');

      expect(held.status).toBe(201);
      expect(held.body.hold).toMatchObject({
        deadlineAt: '2030-01-15T12:05:00.000Z',
        hardCapAt: '2030-01-15T12:05:00.000Z',
      });
      expect(shown.body.concert.tiers[0]).toMatchObject({ held: 0, available: 10 });
    });

    it('is kept no longer by a heartbeat, which is refused with 409 SALES_CLOSED', async () => {
      app = await startTestApp({
        concerts: [{ id: 'tonight', startsAt: NOW + 5 * MINUTE, tiers }],
      });
      const shopper = app.shopper();
      await shopper.checkout('tonight', [{ tier: 'ga', quantity: 2 }]);
      await stayOnCheckout(app, shopper, 'tonight', 4 * MINUTE);
      const early = await shopper.heartbeat('tonight', { active: true, visible: true });
      app.clock.advance(MINUTE);
      const before = await storedEverything(app.db);

      const late = await shopper.heartbeat('tonight', { active: true, visible: true });

      expect(early.status).toBe(200);
      expect(early.body.hold.expiresAt).toBe('2030-01-15T12:05:00.000Z');
      expect(late.status).toBe(409);
      expect(late.body.error.code).toBe('SALES_CLOSED');
      expect(late.body.error.message).toMatch(/^This concert started on .* 13:05 CET/);
      expect(await storedEverything(app.db)).toEqual(before);
    });

    it('cannot be bought: the booking is refused with 409 SALES_CLOSED and nothing is sold', async () => {
      app = await startTestApp({
        concerts: [{ id: 'tonight', startsAt: NOW + HOUR, salesEndAt: NOW + 5 * MINUTE, tiers }],
      });
      const shopper = app.shopper();
      await shopper.checkout('tonight', [{ tier: 'ga', quantity: 2 }]);
      await stayOnCheckout(app, shopper, 'tonight', 5 * MINUTE);

      const booked = await shopper.book('tonight');

      expect(booked.status).toBe(409);
      expect(booked.body.error).toEqual({
        code: 'SALES_CLOSED',
        message: 'Ticket sales for this concert ended on Tue, 15 Jan 2030, 13:05 CET.',
      });
      expect(await countRows(app.db, 'bookings')).toBe(0);
      expect(await storedTier(app.db, 'tonight', 'ga')).toMatchObject({ sold: 0, inBookings: 0 });
    });

    it('can still be bought the millisecond before sales close', async () => {
      app = await startTestApp({
        concerts: [{ id: 'tonight', startsAt: NOW + 5 * MINUTE, tiers }],
      });
      const shopper = app.shopper();
      await shopper.checkout('tonight', [{ tier: 'ga', quantity: 2 }]);
      await stayOnCheckout(app, shopper, 'tonight', 5 * MINUTE - 1);

      const booked = await shopper.book('tonight');

      expect(booked.status).toBe(201);
      expect(await storedTier(app.db, 'tonight', 'ga')).toMatchObject({ sold: 2, inBookings: 2 });
    });
  });
});

describe('dates stored beyond what ISO 8601 can say', () => {
  let app: TestApp;
  afterEach(async () => {
    await app.close();
  });

  it.each([
    ['the year 10000', Date.parse('+010000-01-01T20:00:00Z')],
    ['past the end of JavaScript dates', 9e15],
  ])(
    'a concert stored as starting in %s breaks neither the list nor its own page',
    async (_, startsAt) => {
      app = await startTestApp({ concerts: [{ id: 'tonight', tiers }] });
      await app.db.write((tx) =>
        tx.concerts.insert(toNewConcert({ id: 'far-future', tiers }, startsAt), NOW),
      );
      const shopper = app.shopper();

      const list = await shopper.request('GET', '/api/concerts');
      const one = await shopper.concert('far-future');

      expect(list.status).toBe(200);
      expect(ConcertListResponseSchema.safeParse(list.body).success).toBe(true);
      expect(list.body.concerts.map((c: { id: string }) => c.id)).toEqual([
        'tonight',
        'far-future',
      ]);
      expect(one.status).toBe(200);
      expect(one.body.concert).toMatchObject({
        startsAt: '9999-12-31T23:59:59.999Z',
        salesEndAt: '9999-12-31T23:59:59.999Z',
      });
    },
  );
});
