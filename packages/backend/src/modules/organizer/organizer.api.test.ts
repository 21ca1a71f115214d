import { afterEach, describe, expect, it } from 'vitest';
import { ConcertResponseSchema, ConcertSalesResponseSchema } from '@ticket-booking/shared';
import { openAvailabilityStream } from '../../test/availability-stream.js';
import { LIBRARY_WORDING } from '../../test/fuzz-arbitraries.js';
import { storedEverything, storedRows, storedTier } from '../../test/inspect.js';
import type { ApiResponse } from '../../test/shopper.js';
import { startTestApp, type TestApp } from '../../test/test-app.js';

const TOKEN = 'organizer-token-0123456789-abcdefghij';
const CONCERT = 'test-concert';
const MINUTE = 60_000;
/** The fake clock's start, and `ms` after it. */
const app0 = (ms: number) => Date.UTC(2030, 0, 15, 12) + ms;

function organizerOf(app: TestApp, token: string | undefined = TOKEN) {
  const shopper = app.shopper();
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  const send = async (method: string, path: string, body?: unknown): Promise<ApiResponse> => {
    const res = await shopper.request(method, path, body, { headers });
    // The organizer is no shopper: it never gets a session.
    shopper.cookie = undefined;
    return res;
  };
  return {
    send,
    create: (body: object) => send('POST', '/api/concerts', body),
    updateTier: (concertId: string, tier: string, body: object) =>
      send('PATCH', `/api/concerts/${concertId}/tiers/${tier}`, body),
    sales: (concertId: string) => send('GET', `/api/admin/concerts/${concertId}/sales`),
  };
}

function newConcert(app: TestApp, overrides: object = {}) {
  return {
    name: 'Neon Harbor: Tidelight',
    artist: 'Neon Harbor',
    venue: 'Pier 9',
    timeZone: 'Europe/Paris',
    startsAt: new Date(app.clock.now() + 30 * 24 * 3600_000).toISOString(),
    tiers: [
      { code: 'vip', name: 'VIP', priceCents: 20_000, currency: 'EUR', capacity: 50 },
      { code: 'ga', name: 'General admission', priceCents: 6_500, currency: 'EUR', capacity: 900 },
    ],
    ...overrides,
  };
}

async function versionOf(app: TestApp, concertId: string): Promise<number | undefined> {
  const [row] = await storedRows<{ version: number }>(
    app.db,
    'SELECT availability_version AS version FROM concerts WHERE id = ?',
    [concertId],
  );
  return row?.version;
}

const ORGANIZER_REQUESTS = [
  ['POST', '/api/concerts'],
  ['PATCH', `/api/concerts/${CONCERT}`],
  ['PATCH', `/api/concerts/${CONCERT}/tiers/ga`],
  ['GET', `/api/admin/concerts/${CONCERT}/sales`],
  ['GET', '/api/admin/concerts'],
] as const;

