import { afterEach, describe, expect, it } from 'vitest';
import { buildSeatPlan, decodeSeatStates, planSeats, type SeatPlan } from '@ticket-booking/shared';
import { harbourlightHall } from '../../db/demo-data.js';
import { openAvailabilityStream } from '../../test/availability-stream.js';
import { changeStored, storedRows, storedTier } from '../../test/inspect.js';
import { startTestApp, type TestApp, type TestConcert } from '../../test/test-app.js';

const CONCERT = 'seated';
/** The demo's hall, its zones renamed to the test concert's tiers: a plan of some 100 kB. */
const harbourlightPlan: SeatPlan = JSON.parse(
  JSON.stringify(harbourlightHall())
    .replaceAll('"premium"', '"front"')
    .replaceAll('"balcony"', '"stalls"'),
) as SeatPlan;
const TOKEN = 'organizer-token-0123456789-abcdefghij';

/** One section, rows A–C of 8 seats: row A in the front zone, B and C in the stalls. */
const PLAN: SeatPlan = buildSeatPlan({
  curved: false,
  sections: [
    {
      name: 'Stalls',
      rows: 3,
      seatsPerRow: 8,
      zones: [
        { tier: 'front', rows: 1 },
        { tier: 'stalls', rows: 2 },
      ],
    },
  ],
});

const SEATED: TestConcert = {
  id: CONCERT,
  tiers: [
    { code: 'front', total: 0, priceCents: 9_000 },
    { code: 'stalls', total: 0, priceCents: 5_000 },
    { code: 'ga', total: 50, priceCents: 3_000 },
  ],
  seatPlan: PLAN,
};

interface StoredClaim {
  seat: number;
  holdId: number | null;
  bookingId: string | null;
}

function storedClaims(app: TestApp): Promise<StoredClaim[]> {
  return storedRows<StoredClaim>(
    app.db,
    `SELECT seat, hold_id AS "holdId", booking_id AS "bookingId" FROM seat_claims
     WHERE concert_id = ? ORDER BY seat`,
    [CONCERT],
  );
}

/** The seat map's states by seat id, for the seats that are not free. */
async function takenOnMap(app: TestApp): Promise<Record<string, string | undefined>> {
  const { body } = await app.shopper().seatMap(CONCERT);
  const states = decodeSeatStates(body.seatMap.seatCount, body.seatMap.states);
  const ids = PLAN.sections.flatMap((s) =>
    s.rows.flatMap((row) => row.seats.map((seat) => `${s.name}-${row.label}-${seat.number}`)),
  );
  return Object.fromEntries(
    ids.flatMap((id, i) => (states[i] === 'free' ? [] : [[id, states[i]]])),
  );
}

