import { ErrorBodySchema, WaitingRoomPlaceResponseSchema } from '@ticket-booking/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { countRows, storedTier } from '../../test/inspect.js';
import { seededRandom } from '../../test/seeded-random.js';
import type { ApiResponse, Shopper } from '../../test/shopper.js';
import { startTestApp, type TestApp } from '../../test/test-app.js';
import { joinWaitingRoom, placeInWaitingRoom } from './waiting-room.service.js';

const SHOW = 'on-sale-show';
const PLAIN = 'plain-show';
const MINUTE = 60_000;
/** Ten minutes after the fake clock's start. */
const ON_SALE_IN = 10 * MINUTE;

const room = (shopper: Shopper, method: 'POST' | 'GET' | 'DELETE' = 'GET', concertId = SHOW) =>
  shopper.request(method, `/api/concerts/${concertId}/waiting-room`);

function checkout(shopper: Shopper, pass?: string, quantity = 2) {
  return shopper.request('POST', '/api/holds/checkout', {
    concertId: SHOW,
    items: [{ tier: 'ga', quantity }],
    ...(pass !== undefined && { pass }),
  });
}

function expectError(res: ApiResponse, status: number, code: string): void {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(ErrorBodySchema.parse(res.body).error.code).toBe(code);
}

describe('a waiting room', () => {
  let app: TestApp;
  afterEach(async () => {
    await app.close();
  });

  async function start(admitPerMinute = 60): Promise<TestApp> {
    const clock0 = Date.UTC(2030, 0, 15, 12, 0, 0);
    app = await startTestApp({
      concerts: [
        {
          id: SHOW,
          tiers: [{ code: 'ga', total: 1000 }],
          onSaleAt: clock0 + ON_SALE_IN,
          admitPerMinute,
        },
        { id: PLAIN, tiers: [{ code: 'ga', total: 10 }] },
      ],
    });
    return app;
  }

  async function placeOf(shopper: Shopper) {
    const res = await room(shopper);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return WaitingRoomPlaceResponseSchema.parse(res.body).place;
  }

  it('before on-sale: the concert is announced, checkout is 409 SALES_NOT_OPEN, and joining gives no number yet', async () => {
    await start();
    const shopper = app.shopper();

    const concert = await shopper.concert(SHOW);
    const early = await checkout(shopper);
    const joined = await room(shopper, 'POST');

    expect(concert.body.concert).toMatchObject({
      status: 'SCHEDULED',
      onSaleAt: new Date(app.clock.now() + ON_SALE_IN).toISOString(),
      waitingRoom: { admitPerMinute: 60 },
    });
    expectError(early, 409, 'SALES_NOT_OPEN');
    expect(early.body.error.message).toMatch(/go on sale on/);
    expect(joined.status).toBe(201);
    expect(joined.body.place).toMatchObject({ concertId: SHOW, state: 'WAITING' });
    expect(joined.body.place.place).toBeUndefined();
    expect(await countRows(app.db, 'holds')).toBe(0);
  });

  it('at on-sale, those who joined before get the places 1 to N in a random order, and later ones queue behind in arrival order', async () => {
    await start();
    const early = Array.from({ length: 20 }, () => app.shopper());
    for (const shopper of early) expect((await room(shopper, 'POST')).status).toBe(201);

    app.clock.advance(ON_SALE_IN + 1);
    const late = Array.from({ length: 3 }, () => app.shopper());
    const latePlaces = [];
    for (const shopper of late) latePlaces.push((await room(shopper, 'POST')).body.place.place);
    const earlyPlaces = await Promise.all(early.map(async (s) => (await placeOf(s))?.place));

    expect([...earlyPlaces].sort((a = 0, b = 0) => a - b)).toEqual(
      Array.from({ length: 20 }, (_, i) => i + 1),
    );
    expect(earlyPlaces).not.toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(latePlaces).toEqual([21, 22, 23]);
  });

  it('lets places in at its pace, by the clock: a place let in gets a pass, and checkout takes only that', async () => {
    await start(60);
    const shoppers = Array.from({ length: 3 }, () => app.shopper());
    app.clock.advance(ON_SALE_IN);
    for (const shopper of shoppers) await room(shopper, 'POST');
    const [first, second, third] = shoppers as [Shopper, Shopper, Shopper];

    const firstPlace = await placeOf(first);
    const secondBefore = await placeOf(second);
    const withoutPass = await checkout(second);
    app.clock.advance(1_000);
    const secondAfter = await placeOf(second);
    const thirdPlace = await placeOf(third);

    expect(firstPlace).toMatchObject({ state: 'ADMITTED', place: 1, pass: expect.any(String) });
    expect(secondBefore).toMatchObject({
      state: 'WAITING',
      place: 2,
      admittedAt: new Date(app.clock.now()).toISOString(),
    });
    expect(secondBefore?.pass).toBeUndefined();
    expectError(withoutPass, 403, 'WAITING_ROOM_PASS_REQUIRED');
    expect(secondAfter).toMatchObject({ state: 'ADMITTED', place: 2 });
    expect(thirdPlace).toMatchObject({ state: 'WAITING', place: 3 });

    const held = await checkout(first, firstPlace?.pass);
    expect(held.status, JSON.stringify(held.body)).toBe(201);
    expect(await storedTier(app.db, SHOW, 'ga')).toMatchObject({ heldCounter: 2 });
  });

  it('refuses a pass used by another session, for another concert, forged or run out', async () => {
    await start(600);
    const owner = app.shopper();
    const other = app.shopper();
    app.clock.advance(ON_SALE_IN);
    await room(owner, 'POST');
    const pass = (await placeOf(owner))?.pass ?? '';
    const [expiry, mac = ''] = pass.split('.');
    const forged = `${expiry}.${mac.startsWith('A') ? 'B' : 'A'}${mac.slice(1)}`;

    const borrowed = await checkout(other, pass);
    const tampered = await checkout(owner, forged);
    const garbage = await checkout(owner, 'not-a-pass');
    app.clock.advance(11 * MINUTE);
    const stale = await checkout(owner, pass);
    const renewed = await checkout(owner, (await placeOf(owner))?.pass);

    for (const res of [borrowed, tampered, garbage]) {
      expectError(res, 403, 'WAITING_ROOM_PASS_REQUIRED');
      expect(res.body.error.message).toMatch(/not given to this browser/);
    }
    expectError(stale, 403, 'WAITING_ROOM_PASS_REQUIRED');
    expect(stale.body.error.message).toMatch(/run out/);
    expect(renewed.status, JSON.stringify(renewed.body)).toBe(201);
    expect(await storedTier(app.db, SHOW, 'ga')).toMatchObject({ heldCounter: 2 });
  });

  it('keeps one place per session across asks; leaving gives it up, and joining again queues at the back', async () => {
    await start(1);
    app.clock.advance(ON_SALE_IN);
    const [a, b, c] = Array.from({ length: 3 }, () => app.shopper()) as [Shopper, Shopper, Shopper];
    await room(a, 'POST');
    await room(b, 'POST');
    await room(c, 'POST');

    const again = await room(b, 'POST');
    const reloaded = await placeOf(b);
    const left = await room(b, 'DELETE');
    const gone = await placeOf(b);
    const rejoined = await room(b, 'POST');

    expect(again.body.place.place).toBe(2);
    expect(reloaded?.place).toBe(2);
    expect(left.status).toBe(204);
    expect(gone).toBeNull();
    expect(rejoined.body.place.place).toBe(4);
    expect(await countRows(app.db, 'waiting_room')).toBe(3);
  });

  it('gives 200 sessions joining at once 200 different places', async () => {
    await start();
    app.clock.advance(ON_SALE_IN);
    const shoppers = Array.from({ length: 200 }, () => app.shopper());

    const joined = await Promise.all(shoppers.map((shopper) => room(shopper, 'POST')));

    expect(joined.map((res) => res.status)).toEqual(shoppers.map(() => 201));
    const places = joined.map((res) => res.body.place.place as number).sort((a, b) => a - b);
    expect(places).toEqual(shoppers.map((_, i) => i + 1));
  });

  it('answers 409 NO_WAITING_ROOM for a concert without one, and 404 for no concert', async () => {
    await start();
    const shopper = app.shopper();

    expectError(await room(shopper, 'POST', PLAIN), 409, 'NO_WAITING_ROOM');
    expectError(await room(shopper, 'GET', 'no-such-show'), 404, 'CONCERT_NOT_FOUND');
    expect((await checkout(shopper)).status).toBe(409);
    expect(await countRows(app.db, 'waiting_room')).toBe(0);
  });

  it('draws early places without bias: over many runs, each joiner is as likely as any to be first', async () => {
    await start();
    const joiners = 8;
    const runs = 400;
    const firsts = new Array<number>(joiners).fill(0);
    const random = seededRandom(20_261_206);
    const deps = { ...app.services, draw: () => Math.floor(random() * 2 ** 48) };
    for (let run = 0; run < runs; run += 1) {
      const concertId = `${SHOW}-${run}`;
      await app.db.write((tx) =>
        tx.concerts.insert(
          {
            id: concertId,
            name: concertId,
            artist: 'The Testers',
            venue: 'Test Hall',
            timeZone: 'UTC',
            startsAt: app.clock.now() + 30 * 24 * 3_600_000,
            onSaleAt: app.clock.now() + 1_000,
            maxTicketsPerBuyer: null,
            admitPerMinute: 60,
            tiers: [{ code: 'ga', name: 'GA', priceCents: 100, currency: 'USD', total: 1 }],
          },
          app.clock.now(),
        ),
      );
      for (let j = 0; j < joiners; j += 1) await joinWaitingRoom(deps, `s${j}`, concertId);
    }
    app.clock.advance(1_000);
    for (let run = 0; run < runs; run += 1) {
      for (let j = 0; j < joiners; j += 1) {
        const place = await placeInWaitingRoom(deps, `s${j}`, `${SHOW}-${run}`);
        if (place?.place === 1) firsts[j] = (firsts[j] ?? 0) + 1;
      }
    }

    // 50 expected each; a fair draw stays within 25–75 in all but about 1 run in 10,000.
    expect(firsts.reduce((sum, n) => sum + n, 0)).toBe(runs);
    for (const n of firsts) expect(n).toBeGreaterThan(25);
    for (const n of firsts) expect(n).toBeLessThan(75);
  });

  describe('the organizer', () => {
    const TOKEN = 'organizer-token-0123456789-abcdefghij';

    async function startOrganized(): Promise<TestApp> {
      app = await startTestApp({ config: { adminToken: TOKEN } });
      return app;
    }

    function organizer(method: string, path: string, body: unknown) {
      return app.shopper().request(method, path, body, {
        headers: { authorization: `Bearer ${TOKEN}` },
      });
    }

    const at = (ms: number) => new Date(app.clock.now() + ms).toISOString();
    const newConcert = (extra: object) => ({
      id: 'drop',
      name: 'Drop',
      artist: 'Neon Harbor',
      venue: 'Pier 9',
      timeZone: 'Europe/Paris',
      startsAt: at(30 * 24 * 60 * MINUTE),
      tiers: [{ code: 'ga', name: 'GA', priceCents: 100, currency: 'EUR', capacity: 50 }],
      ...extra,
    });

    it('opens sales at a time of its own through a waiting room, changing them until they open', async () => {
      await startOrganized();
      const first = at(ON_SALE_IN);
      const later = at(2 * ON_SALE_IN);

      const created = await organizer(
        'POST',
        '/api/concerts',
        newConcert({ onSaleAt: first, waitingRoom: { admitPerMinute: 120 } }),
      );
      const moved = await organizer('PATCH', '/api/concerts/drop', {
        onSaleAt: later,
        waitingRoom: { admitPerMinute: 30 },
      });
      app.clock.advance(2 * ON_SALE_IN);
      const tooLate = await organizer('PATCH', '/api/concerts/drop', { waitingRoom: null });

      expect(created.status, JSON.stringify(created.body)).toBe(201);
      expect(created.body.concert).toMatchObject({
        status: 'SCHEDULED',
        onSaleAt: first,
        waitingRoom: { admitPerMinute: 120 },
      });
      expect(moved.body.concert).toMatchObject({
        onSaleAt: later,
        waitingRoom: { admitPerMinute: 30 },
      });
      expectError(tooLate, 409, 'SALES_ALREADY_OPEN');
      expect((await app.shopper().concert('drop')).body.concert).toMatchObject({
        status: 'ON_SALE',
        waitingRoom: { admitPerMinute: 30 },
      });
    });

    it.each([
      [{ onSaleAt: 'soon' }, 'onSaleAt', 'when sales open'],
      [{ waitingRoom: { admitPerMinute: 0 } }, 'waitingRoom.admitPerMinute', 'at least 1'],
      [{ waitingRoom: true }, 'waitingRoom', 'admitPerMinute'],
    ])('refuses %j naming the field', async (extra, field, words) => {
      await startOrganized();

      const res = await organizer('POST', '/api/concerts', newConcert(extra));

      expectError(res, 400, 'VALIDATION_FAILED');
      expect(res.body.error.details).toEqual([{ field, message: expect.stringContaining(words) }]);
      expect((await app.shopper().concert('drop')).status).toBe(404);
    });

    it('refuses sales that would open after they end', async () => {
      await startOrganized();

      const res = await organizer(
        'POST',
        '/api/concerts',
        newConcert({ onSaleAt: at(31 * 24 * 60 * MINUTE) }),
      );

      expectError(res, 400, 'VALIDATION_FAILED');
      expect(res.body.error.details).toEqual([
        { field: 'onSaleAt', message: 'Sales must open before they end' },
      ]);
    });
  });
});
