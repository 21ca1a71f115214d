import type { AvailabilityEvent, Booking } from '@ticket-booking/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { openAvailabilityStream, type StreamClient } from '../../test/availability-stream.js';
import { storedEverything, storedRows, storedTier } from '../../test/inspect.js';
import type { Shopper } from '../../test/shopper.js';
import { startTestApp, type TestApp } from '../../test/test-app.js';
import { NO_ABUSE_LIMITS_CONFIG } from '../../test/test-config.js';

const CONCERT = 'test-concert';
const DAY = 24 * 3600_000;

/** The stored booking row and its items, straight from the tables. */
async function storedBooking(app: TestApp, id: string) {
  const [row] = await storedRows<{ status: string; cancelledAt: number | null }>(
    app.db,
    'SELECT status, cancelled_at AS "cancelledAt" FROM bookings WHERE id = ?',
    [id],
  );
  const items = await storedRows<{ tier: string; quantity: number }>(
    app.db,
    `SELECT tier_code AS tier, quantity FROM booking_items WHERE booking_id = ?
     ORDER BY tier_code`,
    [id],
  );
  return { ...row, items };
}

async function concertStartsAt(app: TestApp): Promise<number> {
  const [row] = await storedRows<{ startsAt: number }>(
    app.db,
    'SELECT starts_at AS "startsAt" FROM concerts WHERE id = ?',
    [CONCERT],
  );
  if (!row) throw new Error(`no concert ${CONCERT}`);
  return row.startsAt;
}

function tier(event: AvailabilityEvent, code: string) {
  return event.tiers.find((t) => t.code === code);
}