describe('assigned seating', () => {
  let app: TestApp;
  afterEach(async () => {
    await app.close();
  });

  it('the seat map gives the plan and every seat free; a concert without seats has none', async () => {
    app = await startTestApp({
      concerts: [SEATED, { id: 'plain', tiers: [{ code: 'ga', total: 5 }] }],
    });
    const res = await app.shopper().seatMap(CONCERT);

    expect(res.status).toBe(200);
    expect(res.body.seatMap).toMatchObject({ concertId: CONCERT, seatCount: 24, plan: PLAN });
    expect(decodeSeatStates(24, res.body.seatMap.states).every((s) => s === 'free')).toBe(true);
    expect((await app.shopper().seatMap('plain')).body).toEqual({ seatMap: null });
    expect((await app.shopper().seatMap('nowhere')).status).toBe(404);
    const concert = (await app.shopper().concert(CONCERT)).body.concert;
    expect(
      concert.tiers.map((t: { code: string; total: number; seated: boolean }) => [
        t.code,
        t.total,
        t.seated,
      ]),
    ).toEqual([
      ['front', 8, true],
      ['stalls', 16, true],
      ['ga', 50, false],
    ]);
  });

  it('holds the seats named, by label, beside unseated tickets; the map shows them held', async () => {
    app = await startTestApp({ concerts: [SEATED] });
    const shopper = app.shopper();

    const res = await shopper.checkoutSeats(
      CONCERT,
      ['Stalls-B-4', 'Stalls-B-5'],
      [{ tier: 'ga', quantity: 2 }],
    );

    expect(res.status).toBe(201);
    expect(res.body.hold.items).toEqual([
      expect.objectContaining({ tier: 'ga', quantity: 2 }),
      expect.objectContaining({
        tier: 'stalls',
        quantity: 2,
        seats: [
          {
            id: 'Stalls-B-4',
            section: 'Stalls',
            row: 'B',
            number: '4',
            label: 'Section Stalls, Row B, Seat 4',
          },
          {
            id: 'Stalls-B-5',
            section: 'Stalls',
            row: 'B',
            number: '5',
            label: 'Section Stalls, Row B, Seat 5',
          },
        ],
      }),
    ]);
    expect(res.body.hold.items[0].seats).toBeUndefined();
    expect(await takenOnMap(app)).toEqual({ 'Stalls-B-4': 'held', 'Stalls-B-5': 'held' });
    expect(await storedTier(app.db, CONCERT, 'stalls')).toMatchObject({
      heldCounter: 2,
      inHoldRows: 2,
    });
    // A reloaded checkout page is given the same seats.
    const reloaded = (await shopper.hold(CONCERT)).body.hold;
    expect(reloaded.items.find((i: { tier: string }) => i.tier === 'stalls').seats).toHaveLength(2);
  });

  it('a seat another shopper holds is refused by name, with seats together nearby to offer, and nothing changes', async () => {
    app = await startTestApp({ concerts: [SEATED] });
    await app.shopper('a').checkoutSeats(CONCERT, ['Stalls-B-4']);
    const claimsBefore = await storedClaims(app);

    const res = await app.shopper('b').checkoutSeats(CONCERT, ['Stalls-B-4', 'Stalls-B-5']);

    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('SEATS_TAKEN');
    expect(res.body.error.message).toContain('Section Stalls, Row B, Seat 4');
    const [details] = res.body.error.details;
    expect(details.taken.map((s: { id: string }) => s.id)).toEqual(['Stalls-B-4']);
    expect(details.alternatives).toHaveLength(2);
    const alternatives = details.alternatives.map((s: { id: string }) => s.id);
    expect(alternatives).not.toContain('Stalls-B-4');
    // Side by side in one row, next to where they were asked for.
    expect(new Set(details.alternatives.map((s: { row: string }) => s.row)).size).toBe(1);
    expect(await storedClaims(app)).toEqual(claimsBefore);
    expect((await app.shopper('b').hold(CONCERT)).body.hold).toBeNull();
  });

  it('best available picks seats together in the best row, near its middle, stranding no single seat', async () => {
    app = await startTestApp({ concerts: [SEATED] });
    // Row B: seats 1 and 8 taken, leaving 2–7 free.
    await app.shopper('x').checkoutSeats(CONCERT, ['Stalls-B-1', 'Stalls-B-8']);
    const seatsOf = (res: { body: { hold: { items: { seats: { id: string }[] }[] } } }) =>
      res.body.hold.items[0]?.seats.map((s) => s.id);

    // Any 5 of 2–7 leaves one seat alone, so row C: 1–5 or 4–8, the first of two as central.
    const five = await app.shopper('five').checkout(CONCERT, [{ tier: 'stalls', quantity: 5 }]);
    // 4–5, the row's middle, leaves 2–3 and 6–7: no seat alone.
    const pair = await app.shopper('pair').checkout(CONCERT, [{ tier: 'stalls', quantity: 2 }]);

    expect(five.status).toBe(201);
    expect(seatsOf(five)).toEqual([
      'Stalls-C-1',
      'Stalls-C-2',
      'Stalls-C-3',
      'Stalls-C-4',
      'Stalls-C-5',
    ]);
    expect(seatsOf(pair)).toEqual(['Stalls-B-4', 'Stalls-B-5']);
  });

  it('best available with no seats together left says how many are', async () => {
    app = await startTestApp({ concerts: [SEATED] });
    await app.shopper('x').checkoutSeats(CONCERT, ['Stalls-A-3', 'Stalls-A-6']);

    const res = await app.shopper().checkout(CONCERT, [{ tier: 'front', quantity: 3 }]);

    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({
      code: 'NO_SEATS_TOGETHER',
      details: [{ tier: 'front', requested: 3, together: 2 }],
    });
  });

  it('bought seats are listed by label on the booking and its tickets, and shown sold', async () => {
    app = await startTestApp({ concerts: [SEATED] });
    const shopper = app.shopper();
    await shopper.checkoutSeats(CONCERT, ['Stalls-A-1', 'Stalls-A-2']);

    const res = await shopper.book(CONCERT);

    expect(res.status).toBe(201);
    const { booking } = res.body;
    expect(booking.items[0].seats.map((s: { label: string }) => s.label)).toEqual([
      'Section Stalls, Row A, Seat 1',
      'Section Stalls, Row A, Seat 2',
    ]);
    expect(booking.tickets.map((t: { seat: { id: string } }) => t.seat.id)).toEqual([
      'Stalls-A-1',
      'Stalls-A-2',
    ]);
    const listed = (await shopper.bookings()).body.bookings[0];
    expect(listed.items[0].seats).toEqual(booking.items[0].seats);
    const ticket = await shopper.request('GET', `/api/tickets/${booking.tickets[1].code}`);
    expect(ticket.body.ticket.seat.label).toBe('Section Stalls, Row A, Seat 2');
    expect(await takenOnMap(app)).toEqual({ 'Stalls-A-1': 'sold', 'Stalls-A-2': 'sold' });
    // The confirmation email names each ticket's seat.
    const mail = await app.shopper().request('GET', '/api/dev/mail');
    expect(mail.body.messages[0].text).toContain(
      'Ticket 2 of 2 (FRONT, Section Stalls, Row A, Seat 2)',
    );
    expect(await storedClaims(app)).toEqual([
      { seat: 0, holdId: null, bookingId: booking.id },
      { seat: 1, holdId: null, bookingId: booking.id },
    ]);
    expect(await storedTier(app.db, CONCERT, 'front')).toMatchObject({ sold: 2, heldCounter: 0 });

    const again = await app.shopper('late').checkoutSeats(CONCERT, ['Stalls-A-2']);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('SEATS_TAKEN');
  });

  it('the database itself refuses a second claim on a seat, whatever the code above it does', async () => {
    app = await startTestApp({ concerts: [SEATED] });
    await app.shopper('a').checkoutSeats(CONCERT, ['Stalls-A-5']);
    await app.shopper('b').checkoutSeats(CONCERT, ['Stalls-A-6']);
    const [other] = await storedRows<{ id: number }>(
      app.db,
      `SELECT hold_id AS id FROM seat_claims WHERE seat = 5`,
    );

    await expect(
      changeStored(app.db, 'INSERT INTO seat_claims (concert_id, seat, hold_id) VALUES (?, ?, ?)', [
        CONCERT,
        4,
        other?.id,
      ]),
    ).rejects.toThrow(/UNIQUE|unique|duplicate/);
    expect((await storedClaims(app)).map((claim) => claim.seat)).toEqual([4, 5]);
  });

  it('a cancelled booking puts its seats back on sale', async () => {
    app = await startTestApp({ concerts: [SEATED] });
    const shopper = app.shopper();
    await shopper.checkoutSeats(CONCERT, ['Stalls-C-8']);
    const { booking } = (await shopper.book(CONCERT)).body;

    expect((await shopper.cancelBooking(booking.id)).status).toBe(200);

    expect(await takenOnMap(app)).toEqual({});
    expect(await storedClaims(app)).toEqual([]);
    expect((await shopper.bookings()).body.bookings[0].items[0].seats[0].id).toBe('Stalls-C-8');
    expect((await app.shopper('next').checkoutSeats(CONCERT, ['Stalls-C-8'])).status).toBe(201);
  });

  it('seats of a hold that ran out are free by the clock, and the next shopper gets them', async () => {
    app = await startTestApp({ concerts: [SEATED] });
    await app.shopper('a').checkoutSeats(CONCERT, ['Stalls-B-2', 'Stalls-B-3']);
    app.clock.advance(app.config.holdPolicy.hardCapMs + 1);

    expect(await takenOnMap(app)).toEqual({});
    const res = await app.shopper('b').checkoutSeats(CONCERT, ['Stalls-B-3']);

    expect(res.status).toBe(201);
    expect(await takenOnMap(app)).toEqual({ 'Stalls-B-3': 'held' });
    expect((await storedClaims(app)).map((c) => c.seat)).toEqual([10]);
    expect(await storedTier(app.db, CONCERT, 'stalls')).toMatchObject({
      heldCounter: 1,
      inHoldRows: 1,
    });
  });

  it('checking out again replaces the seats held, the shopper’s own counting as free to them', async () => {
    app = await startTestApp({ concerts: [SEATED] });
    const shopper = app.shopper();
    await shopper.checkoutSeats(CONCERT, ['Stalls-B-4', 'Stalls-B-5']);

    const res = await shopper.checkoutSeats(CONCERT, ['Stalls-B-5', 'Stalls-B-6']);

    expect(res.status).toBe(201);
    expect(await takenOnMap(app)).toEqual({ 'Stalls-B-5': 'held', 'Stalls-B-6': 'held' });
    expect(await storedTier(app.db, CONCERT, 'stalls')).toMatchObject({
      heldCounter: 2,
      inHoldRows: 2,
    });
    expect((await shopper.release(CONCERT)).status).toBe(204);
    expect(await takenOnMap(app)).toEqual({});
    expect(await storedClaims(app)).toEqual([]);
  });

  it.each([
    [['Stalls-Z-9'], [], 'seats.0', 'No seat "Stalls-Z-9" here'],
    [['Stalls-A-1', 'Stalls-A-1'], [], 'seats.1', 'Seat "Stalls-A-1" appears more than once'],
    [['Stalls-A-1'], [{ tier: 'front', quantity: 1 }], 'items.0.tier', 'asked for by seats too'],
  ])(
    'a checkout naming %j with items %j is a 400 naming %s, and holds nothing',
    async (seats, items, field, message) => {
      app = await startTestApp({ concerts: [SEATED] });

      const res = await app.shopper().checkoutSeats(CONCERT, seats, items);

      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(res.body.error.details).toEqual([
        expect.objectContaining({ field, message: expect.stringContaining(message) }),
      ]);
      expect(await storedClaims(app)).toEqual([]);
    },
  );

  it('seats named for a concert sold by tier only are a 400', async () => {
    app = await startTestApp({ concerts: [{ id: 'plain', tiers: [{ code: 'ga', total: 5 }] }] });

    const res = await app.shopper().request('POST', '/api/holds/checkout', {
      concertId: 'plain',
      seats: ['A-1'],
    });

    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([
      { field: 'seats.0', message: 'This concert sells tickets by tier, not seats' },
    ]);
  });

  it('an organizer puts a seated concert on sale with its plan; capacities follow the seats', async () => {
    app = await startTestApp({ config: { adminToken: TOKEN } });
    const organizer = app.shopper();
    const headers = { authorization: `Bearer ${TOKEN}` };
    const body = {
      id: 'hall',
      name: 'Quiet Fires',
      artist: 'Quiet Fires',
      venue: 'Old Hall',
      timeZone: 'Europe/Paris',
      startsAt: new Date(app.clock.now() + 30 * 24 * 3600_000).toISOString(),
      tiers: [
        { code: 'front', name: 'Front', priceCents: 9_000, currency: 'EUR' },
        { code: 'stalls', name: 'Stalls', priceCents: 5_000, currency: 'EUR', capacity: 16 },
        { code: 'ga', name: 'Standing', priceCents: 3_000, currency: 'EUR', capacity: 100 },
      ],
      seatPlan: PLAN,
    };

    const res = await organizer.request('POST', '/api/concerts', body, { headers });

    expect(res.status).toBe(201);
    expect(res.body.concert.tiers.map((t: { total: number }) => t.total)).toEqual([8, 16, 100]);
    const map = (await app.shopper().seatMap('hall')).body.seatMap;
    expect(map.seatCount).toBe(24);
    expect(
      await storedRows(app.db, 'SELECT COUNT(*) AS n FROM seats WHERE concert_id = ?', ['hall']),
    ).toEqual([{ n: 24 }]);

    const hall = await organizer.request(
      'POST',
      '/api/concerts',
      {
        ...body,
        id: 'big-hall',
        tiers: [
          { code: 'front', name: 'Front', priceCents: 9_000, currency: 'EUR' },
          { code: 'stalls', name: 'Stalls', priceCents: 5_000, currency: 'EUR' },
          body.tiers[2],
        ],
        seatPlan: harbourlightPlan,
      },
      { headers },
    );
    expect(hall.status).toBe(201);
    expect((await app.shopper().seatMap('big-hall')).body.seatMap.seatCount).toBe(
      planSeats(harbourlightPlan).length,
    );

    const wrong = await organizer.request(
      'POST',
      '/api/concerts',
      {
        ...body,
        id: 'hall-2',
        tiers: [{ ...body.tiers[0], capacity: 7 }, body.tiers[1], body.tiers[2]],
      },
      { headers },
    );
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.details).toEqual([
      {
        field: 'tiers.0.capacity',
        message: 'Capacity must be the 8 seats the plan gives tier "front", or left out',
      },
    ]);
  });
});