describe('the organizer API', () => {
  let app: TestApp;
  afterEach(async () => {
    await app.close();
  });

  it.each(ORGANIZER_REQUESTS)(
    'without ADMIN_TOKEN configured, %s %s answers 404 NOT_FOUND like an unknown route',
    async (method, path) => {
      app = await startTestApp();
      const before = await storedEverything(app.db);

      const res = await organizerOf(app).send(method, path, method === 'GET' ? undefined : {});
      const unknown = await organizerOf(app).send(method, '/api/no-such-thing');

      expect(res.status).toBe(404);
      expect(res.body).toEqual({
        error: { code: 'NOT_FOUND', message: `There is no ${method} ${path}.` },
      });
      expect(unknown.body.error.code).toBe('NOT_FOUND');
      expect(await storedEverything(app.db)).toEqual(before);
    },
  );

  describe.each(ORGANIZER_REQUESTS)('%s %s', (method, path) => {
    it.each([
      ['no Authorization header', undefined],
      ['a wrong token', 'Bearer organizer-token-0123456789-abcdefghiJ'],
      ['the token as a prefix of another', `Bearer ${TOKEN}x`],
      ['a prefix of the token', `Bearer ${TOKEN.slice(0, -1)}`],
      ['another scheme', `Basic ${TOKEN}`],
      ['the bare token', TOKEN],
    ])(
      'with %s answers 401 UNAUTHORIZED asking for a bearer token, and changes nothing',
      async (_, header) => {
        app = await startTestApp({ config: { adminToken: TOKEN } });
        const before = await storedEverything(app.db);
        const body = method === 'GET' ? undefined : { capacity: 5 };

        const res = await app.shopper().request(method, path, body, {
          headers: header === undefined ? {} : { authorization: header },
        });

        expect(res.status).toBe(401);
        expect(res.headers.get('www-authenticate')).toMatch(/^Bearer\b/);
        expect(res.headers.get('set-cookie')).toBeNull();
        expect(res.body).toEqual({ error: { code: 'UNAUTHORIZED', message: expect.any(String) } });
        expect(await storedEverything(app.db)).toEqual(before);
      },
    );
  });

  describe('with ADMIN_TOKEN configured', () => {
    it('creates a concert with its tiers, answered and stored as GET /api/concerts/:id shows it', async () => {
      app = await startTestApp({ config: { adminToken: TOKEN } });
      const request = newConcert(app);

      const res = await organizerOf(app).create(request);

      expect(res.status).toBe(201);
      expect(res.headers.get('set-cookie')).toBeNull();
      expect(ConcertResponseSchema.parse(res.body)).toEqual(res.body);
      expect(res.body.concert).toEqual({
        id: 'neon-harbor-tidelight',
        name: 'Neon Harbor: Tidelight',
        artist: 'Neon Harbor',
        venue: 'Pier 9',
        startsAt: request.startsAt,
        timeZone: 'Europe/Paris',
        onSaleAt: new Date(app.clock.now()).toISOString(),
        salesEndAt: request.startsAt,
        waitingRoom: null,
        status: 'ON_SALE',
        tiers: [
          {
            code: 'vip',
            name: 'VIP',
            priceCents: 20_000,
            currency: 'EUR',
            total: 50,
            sold: 0,
            held: 0,
            available: 50,
            seated: false,
          },
          {
            code: 'ga',
            name: 'General admission',
            priceCents: 6_500,
            currency: 'EUR',
            total: 900,
            sold: 0,
            held: 0,
            available: 900,
            seated: false,
          },
        ],
        maxTicketsPerOrder: 10,
        maxTicketsPerBuyer: 8,
        offerMinutes: 30,
      });
      const shown = await app.shopper().concert('neon-harbor-tidelight');
      expect(shown.body).toEqual(res.body);
      expect(await storedTier(app.db, 'neon-harbor-tidelight', 'ga')).toMatchObject({
        total: 900,
        sold: 0,
        heldCounter: 0,
      });
      expect(await versionOf(app, 'neon-harbor-tidelight')).toBe(1);
      const held = await app
        .shopper()
        .checkout('neon-harbor-tidelight', [{ tier: 'vip', quantity: 2 }]);
      expect(held.status).toBe(201);
    });

    it('a second concert of the same name gets the next free id; one sent with an id keeps it', async () => {
      app = await startTestApp({ config: { adminToken: TOKEN } });
      const organizer = organizerOf(app);

      const first = await organizer.create(newConcert(app));
      const second = await organizer.create(newConcert(app));
      const named = await organizer.create(newConcert(app, { id: 'tidelight-night-two' }));
      const unsluggable = await organizer.create(newConcert(app, { name: '★★★' }));

      expect([first.status, second.status, named.status, unsluggable.status]).toEqual([
        201, 201, 201, 201,
      ]);
      expect(first.body.concert.id).toBe('neon-harbor-tidelight');
      expect(second.body.concert.id).toBe('neon-harbor-tidelight-2');
      expect(named.body.concert.id).toBe('tidelight-night-two');
      expect(unsluggable.body.concert.id).toMatch(/^[a-z0-9-]+$/);
      const ids = (await storedEverything(app.db)).concerts.map((c) => c.id);
      expect(ids).toEqual(
        expect.arrayContaining([
          'neon-harbor-tidelight',
          'neon-harbor-tidelight-2',
          'tidelight-night-two',
          unsluggable.body.concert.id,
        ]),
      );
    });

    it('a concert id that is taken answers 409 CONCERT_ID_TAKEN and changes nothing', async () => {
      app = await startTestApp({ config: { adminToken: TOKEN } });
      const before = await storedEverything(app.db);

      const res = await organizerOf(app).create(newConcert(app, { id: CONCERT, name: 'Other' }));

      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('CONCERT_ID_TAKEN');
      expect(await storedEverything(app.db)).toEqual(before);
      expect((await app.shopper().concert(CONCERT)).body.concert.name).toBe(`Concert ${CONCERT}`);
    });

    const vip = { code: 'vip', name: 'VIP', priceCents: 100, currency: 'EUR', capacity: 5 };
    it.each<[string, (app: TestApp) => object, string]>([
      ['duplicate tier codes', (a) => newConcert(a, { tiers: [vip, vip] }), 'tiers.1.code'],
      [
        'a capacity of 0',
        (a) => newConcert(a, { tiers: [{ ...vip, capacity: 0 }] }),
        'tiers.0.capacity',
      ],
      [
        'a negative capacity',
        (a) => newConcert(a, { tiers: [{ ...vip, capacity: -3 }] }),
        'tiers.0.capacity',
      ],
      [
        'a fractional capacity',
        (a) => newConcert(a, { tiers: [{ ...vip, capacity: 2.5 }] }),
        'tiers.0.capacity',
      ],
      [
        'a negative price',
        (a) => newConcert(a, { tiers: [{ ...vip, priceCents: -1 }] }),
        'tiers.0.priceCents',
      ],
      [
        'a fractional price',
        (a) => newConcert(a, { tiers: [{ ...vip, priceCents: 9.99 }] }),
        'tiers.0.priceCents',
      ],
      [
        'tiers in two currencies',
        (a) => newConcert(a, { tiers: [vip, { ...vip, code: 'ga', currency: 'USD' }] }),
        'tiers.1.currency',
      ],
      [
        'a currency in lower case',
        (a) => newConcert(a, { tiers: [{ ...vip, currency: 'eur' }] }),
        'tiers.0.currency',
      ],
      ['no tiers', (a) => newConcert(a, { tiers: [] }), 'tiers'],
      ['a date that is not ISO', (a) => newConcert(a, { startsAt: 'next Friday' }), 'startsAt'],
      [
        'a start in the past',
        (a) => newConcert(a, { startsAt: new Date(a.clock.now() - MINUTE).toISOString() }),
        'startsAt',
      ],
      [
        'a start right now',
        (a) => newConcert(a, { startsAt: new Date(a.clock.now()).toISOString() }),
        'startsAt',
      ],
      [
        'a start more than three years ahead',
        (a) => newConcert(a, { startsAt: '2033-01-15T12:00:00.001Z' }),
        'startsAt',
      ],
      [
        'a start in the year 9999',
        (a) => newConcert(a, { startsAt: '9999-12-31T20:00:00Z' }),
        'startsAt',
      ],
      ['no time zone', (a) => ({ ...newConcert(a), timeZone: undefined }), 'timeZone'],
      [
        'a time zone that is no place',
        (a) => newConcert(a, { timeZone: 'Mars/Olympus_Mons' }),
        'timeZone',
      ],
      ['an offset for a time zone', (a) => newConcert(a, { timeZone: '+01:00' }), 'timeZone'],
      [
        'sales ending after the start',
        (a) =>
          newConcert(a, {
            startsAt: '2030-03-01T19:00:00Z',
            salesEndAt: '2030-03-01T19:00:00.001Z',
          }),
        'salesEndAt',
      ],
      [
        'sales ending in the past',
        (a) => newConcert(a, { salesEndAt: new Date(a.clock.now() - MINUTE).toISOString() }),
        'salesEndAt',
      ],
      ['an empty name', (a) => newConcert(a, { name: '  ' }), 'name'],
      ['an id that is no slug', (a) => newConcert(a, { id: 'Not A Slug' }), 'id'],
      ['an unknown field', (a) => newConcert(a, { soldOut: true }), 'soldOut'],
      [
        'an unknown tier field',
        (a) => newConcert(a, { tiers: [{ ...vip, total: 5 }] }),
        'tiers.0.total',
      ],
      ['no artist', (a) => ({ ...newConcert(a), artist: undefined }), 'artist'],
    ])(
      'creating a concert with %s answers 400 naming the field and changes nothing',
      async (_, body, field) => {
        app = await startTestApp({ config: { adminToken: TOKEN } });
        const before = await storedEverything(app.db);

        const res = await organizerOf(app).create(body(app));

        expect(res.status).toBe(400);
        expect(res.body.error.code).toBe('VALIDATION_FAILED');
        expect(res.body.error.details).toContainEqual({ field, message: expect.any(String) });
        for (const issue of res.body.error.details as { message: string }[]) {
          expect(issue.message).not.toMatch(LIBRARY_WORDING);
        }
        expect(await storedEverything(app.db)).toEqual(before);
      },
    );

    it('names the currency and the rule when a tier’s currency is no code, not a pattern', async () => {
      app = await startTestApp({ config: { adminToken: TOKEN } });
      const body = newConcert(app, { tiers: [{ ...vip, currency: 'euro' }] });

      const res = await organizerOf(app).create(body);

      expect(res.body.error.details).toEqual([
        {
          field: 'tiers.0.currency',
          message: 'Currency must be a three-letter code in capitals, such as EUR',
        },
      ]);
    });

    it('takes a start exactly three years ahead, and ends its sales at the start', async () => {
      app = await startTestApp({ config: { adminToken: TOKEN } });
      const startsAt = '2033-01-15T12:00:00.000Z';

      const res = await organizerOf(app).create(newConcert(app, { startsAt }));

      expect(res.status).toBe(201);
      expect(res.body.concert).toMatchObject({ startsAt, salesEndAt: startsAt, status: 'ON_SALE' });
    });

    it('keeps an end of sales before the start, and a time zone in its own spelling', async () => {
      app = await startTestApp({ config: { adminToken: TOKEN } });
      const body = newConcert(app, {
        timeZone: 'america/los_angeles',
        startsAt: '2030-03-01T04:30:00.000Z',
        salesEndAt: '2030-02-28T20:00:00-08:00',
      });

      const res = await organizerOf(app).create(body);
      const shown = await app.shopper().concert(res.body.concert.id);

      expect(res.status).toBe(201);
      expect(shown.body.concert).toMatchObject({
        timeZone: 'America/Los_Angeles',
        startsAt: '2030-03-01T04:30:00.000Z',
        salesEndAt: '2030-03-01T04:00:00.000Z',
      });
    });

    it('lists every concert for the organizer, past ones and those whose sales ended too', async () => {
      const HOUR = 3_600_000;
      app = await startTestApp({
        config: { adminToken: TOKEN },
        concerts: [
          { id: 'started', startsAt: app0(HOUR), tiers: [{ code: 'ga', total: 5 }] },
          {
            id: 'closed',
            startsAt: app0(5 * HOUR),
            salesEndAt: app0(HOUR),
            tiers: [{ code: 'ga', total: 5 }],
          },
          { id: 'on-sale', tiers: [{ code: 'ga', total: 5 }] },
        ],
      });
      app.clock.advance(2 * HOUR);

      const res = await organizerOf(app).send('GET', '/api/admin/concerts');
      const shoppers = await app.shopper().request('GET', '/api/concerts');

      expect(res.status).toBe(200);
      expect(res.headers.get('set-cookie')).toBeNull();
      expect(
        res.body.concerts.map((c: { id: string; status: string }) => [c.id, c.status]),
      ).toEqual([
        ['started', 'STARTED'],
        ['closed', 'SALES_CLOSED'],
        ['on-sale', 'ON_SALE'],
      ]);
      expect(shoppers.body.concerts.map((c: { id: string }) => c.id)).toEqual(['on-sale']);
    });

    it('tells what is wrong with the times in the venue’s time, with its zone named', async () => {
      app = await startTestApp({ config: { adminToken: TOKEN } });
      const before = await storedEverything(app.db);

      const past = await organizerOf(app).create(
        newConcert(app, { timeZone: 'America/Los_Angeles', startsAt: '2030-01-15T11:00:00Z' }),
      );
      const far = await organizerOf(app).create(
        newConcert(app, { timeZone: 'Europe/Paris', startsAt: '9999-01-01T00:00:00Z' }),
      );
      const nowhere = await organizerOf(app).create(
        newConcert(app, { timeZone: 'Europe/Atlantis' }),
      );

      expect(past.body.error.details).toEqual([
        {
          field: 'startsAt',
          message:
            'The concert must start in the future (it is now Tue, 15 Jan 2030, 04:00 PST at the venue)',
        },
      ]);
      expect(far.body.error.details).toEqual([
        {
          field: 'startsAt',
          message: 'The concert can start at most 3 years ahead, by Sat, 15 Jan 2033, 13:00 CET',
        },
      ]);
      expect(nowhere.body.error.details).toEqual([
        {
          field: 'timeZone',
          message:
            '"Europe/Atlantis" is not a time zone we know: use a name such as Europe/Paris or America/New_York',
        },
      ]);
      expect(await storedEverything(app.db)).toEqual(before);
    });

    it('changes a tier’s capacity and price, bumps the version, and new holds pay the new price', async () => {
      app = await startTestApp({ config: { adminToken: TOKEN } });
      const organizer = organizerOf(app);
      const versionBefore = (await versionOf(app, CONCERT)) ?? 0;

      const both = await organizer.updateTier(CONCERT, 'ga', { capacity: 150, priceCents: 9_900 });
      const priceOnly = await organizer.updateTier(CONCERT, 'vip', { priceCents: 30_000 });
      const capacityOnly = await organizer.updateTier(CONCERT, 'front-row', { capacity: 5 });

      expect([both.status, priceOnly.status, capacityOnly.status]).toEqual([200, 200, 200]);
      expect(ConcertResponseSchema.parse(capacityOnly.body)).toEqual(capacityOnly.body);
      expect(capacityOnly.body.concert.tiers).toEqual([
        expect.objectContaining({ code: 'vip', total: 10, priceCents: 30_000, available: 10 }),
        expect.objectContaining({ code: 'front-row', total: 5, priceCents: 15_000, available: 5 }),
        expect.objectContaining({ code: 'ga', total: 150, priceCents: 9_900, available: 150 }),
      ]);
      expect((await storedTier(app.db, CONCERT, 'ga')).total).toBe(150);
      expect((await storedTier(app.db, CONCERT, 'front-row')).total).toBe(5);
      expect(await versionOf(app, CONCERT)).toBe(versionBefore + 3);
      const hold = await app.shopper().checkout(CONCERT, [{ tier: 'ga', quantity: 2 }]);
      expect(hold.body.hold.totalCents).toBe(2 * 9_900);
    });

    it('a price change leaves a live hold at the price its shopper was shown, and that is what they pay', async () => {
      app = await startTestApp({ config: { adminToken: TOKEN } });
      const shopper = app.shopper();
      const held = await shopper.checkout(CONCERT, [{ tier: 'vip', quantity: 2 }]);
      const shownCents = held.body.hold.totalCents;

      const change = await organizerOf(app).updateTier(CONCERT, 'vip', { priceCents: 99_900 });
      const resumed = await shopper.request('GET', `/api/holds/${CONCERT}`);
      const booked = await shopper.book(CONCERT);
      const later = await app.shopper().checkout(CONCERT, [{ tier: 'vip', quantity: 1 }]);

      expect(change.status).toBe(200);
      expect(resumed.body.hold.totalCents).toBe(shownCents);
      expect(booked.status).toBe(201);
      expect(booked.body.booking.totalCents).toBe(shownCents);
      expect(later.body.hold.totalCents).toBe(99_900);
    });

    it.each<[string, string, string, object, number, string]>([
      ['neither capacity nor price', CONCERT, 'ga', {}, 400, 'VALIDATION_FAILED'],
      ['a negative capacity', CONCERT, 'ga', { capacity: -1 }, 400, 'VALIDATION_FAILED'],
      ['a fractional price', CONCERT, 'ga', { priceCents: 1.5 }, 400, 'VALIDATION_FAILED'],
      ['an unknown field', CONCERT, 'ga', { capacity: 5, total: 5 }, 400, 'VALIDATION_FAILED'],
      ['an unknown tier', CONCERT, 'balcony', { capacity: 5 }, 404, 'TIER_NOT_FOUND'],
      ['an unknown concert', 'no-such-show', 'ga', { capacity: 5 }, 404, 'CONCERT_NOT_FOUND'],
    ])(
      'changing a tier with %s is refused and changes nothing',
      async (_, concertId, tier, body, status, code) => {
        app = await startTestApp({ config: { adminToken: TOKEN } });
        const before = await storedEverything(app.db);

        const res = await organizerOf(app).updateTier(concertId, tier, body);

        expect(res.status).toBe(status);
        expect(res.body.error.code).toBe(code);
        expect(await storedEverything(app.db)).toEqual(before);
      },
    );

    it('a capacity below sold plus live held answers 409 with the numbers and changes nothing, a run-out hold not counting', async () => {
      app = await startTestApp({
        config: { adminToken: TOKEN },
        concerts: [{ id: CONCERT, tiers: [{ code: 'ga', total: 100 }] }],
      });
      const buyer = app.shopper();
      expect((await buyer.checkout(CONCERT, [{ tier: 'ga', quantity: 3 }])).status).toBe(201);
      expect((await buyer.book(CONCERT)).status).toBe(201);
      const runsOut = await app.shopper().checkout(CONCERT, [{ tier: 'ga', quantity: 5 }]);
      app.clock.advance(1_000);
      expect((await app.shopper().checkout(CONCERT, [{ tier: 'ga', quantity: 4 }])).status).toBe(
        201,
      );
      app.clock.set(Date.parse(runsOut.body.hold.expiresAt));
      const before = await storedEverything(app.db);

      const refused = await organizerOf(app).updateTier(CONCERT, 'ga', {
        capacity: 6,
        priceCents: 1,
      });

      expect(refused.status).toBe(409);
      expect(refused.body.error).toEqual({
        code: 'CAPACITY_BELOW_COMMITTED',
        message: expect.stringContaining('7'),
        details: [{ tier: 'ga', requested: 6, sold: 3, held: 4, minimum: 7 }],
      });
      // Not even the run-out hold was swept: the refusal undid its whole transaction.
      expect(await storedEverything(app.db)).toEqual(before);

      const accepted = await organizerOf(app).updateTier(CONCERT, 'ga', { capacity: 7 });

      expect(accepted.status).toBe(200);
      expect(accepted.body.concert.tiers[0]).toMatchObject({
        total: 7,
        sold: 3,
        held: 4,
        available: 0,
      });
      expect(await storedTier(app.db, CONCERT, 'ga')).toEqual({
        total: 7,
        sold: 3,
        heldCounter: 4,
        inHoldRows: 4,
        inBookings: 3,
      });
    });

    it('concert watchers are told of a capacity change and of a price change', async () => {
      app = await startTestApp({ config: { adminToken: TOKEN } });
      const stream = await openAvailabilityStream(app.url, CONCERT);
      try {
        const first = await stream.waitFor(() => true);

        expect((await organizerOf(app).updateTier(CONCERT, 'vip', { capacity: 4 })).status).toBe(
          200,
        );
        const resized = await stream.waitFor(
          (event) => event.tiers.find((t) => t.code === 'vip')?.total === 4,
        );
        expect((await organizerOf(app).updateTier(CONCERT, 'vip', { priceCents: 1 })).status).toBe(
          200,
        );
        const repriced = await stream.waitFor((event) => event.version > resized.version);

        expect(resized.version).toBeGreaterThan(first.version);
        expect(repriced.version).toBe(await versionOf(app, CONCERT));
      } finally {
        stream.close();
      }
    });

    it('reports exact sales figures after checkouts, a changed selection, a run-out hold and bookings', async () => {
      app = await startTestApp({
        config: { adminToken: TOKEN },
        concerts: [
          {
            id: CONCERT,
            tiers: [
              { code: 'vip', total: 10, priceCents: 20_000 },
              { code: 'ga', total: 100, priceCents: 5_000 },
            ],
          },
        ],
      });
      const start = app.clock.now();
      const a = app.shopper();
      expect(
        (
          await a.checkout(CONCERT, [
            { tier: 'vip', quantity: 2 },
            { tier: 'ga', quantity: 1 },
          ])
        ).status,
      ).toBe(201);
      expect((await a.book(CONCERT)).status).toBe(201);
      const b = await app.shopper().checkout(CONCERT, [{ tier: 'ga', quantity: 3 }]);
      app.clock.advance(30_000);
      const c = app.shopper();
      expect((await c.checkout(CONCERT, [{ tier: 'vip', quantity: 1 }])).status).toBe(201);
      expect((await c.checkout(CONCERT, [{ tier: 'vip', quantity: 2 }])).status).toBe(201);
      expect((await app.shopper().checkout(CONCERT, [{ tier: 'ga', quantity: 2 }])).status).toBe(
        201,
      );
      const bRanOutAt = Date.parse(b.body.hold.expiresAt);
      app.clock.set(bRanOutAt);
      expect((await c.book(CONCERT)).status).toBe(201);

      const res = await organizerOf(app).sales(CONCERT);

      expect(res.status).toBe(200);
      expect(ConcertSalesResponseSchema.parse(res.body)).toEqual(res.body);
      const minuteOf = (t: number) => new Date(Math.floor(t / MINUTE) * MINUTE).toISOString();
      expect(res.body.sales).toEqual({
        concertId: CONCERT,
        timeZone: 'Europe/Paris',
        asOf: new Date(bRanOutAt).toISOString(),
        currency: 'USD',
        maxTicketsPerBuyer: null,
        revenueCents: 4 * 20_000 + 5_000,
        holds: { created: 4, expired: 1, converted: 2, conversionRate: 0.5 },
        tiers: [
          {
            code: 'vip',
            name: 'VIP',
            priceCents: 20_000,
            currency: 'USD',
            total: 10,
            sold: 4,
            held: 0,
            available: 6,
            seated: false,
            revenueCents: 80_000,
            liveHolds: 0,
            checkedIn: 0,
          },
          {
            code: 'ga',
            name: 'GA',
            priceCents: 5_000,
            currency: 'USD',
            total: 100,
            sold: 1,
            held: 2,
            available: 97,
            seated: false,
            revenueCents: 5_000,
            liveHolds: 1,
            checkedIn: 0,
          },
        ],
        buckets: [
          { at: minuteOf(start), tickets: 3, revenueCents: 45_000 },
          { at: minuteOf(bRanOutAt), tickets: 2, revenueCents: 40_000 },
        ],
      });
      // The counters are stored, not kept in memory: a new process reads the same.
      expect(
        await storedRows(
          app.db,
          'SELECT holds_created, holds_expired, holds_converted FROM concerts WHERE id = ?',
          [CONCERT],
        ),
      ).toEqual([{ holds_created: 4, holds_expired: 1, holds_converted: 2 }]);
    });

    it('counts a run-out hold as expired before anything sweeps it', async () => {
      app = await startTestApp({ config: { adminToken: TOKEN } });
      const held = await app.shopper().checkout(CONCERT, [{ tier: 'ga', quantity: 3 }]);
      app.clock.set(Date.parse(held.body.hold.expiresAt));

      const res = await organizerOf(app).sales(CONCERT);

      expect(res.body.sales.holds).toEqual({
        created: 1,
        expired: 1,
        converted: 0,
        conversionRate: 0,
      });
      expect(res.body.sales.tiers[2]).toMatchObject({ code: 'ga', held: 0, liveHolds: 0 });
      expect(await storedTier(app.db, CONCERT, 'ga')).toMatchObject({
        heldCounter: 3,
        inHoldRows: 3,
      });
    });

    it('sales of an unknown concert answer 404 CONCERT_NOT_FOUND', async () => {
      app = await startTestApp({ config: { adminToken: TOKEN } });

      const res = await organizerOf(app).sales('no-such-show');

      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('CONCERT_NOT_FOUND');
    });
  });
});
