import { createHmac } from 'node:crypto';
import type { Booking, Ticket } from '@ticket-booking/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { storedRows } from '../../test/inspect.js';
import { BUYER, type Shopper } from '../../test/shopper.js';
import { startTestApp, type TestApp } from '../../test/test-app.js';

const CONCERT = 'river-stage';
const TOKEN = 'organizer-token-0123456789-abcdefghij';
const AUTH = { headers: { authorization: `Bearer ${TOKEN}` } };
const DOOR_TOKEN = 'door-token-0123456789-abcdefghijklmnop';
const DOOR_AUTH = { headers: { authorization: `Bearer ${DOOR_TOKEN}` } };

async function ticketsApp(
  tokens: { adminToken?: string; doorToken?: string } = {},
): Promise<TestApp> {
  return startTestApp({
    concerts: [
      {
        id: CONCERT,
        tiers: [
          { code: 'vip', total: 10, priceCents: 9000 },
          { code: 'ga', total: 50, priceCents: 4000 },
        ],
      },
    ],
    config: { adminToken: TOKEN, ...tokens },
  });
}

async function buy(
  shopper: Shopper,
  items = [
    { tier: 'vip', quantity: 1 },
    { tier: 'ga', quantity: 2 },
  ],
) {
  expect((await shopper.checkout(CONCERT, items)).status).toBe(201);
  const res = await shopper.book(CONCERT);
  expect(res.status).toBe(201);
  return res.body.booking as Booking;
}

function checkIn(app: TestApp, code: string, door?: string) {
  return app.shopper().request('POST', '/api/admin/check-ins', { code, door }, AUTH);
}

/** The code with one character changed. */
function altered(code: string): string {
  return (code.startsWith('A') ? 'B' : 'A') + code.slice(1);
}

async function storedCheckIns(app: TestApp) {
  return storedRows<{ ticket: number; door: string | null }>(
    app.db,
    'SELECT ticket, door FROM check_ins ORDER BY ticket',
  );
}