describe('seated tiers, where tiers sold by quantity have more', () => {
  let app: TestApp;
  afterEach(async () => {
    await app.close();
  });

  it('a seated tier keeps the capacity its seats give it, and takes a new price', async () => {
    app = await startTestApp({ concerts: [SEATED], config: { adminToken: TOKEN } });
    const headers = { authorization: `Bearer ${TOKEN}` };
    const path = `/api/concerts/${CONCERT}/tiers/front`;

    const resized = await app.shopper().request('PATCH', path, { capacity: 12 }, { headers });
    const repriced = await app.shopper().request('PATCH', path, { priceCents: 9_500 }, { headers });

    expect(resized.status).toBe(409);
    expect(resized.body.error.code).toBe('SEATED_TIER');
    expect(repriced.status).toBe(200);
    expect(await storedTier(app.db, CONCERT, 'front')).toMatchObject({ total: 8 });
  });

  it('a seated tier has no waiting list: its seats come back on the map', async () => {
    app = await startTestApp({ concerts: [SEATED] });
    const shopper = app.shopper();
    await shopper.checkout(CONCERT, [{ tier: 'front', quantity: 8 }]);

    const res = await app.shopper('late').request('POST', `/api/concerts/${CONCERT}/waiting-list`, {
      tier: 'front',
      email: 'late@example.com',
      quantity: 2,
    });

    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('SEATED_TIER');
    expect(await storedRows(app.db, 'SELECT * FROM waiting_list')).toEqual([]);
  });
});