describe('cancelling a booking', () => {
  let app: TestApp;
  let stream: StreamClient | undefined;
  afterEach(async () => {
    stream?.close();
    stream = undefined;
    await app.close();
  });

  async function bought(
    shopper: Shopper,
    items: { tier: string; quantity: number }[],
  ): Promise<Booking> {
    expect((await shopper.checkout(CONCERT, items)).status).toBe(201);
    const res = await shopper.book(CONCERT);
    expect(res.status).toBe(201);
    return res.body.booking as Booking;
  }

  it('marks the booking cancelled, keeps its row and items, and puts its tickets back on sale', async () => {
    app = await startTestApp();
    const shopper = app.shopper();
    const booking = await bought(shopper, [
      { tier: 'vip', quantity: 2 },
      { tier: 'ga', quantity: 3 },
    ]);
    const versionBefore = (await storedEverything(app.db)).concerts[0]?.version ?? 0;
    app.clock.advance(DAY);

    const res = await shopper.cancelBooking(booking.id);

    const cancelledAt = new Date(app.clock.now()).toISOString();
    expect(res.status).toBe(200);
    // A cancelled booking's tickets are no more.
    const { tickets, ...rest } = booking;
    expect(tickets).toHaveLength(booking.items.reduce((sum, item) => sum + item.quantity, 0));
    expect(res.body.booking).toEqual({ ...rest, status: 'CANCELLED', cancelledAt });
    expect(await storedBooking(app, booking.id)).toEqual({
      status: 'CANCELLED',
      cancelledAt: app.clock.now(),
      items: [
        { tier: 'ga', quantity: 3 },
        { tier: 'vip', quantity: 2 },
      ],
    });
    expect(await storedTier(app.db, CONCERT, 'vip')).toMatchObject({ sold: 0, inBookings: 0 });
    expect(await storedTier(app.db, CONCERT, 'ga')).toMatchObject({ sold: 0, inBookings: 0 });
    expect((await storedEverything(app.db)).concerts[0]?.version).toBe(versionBefore + 1);
    expect((await shopper.booking(booking.id)).body.booking).toEqual(res.body.booking);
    expect((await shopper.bookings()).body.bookings).toEqual([res.body.booking]);
  });

  it('a second cancellation answers the same cancelled booking and changes nothing', async () => {
    app = await startTestApp();
    const shopper = app.shopper();
    const booking = await bought(shopper, [{ tier: 'vip', quantity: 2 }]);
    const first = await shopper.cancelBooking(booking.id);
    const before = await storedEverything(app.db);
    app.clock.advance(60_000);

    const again = await shopper.cancelBooking(booking.id);

    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(await storedEverything(app.db)).toEqual(before);
    expect(await storedTier(app.db, CONCERT, 'vip')).toMatchObject({ sold: 0 });
  });

  it('many parallel cancellations of one booking all answer it cancelled, and give its tickets back once', async () => {
    app = await startTestApp({ config: { abuseLimits: NO_ABUSE_LIMITS_CONFIG } });
    const shopper = app.shopper();
    const booking = await bought(shopper, [{ tier: 'vip', quantity: 2 }]);
    // Someone else's tickets on the same tier: giving the booking's back twice would take them.
    await bought(app.shopper(), [{ tier: 'vip', quantity: 3 }]);

    const answers = await Promise.all(
      Array.from({ length: 25 }, () => shopper.cancelBooking(booking.id)),
    );

    expect(answers.map((res) => res.status)).toEqual(answers.map(() => 200));
    const bodies = new Set(answers.map((res) => JSON.stringify(res.body)));
    expect(bodies.size).toBe(1);
    expect(answers[0]?.body.booking).toMatchObject({ id: booking.id, status: 'CANCELLED' });
    expect(await storedTier(app.db, CONCERT, 'vip')).toMatchObject({ sold: 3, inBookings: 3 });
  });

  it('another shopper’s booking answers 404 BOOKING_NOT_FOUND and stays confirmed', async () => {
    app = await startTestApp();
    const owner = app.shopper();
    const booking = await bought(owner, [{ tier: 'vip', quantity: 2 }]);
    const before = await storedEverything(app.db);

    const res = await app.shopper().cancelBooking(booking.id);

    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('BOOKING_NOT_FOUND');
    expect(await storedEverything(app.db)).toEqual(before);
    expect((await owner.booking(booking.id)).body.booking.status).toBe('CONFIRMED');
  });

  it.each([
    ['an unknown id', '1b4e28ba-2fa1-41d2-883f-0016d3cca427'],
    ['an ill-formed id', 'not-a-booking'],
  ])('%s answers 404 BOOKING_NOT_FOUND and changes nothing', async (_, id) => {
    app = await startTestApp();
    const shopper = app.shopper();
    await bought(shopper, [{ tier: 'vip', quantity: 1 }]);
    const before = await storedEverything(app.db);

    const res = await shopper.cancelBooking(id);

    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('BOOKING_NOT_FOUND');
    expect(await storedEverything(app.db)).toEqual(before);
  });

  it('once the concert has started, answers 409 BOOKING_NOT_CANCELLABLE and changes nothing', async () => {
    app = await startTestApp();
    const shopper = app.shopper();
    const booking = await bought(shopper, [{ tier: 'vip', quantity: 2 }]);
    const before = await storedEverything(app.db);
    app.clock.set(await concertStartsAt(app));

    const res = await shopper.cancelBooking(booking.id);

    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('BOOKING_NOT_CANCELLABLE');
    expect(await storedEverything(app.db)).toEqual(before);
    expect(await storedTier(app.db, CONCERT, 'vip')).toMatchObject({ sold: 2, inBookings: 2 });
  });

  it('up to the last moment before the concert starts, the booking can be cancelled', async () => {
    app = await startTestApp();
    const shopper = app.shopper();
    const booking = await bought(shopper, [{ tier: 'vip', quantity: 2 }]);
    app.clock.set((await concertStartsAt(app)) - 1);

    const res = await shopper.cancelBooking(booking.id);

    expect(res.status).toBe(200);
    expect(await storedTier(app.db, CONCERT, 'vip')).toMatchObject({ sold: 0 });
  });

  it('watchers of the concert are told the new counts', async () => {
    app = await startTestApp();
    const shopper = app.shopper();
    const booking = await bought(shopper, [{ tier: 'vip', quantity: 4 }]);
    stream = await openAvailabilityStream(app.url, CONCERT);
    const start = await stream.waitFor(() => true);

    await shopper.cancelBooking(booking.id);
    const after = await stream.waitFor((e) => e.version > start.version);

    expect(tier(start, 'vip')).toMatchObject({ sold: 4, available: 6 });
    expect(tier(after, 'vip')).toEqual({ code: 'vip', total: 10, sold: 0, held: 0, available: 10 });
  });

  it('the freed tickets of a sold-out tier can be held and bought by another shopper', async () => {
    app = await startTestApp({ concerts: [{ id: CONCERT, tiers: [{ code: 'vip', total: 2 }] }] });
    const first = app.shopper();
    const booking = await bought(first, [{ tier: 'vip', quantity: 2 }]);
    const second = app.shopper();
    expect((await second.checkout(CONCERT, [{ tier: 'vip', quantity: 2 }])).status).toBe(409);

    await first.cancelBooking(booking.id);
    const held = await second.checkout(CONCERT, [{ tier: 'vip', quantity: 2 }]);
    const paid = await second.book(CONCERT);

    expect(held.status).toBe(201);
    expect(paid.status).toBe(201);
    expect(await storedTier(app.db, CONCERT, 'vip')).toEqual({
      total: 2,
      sold: 2,
      heldCounter: 0,
      inHoldRows: 0,
      inBookings: 2,
    });
  });
});