describe('tickets', () => {
  let app: TestApp;
  afterEach(async () => {
    await app.close();
  });

  it('come one per admission with each booking, and open from any device by their code', async () => {
    app = await ticketsApp();
    const booking = await buy(app.shopper());

    expect(booking.tickets?.map(({ number, tier }) => ({ number, tier }))).toEqual([
      { number: 1, tier: 'vip' },
      { number: 2, tier: 'ga' },
      { number: 3, tier: 'ga' },
    ]);
    const codes = booking.tickets?.map((ticket) => ticket.code) ?? [];
    expect(new Set(codes).size).toBe(3);
    const phone = app.shopper();
    const res = await phone.request('GET', `/api/tickets/${codes[1]}`);
    expect(res.status).toBe(200);
    expect(res.body.ticket).toMatchObject({
      code: codes[1],
      number: 2,
      bookingId: booking.id,
      confirmationCode: booking.confirmationCode,
      concertId: CONCERT,
      tier: 'ga',
      tierName: 'GA',
      holder: BUYER.name,
      status: 'VALID',
      checkedInAt: null,
      door: null,
    });
    for (const forged of [altered(codes[0] ?? ''), 'A'.repeat(46), 'not-a-ticket']) {
      const refused = await phone.request('GET', `/api/tickets/${forged}`);
      expect(refused.status).toBe(404);
      expect(refused.body.error.code).toBe('TICKET_NOT_FOUND');
    }
  });

  it('are let in once: a second scan says when and at which door, and the others stay valid', async () => {
    app = await ticketsApp();
    const booking = await buy(app.shopper());
    const [first, second] = booking.tickets ?? [];

    const admitted = await checkIn(app, first?.code ?? '', 'Door 2');
    app.clock.advance(60_000);
    const again = await checkIn(app, first?.code ?? '', 'Door 5');
    const seen = await app.shopper().request('GET', `/api/tickets/${first?.code}`);
    const other = await app.shopper().request('GET', `/api/tickets/${second?.code}`);

    expect(admitted.status).toBe(200);
    const checkedInAt = new Date(app.clock.now() - 60_000).toISOString();
    expect(admitted.body.ticket as Ticket).toMatchObject({
      status: 'CHECKED_IN',
      checkedInAt,
      door: 'Door 2',
      tier: 'vip',
    });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('ALREADY_CHECKED_IN');
    expect(again.body.error.message).toContain('at Door 2');
    expect(again.body.error.details).toEqual([{ checkedInAt, door: 'Door 2' }]);
    expect(seen.body.ticket).toMatchObject({ status: 'CHECKED_IN', door: 'Door 2' });
    expect(other.body.ticket).toMatchObject({ status: 'VALID' });
    expect(await storedCheckIns(app)).toEqual([{ ticket: 1, door: 'Door 2' }]);
  });

  it('refuse a cancelled booking’s, a forged, a malformed code, and a door without the token, storing nothing', async () => {
    app = await ticketsApp();
    const shopper = app.shopper();
    const booking = await buy(shopper);
    const code = booking.tickets?.[0]?.code ?? '';
    const cancelled = await shopper.cancelBooking(booking.id);

    const refused = await checkIn(app, code);
    const forged = await checkIn(app, altered(code));
    const malformed = await checkIn(app, 'short', '');
    const anonymous = await app
      .shopper()
      .request('POST', '/api/admin/check-ins', { code }, { headers: {} });
    const seen = await app.shopper().request('GET', `/api/tickets/${code}`);

    expect(cancelled.body.booking.tickets).toBeUndefined();
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('TICKET_CANCELLED');
    expect(forged.status).toBe(404);
    expect(forged.body.error.code).toBe('TICKET_NOT_FOUND');
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual([
      'code',
      'door',
    ]);
    expect(anonymous.status).toBe(401);
    expect(seen.body.ticket).toMatchObject({ status: 'CANCELLED' });
    expect(await storedCheckIns(app)).toEqual([]);
  });

  it('scanned at many doors at the same moment, one ticket is let in exactly once', async () => {
    app = await ticketsApp();
    const booking = await buy(app.shopper(), [{ tier: 'ga', quantity: 1 }]);
    const code = booking.tickets?.[0]?.code ?? '';

    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => checkIn(app, code, `Door ${i}`)),
    );

    const statuses = answers.map((res) => res.status).sort();
    expect(statuses).toEqual([200, ...Array.from({ length: 19 }, () => 409)]);
    const winner = answers.find((res) => res.status === 200)?.body.ticket as Ticket;
    for (const res of answers.filter((r) => r.status === 409)) {
      expect(res.body.error.details).toEqual([
        { checkedInAt: winner.checkedInAt, door: winner.door },
      ]);
    }
    expect(await storedCheckIns(app)).toEqual([{ ticket: 1, door: winner.door }]);
  });

  it('count at the organizer’s sales per tier as they are let in', async () => {
    app = await ticketsApp();
    const booking = await buy(app.shopper());
    const [vip, ga1, ga2] = booking.tickets ?? [];
    await checkIn(app, vip?.code ?? '');
    await checkIn(app, ga2?.code ?? '');
    await checkIn(app, ga2?.code ?? '');

    const sales = await app
      .shopper()
      .request('GET', `/api/admin/concerts/${CONCERT}/sales`, undefined, AUTH);

    expect(ga1?.tier).toBe('ga');
    expect(
      (sales.body.sales.tiers as { code: string; checkedIn: number }[]).map(
        ({ code, checkedIn }) => ({ code, checkedIn }),
      ),
    ).toEqual([
      { code: 'vip', checkedIn: 1 },
      { code: 'ga', checkedIn: 1 },
    ]);
  });

  it('let the door staff’s token check tickets in and open nothing else', async () => {
    app = await ticketsApp({ doorToken: DOOR_TOKEN });
    const booking = await buy(app.shopper());
    const code = booking.tickets?.[0]?.code ?? '';

    const atDoor = await app
      .shopper()
      .request('POST', '/api/admin/check-ins', { code, door: 'Door 1' }, DOOR_AUTH);
    const sales = await app
      .shopper()
      .request('GET', `/api/admin/concerts/${CONCERT}/sales`, undefined, DOOR_AUTH);

    expect(atDoor.status).toBe(200);
    expect(atDoor.body.ticket).toMatchObject({ status: 'CHECKED_IN', door: 'Door 1' });
    expect(sales.status).toBe(401);
    expect(sales.body.error.code).toBe('UNAUTHORIZED');
  });

  it('are checked in with the door’s token alone where the organizer’s API is off', async () => {
    app = await startTestApp({
      concerts: [{ id: CONCERT, tiers: [{ code: 'ga', total: 5, priceCents: 4000 }] }],
      config: { doorToken: DOOR_TOKEN },
    });
    const booking = await buy(app.shopper(), [{ tier: 'ga', quantity: 1 }]);
    const code = booking.tickets?.[0]?.code ?? '';

    const atDoor = await app.shopper().request('POST', '/api/admin/check-ins', { code }, DOOR_AUTH);
    const organizer = await app
      .shopper()
      .request('GET', '/api/admin/concerts', undefined, DOOR_AUTH);

    expect(atDoor.status).toBe(200);
    expect(organizer.status).toBe(404);
    expect(await storedCheckIns(app)).toEqual([{ ticket: 1, door: null }]);
  });

  it('give doors the keys of the day’s concerts, with which a ticket’s code checks with no network', async () => {
    app = await ticketsApp({ doorToken: DOOR_TOKEN });
    const booking = await buy(app.shopper());
    const code = booking.tickets?.[0]?.code ?? '';
    const concert = (await app.shopper().concert(CONCERT)).body.concert as { startsAt: string };
    const startsAt = Date.parse(concert.startsAt);

    const weekBefore = await app
      .shopper()
      .request('GET', '/api/admin/door-keys', undefined, DOOR_AUTH);
    app.clock.set(startsAt - 6 * 3_600_000);
    const dayOf = await app.shopper().request('GET', '/api/admin/door-keys', undefined, DOOR_AUTH);
    const anonymous = await app.shopper().request('GET', '/api/admin/door-keys');

    expect(weekBefore.status).toBe(200);
    // The test clock starts weeks before the concert.
    expect(weekBefore.body.keys).toEqual([]);
    expect(dayOf.status).toBe(200);
    const keys = dayOf.body.keys as { concertId: string; key: string; startsAt: string }[];
    expect(keys.map((k) => k.concertId)).toEqual([CONCERT]);
    const key = Buffer.from(keys[0]?.key ?? '', 'base64url');
    const tag = createHmac('sha256', key)
      .update(Buffer.from(code.slice(0, 24), 'base64url'))
      .digest()
      .subarray(0, 16)
      .toString('base64url');
    expect(code.slice(24)).toBe(tag);
    expect(anonymous.status).toBe(401);
  });

  it('made before there were door keys still open and check in', async () => {
    app = await ticketsApp();
    const booking = await buy(app.shopper(), [{ tier: 'ga', quantity: 1 }]);
    const legacy = app.services.ticketCodes.codeOf({ bookingId: booking.id, number: 1 });

    const seen = await app.shopper().request('GET', `/api/tickets/${legacy}`);
    const admitted = await checkIn(app, legacy, 'Door 1');

    expect(legacy).not.toBe(booking.tickets?.[0]?.code);
    expect(seen.body.ticket).toMatchObject({ bookingId: booking.id, status: 'VALID' });
    expect(admitted.status).toBe(200);
  });
});