describe("a seated concert's availability stream", () => {
  let app: TestApp;
  afterEach(async () => {
    await app.close();
  });

  it('sends every seat on connect, then only the seats that changed, as of the version before', async () => {
    app = await startTestApp({ concerts: [SEATED] });
    const stream = await openAvailabilityStream(app.url, CONCERT);
    const first = await stream.waitFor(() => true);

    expect(stream.seatEvents).toEqual([
      {
        type: 'seats',
        event: expect.objectContaining({
          concertId: CONCERT,
          version: first.version,
          seatCount: 24,
        }),
      },
    ]);
    const [opening] = stream.seatEvents;
    const states = decodeSeatStates(24, opening?.type === 'seats' ? opening.event.states : '');
    expect(states.every((state) => state === 'free')).toBe(true);

    const buyer = app.shopper('buyer');
    await buyer.checkoutSeats(CONCERT, ['Stalls-A-2']);
    await stream.waitFor((event) => event.version > first.version);
    await app.shopper('other').checkoutSeats(CONCERT, ['Stalls-C-7', 'Stalls-C-8']);
    await buyer.book(CONCERT);
    const last = await stream.waitFor(
      (event) => event.tiers[1]?.held === 2 && event.tiers[0]?.sold === 1,
    );

    const changes = stream.seatEvents
      .slice(1)
      .flatMap((e) => (e.type === 'seat-changes' ? [e.event] : []));
    expect(stream.seatEvents.slice(1).every((e) => e.type === 'seat-changes')).toBe(true);
    // Each counts from the one before: nothing missed, nothing twice.
    expect(changes[0]).toMatchObject({ from: first.version, held: [1], sold: [], free: [] });
    changes.slice(1).forEach((change, i) => {
      expect(change.from).toBe(changes[i]?.version);
    });
    expect(changes.at(-1)?.version).toBe(last.version);
    const sold = changes.flatMap((c) => c.sold);
    const held = changes.flatMap((c) => c.held);
    expect(sold).toEqual([1]);
    expect(held).toEqual([1, 22, 23]);
    stream.close();
  });
});
