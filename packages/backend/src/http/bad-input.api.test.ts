import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ErrorBodySchema, FieldIssueSchema, type ErrorCode } from '@ticket-booking/shared';
import type { Store } from '../db/store.js';
import { LIBRARY_WORDING } from '../test/fuzz-arbitraries.js';
import { countRows, storedHolds, storedTier } from '../test/inspect.js';
import { BUYER, GOOD_CARD, type ApiResponse, type Shopper } from '../test/shopper.js';
import { DEFAULT_TEST_CONCERT, startTestApp, type TestApp } from '../test/test-app.js';

const CONCERT = DEFAULT_TEST_CONCERT.id;
const UNKNOWN_CONCERT = 'no-such-concert';

const VALID_CHECKOUT = { concertId: CONCERT, items: [{ tier: 'vip', quantity: 2 }] };
const VALID_HEARTBEAT = { concertId: CONCERT, active: true, visible: true };
const VALID_BOOKING = { concertId: CONCERT, buyer: BUYER, payment: GOOD_CARD };

const WRITE_ENDPOINTS = ['/api/holds/checkout', '/api/holds/heartbeat', '/api/bookings'];

/** Anything that looks like a stack frame, a source file or a dependency path. */
const INTERNALS = /\n\s+at |node_modules|\w\.(?:js|ts):\d+/;

/**
 * The reply is the API's JSON error body and nothing else: the status and code expected, a
 * message a person can read, and no stack trace or other internals.
 */
function expectErrorReply(res: ApiResponse, status: number, code: ErrorCode): void {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/json\b/);
  // The schema strips keys it does not know, so equality also proves there are no extra ones.
  expect(ErrorBodySchema.parse(res.body)).toEqual(res.body);
  expect(res.body.error.code).toBe(code);
  expect(res.body.error.message).toMatch(/\S/);
  expect(JSON.stringify(res.body)).not.toMatch(INTERNALS);
}

/** A 400 VALIDATION_FAILED whose details name (at least) each of the given fields. */
function expectFieldErrors(res: ApiResponse, fields: string[]): void {
  expectErrorReply(res, 400, 'VALIDATION_FAILED');
  const issues = z.array(FieldIssueSchema).min(1).parse(res.body.error.details);
  for (const issue of issues) {
    expect(issue.message).toMatch(/\S/);
    expect(issue.message, issue.field).not.toMatch(LIBRARY_WORDING);
  }
  expect(issues.map((issue) => issue.field)).toEqual(expect.arrayContaining(fields));
}

/** Everything a request could have changed, read straight from the tables. */
async function storedState(db: Store) {
  return {
    tiers: await Promise.all(
      DEFAULT_TEST_CONCERT.tiers.map((tier) => storedTier(db, CONCERT, tier.code)),
    ),
    holds: await storedHolds(db),
    holdItems: await countRows(db, 'hold_items'),
    bookings: await countRows(db, 'bookings'),
    sessions: await countRows(db, 'sessions'),
  };
}

const NOTHING_STORED: Awaited<ReturnType<typeof storedState>> = {
  tiers: DEFAULT_TEST_CONCERT.tiers.map((tier) => ({
    total: tier.total,
    sold: 0,
    heldCounter: 0,
    inHoldRows: 0,
    inBookings: 0,
  })),
  holds: [],
  holdItems: 0,
  bookings: 0,
  sessions: 0,
};

/** Sends a body exactly as given, bytes and headers, bypassing the client's own JSON encoding. */
function sendRaw(shopper: Shopper, path: string, rawBody: string, headers: Record<string, string>) {
  return shopper.request('POST', path, undefined, { rawBody, headers });
}

describe('bad input gets a clear 4xx JSON error naming what is wrong, and changes nothing', () => {
  let app: TestApp;
  beforeEach(async () => {
    app = await startTestApp();
  });
  afterEach(async () => {
    await app.close();
  });

  /**
   * Gives a shopper a live hold on 2 VIP tickets, then moves the clock on, so that any write a
   * later request wrongly made to the hold (a new deadline, a new last-seen time) would show.
   */
  async function shopperWithLiveHold(): Promise<Shopper> {
    const shopper = app.shopper();
    const held = await shopper.checkout(CONCERT, [{ tier: 'vip', quantity: 2 }]);
    expect(held.status).toBe(201);
    app.clock.advance(10_000);
    return shopper;
  }

  describe('the valid requests the cases below spoil', () => {
    it('are accepted as they stand, so each case fails only for the one thing it changes', async () => {
      const shopper = app.shopper();

      const checkout = await shopper.request('POST', '/api/holds/checkout', VALID_CHECKOUT);
      const heartbeat = await shopper.request('POST', '/api/holds/heartbeat', VALID_HEARTBEAT);
      const booking = await shopper.request('POST', '/api/bookings', VALID_BOOKING);

      expect([checkout.status, heartbeat.status, booking.status]).toEqual([201, 200, 201]);
      expect(await storedTier(app.db, CONCERT, 'vip')).toMatchObject({ sold: 2, heldCounter: 0 });
    });
  });

  describe('POST /api/holds/checkout', () => {
    const tooManyItems = Array.from({ length: 51 }, (_, i) => ({ tier: `t${i}`, quantity: 1 }));

    it.each([
      {
        name: 'a fractional quantity',
        items: [{ tier: 'vip', quantity: 1.5 }],
        fields: ['items.0.quantity'],
      },
      {
        name: 'a zero quantity',
        items: [{ tier: 'vip', quantity: 0 }],
        fields: ['items.0.quantity'],
      },
      {
        name: 'a negative quantity',
        items: [{ tier: 'vip', quantity: -3 }],
        fields: ['items.0.quantity'],
      },
      {
        name: 'an oversized quantity (1e9)',
        items: [{ tier: 'vip', quantity: 1e9 }],
        fields: ['items.0.quantity'],
      },
      {
        name: 'a quantity beyond safe integers (1e20)',
        items: [{ tier: 'vip', quantity: 1e20 }],
        fields: ['items.0.quantity'],
      },
      {
        name: 'a quantity sent as a string',
        items: [{ tier: 'vip', quantity: '2' }],
        fields: ['items.0.quantity'],
      },
      {
        name: 'a null quantity',
        items: [{ tier: 'vip', quantity: null }],
        fields: ['items.0.quantity'],
      },
      { name: 'a missing quantity', items: [{ tier: 'vip' }], fields: ['items.0.quantity'] },
      {
        name: 'a bad quantity in a later item',
        items: [
          { tier: 'vip', quantity: 1 },
          { tier: 'ga', quantity: 0 },
        ],
        fields: ['items.1.quantity'],
      },
      {
        name: 'the same tier twice',
        items: [
          { tier: 'vip', quantity: 1 },
          { tier: 'vip', quantity: 2 },
        ],
        fields: ['items.1.tier'],
      },
      {
        name: 'a tier this concert does not have',
        items: [{ tier: 'balcony', quantity: 1 }],
        fields: ['items.0.tier'],
      },
      {
        name: 'an unknown tier beside a real one',
        items: [
          { tier: 'vip', quantity: 1 },
          { tier: 'balcony', quantity: 1 },
        ],
        fields: ['items.1.tier'],
      },
      {
        name: 'a tier code that is not a slug',
        items: [{ tier: 'VIP!', quantity: 1 }],
        fields: ['items.0.tier'],
      },
      {
        name: 'a tier sent as a number',
        items: [{ tier: 1, quantity: 1 }],
        fields: ['items.0.tier'],
      },
      { name: 'a missing tier', items: [{ quantity: 1 }], fields: ['items.0.tier'] },
      {
        name: 'more than 10 tickets across tiers',
        items: [
          { tier: 'vip', quantity: 6 },
          { tier: 'ga', quantity: 5 },
        ],
        fields: ['items'],
      },
      {
        name: 'more than 10 tickets of one tier',
        items: [{ tier: 'ga', quantity: 11 }],
        fields: ['items'],
      },
      { name: 'no items', items: [], fields: ['items'] },
      { name: 'items that are not a list', items: { tier: 'vip', quantity: 1 }, fields: ['items'] },
      { name: 'items given as a string', items: 'vip', fields: ['items'] },
      { name: 'an item that is not an object', items: [null], fields: ['items.0'] },
      { name: 'more than 50 items', items: tooManyItems, fields: ['items'] },
      {
        name: 'an unknown key in an item',
        items: [{ tier: 'vip', quantity: 1, priceCents: 0 }],
        fields: ['items.0.priceCents'],
      },
    ])('refuses $name with 400 naming $fields', async ({ items, fields }) => {
      const shopper = app.shopper();

      const res = await shopper.request('POST', '/api/holds/checkout', {
        concertId: CONCERT,
        items,
      });

      expectFieldErrors(res, fields);
      expect(await storedState(app.db)).toEqual(NOTHING_STORED);
    });

    it.each([
      {
        name: 'a concert id sent as a number',
        body: { concertId: 42, items: VALID_CHECKOUT.items },
        fields: ['concertId'],
      },
      {
        name: 'a concert id that is not a slug',
        body: { concertId: 'Test Concert!', items: VALID_CHECKOUT.items },
        fields: ['concertId'],
      },
      {
        name: 'a missing concert id',
        body: { items: VALID_CHECKOUT.items },
        fields: ['concertId'],
      },
      { name: 'missing items', body: { concertId: CONCERT }, fields: ['items'] },
      { name: 'an empty object', body: {}, fields: ['concertId', 'items'] },
      {
        name: 'an unknown extra key',
        body: { ...VALID_CHECKOUT, coupon: 'FREE' },
        fields: ['coupon'],
      },
      {
        name: 'an own __proto__ key',
        body: JSON.parse(
          '{"concertId":"test-concert","items":[{"tier":"vip","quantity":1}],"__proto__":{"admin":true}}',
        ),
        fields: ['__proto__'],
      },
      { name: 'a JSON array for a body', body: [VALID_CHECKOUT], fields: ['(body)'] },
    ])('refuses a body with $name with 400 naming $fields', async ({ body, fields }) => {
      const shopper = app.shopper();

      const res = await shopper.request('POST', '/api/holds/checkout', body);

      expectFieldErrors(res, fields);
      expect(await storedState(app.db)).toEqual(NOTHING_STORED);
    });

    it('answers 404 CONCERT_NOT_FOUND for a well-formed concert id that does not exist', async () => {
      const shopper = app.shopper();

      const res = await shopper.checkout(UNKNOWN_CONCERT, [{ tier: 'vip', quantity: 1 }]);

      expectErrorReply(res, 404, 'CONCERT_NOT_FOUND');
      expect(await storedState(app.db)).toEqual(NOTHING_STORED);
    });

    it.each([
      {
        name: 'a zero quantity',
        items: [{ tier: 'vip', quantity: 0 }],
        fields: ['items.0.quantity'],
      },
      {
        name: 'a tier the concert does not have',
        items: [
          { tier: 'ga', quantity: 1 },
          { tier: 'balcony', quantity: 1 },
        ],
        fields: ['items.1.tier'],
      },
      {
        name: 'more than 10 tickets',
        items: [
          { tier: 'vip', quantity: 5 },
          { tier: 'ga', quantity: 6 },
        ],
        fields: ['items'],
      },
      {
        name: 'the same tier twice',
        items: [
          { tier: 'ga', quantity: 1 },
          { tier: 'ga', quantity: 1 },
        ],
        fields: ['items.1.tier'],
      },
    ])(
      "leaves the shopper's live hold exactly as it was when their next checkout has $name",
      async ({ items, fields }) => {
        const shopper = await shopperWithLiveHold();
        const before = await storedState(app.db);
        const holdBefore = await shopper.hold(CONCERT);

        const res = await shopper.request('POST', '/api/holds/checkout', {
          concertId: CONCERT,
          items,
        });

        expectFieldErrors(res, fields);
        expect(await storedState(app.db)).toEqual(before);
        expect(await storedTier(app.db, CONCERT, 'vip')).toMatchObject({
          heldCounter: 2,
          inHoldRows: 2,
        });
        expect(await storedTier(app.db, CONCERT, 'ga')).toMatchObject({
          heldCounter: 0,
          inHoldRows: 0,
        });
        const holdAfter = await shopper.hold(CONCERT);
        expect(holdAfter.status).toBe(200);
        expect(holdAfter.body).toEqual(holdBefore.body);
      },
    );
  });

  describe('bodies that are not a JSON object, on every write endpoint', () => {
    const json = { 'content-type': 'application/json' };
    const wellFormed = JSON.stringify(VALID_CHECKOUT);
    const cases = [
      {
        name: 'malformed JSON',
        raw: '{"concertId": "test-concert", ',
        headers: json,
        status: 400,
        code: 'INVALID_JSON',
      },
      {
        name: 'JSON with a trailing comma',
        raw: '{"concertId": "test-concert",}',
        headers: json,
        status: 400,
        code: 'INVALID_JSON',
      },
      { name: 'a JSON null', raw: 'null', headers: json, status: 400, code: 'INVALID_JSON' },
      {
        name: 'a JSON string',
        raw: '"test-concert"',
        headers: json,
        status: 400,
        code: 'INVALID_JSON',
      },
      { name: 'a JSON number', raw: '42', headers: json, status: 400, code: 'INVALID_JSON' },
      {
        name: 'text/plain',
        raw: wellFormed,
        headers: { 'content-type': 'text/plain' },
        status: 415,
        code: 'UNSUPPORTED_MEDIA_TYPE',
      },
      {
        name: 'a form post',
        raw: 'concertId=test-concert&items=vip',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        status: 415,
        code: 'UNSUPPORTED_MEDIA_TYPE',
      },
      {
        name: 'multipart form data',
        raw: '--x\r\n\r\n--x--',
        headers: { 'content-type': 'multipart/form-data; boundary=x' },
        status: 415,
        code: 'UNSUPPORTED_MEDIA_TYPE',
      },
      {
        name: 'JSON in a non-Unicode charset',
        raw: wellFormed,
        headers: { 'content-type': 'application/json; charset=latin1' },
        status: 415,
        code: 'UNSUPPORTED_MEDIA_TYPE',
      },
      {
        name: 'an unknown content encoding',
        raw: wellFormed,
        headers: { ...json, 'content-encoding': 'x-unknown' },
        status: 415,
        code: 'UNSUPPORTED_MEDIA_TYPE',
      },
      {
        name: 'a body over the 16kb limit',
        raw: JSON.stringify({ ...VALID_CHECKOUT, padding: 'x'.repeat(20_000) }),
        headers: json,
        status: 413,
        code: 'PAYLOAD_TOO_LARGE',
      },
    ] satisfies {
      name: string;
      raw: string;
      headers: Record<string, string>;
      status: number;
      code: ErrorCode;
    }[];
    const table = WRITE_ENDPOINTS.flatMap((path) => cases.map((c) => ({ path, ...c })));

    it.each(table)(
      'POST $path refuses $name with $status $code',
      async ({ path, raw, headers, status, code }) => {
        const shopper = app.shopper();

        const res = await sendRaw(shopper, path, raw, headers);

        expectErrorReply(res, status, code);
        expect(await storedState(app.db)).toEqual(NOTHING_STORED);
      },
    );

    it.each(WRITE_ENDPOINTS)(
      'POST %s refuses a request with no body at all, naming the body',
      async (path) => {
        const shopper = app.shopper();

        const res = await shopper.request('POST', path);

        expectFieldErrors(res, ['(body)']);
        expect(res.body.error.details).toEqual([
          { field: '(body)', message: 'The request body is missing: send a JSON object' },
        ]);
        expect(await storedState(app.db)).toEqual(NOTHING_STORED);
      },
    );

    it.each(WRITE_ENDPOINTS)('POST %s refuses a JSON array, naming the body', async (path) => {
      const shopper = app.shopper();

      const res = await sendRaw(shopper, path, '[]', json);

      expectFieldErrors(res, ['(body)']);
      expect(res.body.error.details).toEqual([
        { field: '(body)', message: 'The request body must be a JSON object' },
      ]);
      expect(await storedState(app.db)).toEqual(NOTHING_STORED);
    });

    // gzip is an encoding the API accepts, so bytes that do not inflate are the client's
    // mistake: a 400 (INVALID_JSON is the nearest code today), never a 500.
    it('refuses a body that claims to be gzip but is not, as a 400 client error', async () => {
      const shopper = app.shopper();

      const res = await sendRaw(shopper, '/api/holds/checkout', JSON.stringify(VALID_CHECKOUT), {
        ...json,
        'content-encoding': 'gzip',
      });

      expectErrorReply(res, 400, res.body.error.code);
      expect(res.body.error.code).not.toBe('INTERNAL_ERROR');
      expect(await storedState(app.db)).toEqual(NOTHING_STORED);
    });
  });

  describe('POST /api/holds/heartbeat', () => {
    it.each([
      { name: 'active missing', body: { concertId: CONCERT, visible: true }, fields: ['active'] },
      { name: 'visible missing', body: { concertId: CONCERT, active: true }, fields: ['visible'] },
      { name: 'both signals missing', body: { concertId: CONCERT }, fields: ['active', 'visible'] },
      {
        name: 'active as the string "true"',
        body: { ...VALID_HEARTBEAT, active: 'true' },
        fields: ['active'],
      },
      { name: 'active as null', body: { ...VALID_HEARTBEAT, active: null }, fields: ['active'] },
      { name: 'visible as 1', body: { ...VALID_HEARTBEAT, visible: 1 }, fields: ['visible'] },
      {
        name: 'the concert id missing',
        body: { active: true, visible: true },
        fields: ['concertId'],
      },
      {
        name: 'the concert id as a number',
        body: { ...VALID_HEARTBEAT, concertId: 7 },
        fields: ['concertId'],
      },
      {
        name: 'an unknown extra key',
        body: { ...VALID_HEARTBEAT, focused: true },
        fields: ['focused'],
      },
    ])(
      "refuses a heartbeat with $name with 400 naming $fields, leaving the hold's times alone",
      async ({ body, fields }) => {
        const shopper = await shopperWithLiveHold();
        const before = await storedState(app.db);

        const res = await shopper.request('POST', '/api/holds/heartbeat', body);

        expectFieldErrors(res, fields);
        expect(await storedState(app.db)).toEqual(before);
      },
    );

    it('answers 404 CONCERT_NOT_FOUND for a heartbeat on a concert that does not exist', async () => {
      const shopper = await shopperWithLiveHold();
      const before = await storedState(app.db);

      const res = await shopper.heartbeat(UNKNOWN_CONCERT, { active: true, visible: true });

      expectErrorReply(res, 404, 'CONCERT_NOT_FOUND');
      expect(await storedState(app.db)).toEqual(before);
    });
  });

  describe('POST /api/bookings', () => {
    const payment = (change: Record<string, unknown>) => ({
      ...VALID_BOOKING,
      payment: { ...GOOD_CARD, ...change },
    });
    const buyer = (change: Record<string, unknown>) => ({
      ...VALID_BOOKING,
      buyer: { ...BUYER, ...change },
    });

    it.each([
      { name: 'no buyer', body: { concertId: CONCERT, payment: GOOD_CARD }, fields: ['buyer'] },
      {
        name: 'a buyer that is a string',
        body: { ...VALID_BOOKING, buyer: 'Ada' },
        fields: ['buyer'],
      },
      { name: 'no payment', body: { concertId: CONCERT, buyer: BUYER }, fields: ['payment'] },
      { name: 'no concert id', body: { buyer: BUYER, payment: GOOD_CARD }, fields: ['concertId'] },
      {
        name: 'a concert id that is not a slug',
        body: { ...VALID_BOOKING, concertId: '../etc' },
        fields: ['concertId'],
      },
      { name: 'an empty object', body: {}, fields: ['concertId', 'buyer', 'payment'] },
      {
        name: 'an unknown extra key',
        body: { ...VALID_BOOKING, coupon: 'FREE' },
        fields: ['coupon'],
      },
      {
        name: 'an email that is not one',
        body: buyer({ email: 'ada-at-example.com' }),
        fields: ['buyer.email'],
      },
      { name: 'a blank email', body: buyer({ email: '' }), fields: ['buyer.email'] },
      { name: 'a blank name', body: buyer({ name: '   ' }), fields: ['buyer.name'] },
      {
        name: 'a name over 120 characters',
        body: buyer({ name: 'A'.repeat(121) }),
        fields: ['buyer.name'],
      },
      { name: 'a name that is a number', body: buyer({ name: 42 }), fields: ['buyer.name'] },
      { name: 'an unknown buyer key', body: buyer({ phone: '555' }), fields: ['buyer.phone'] },
      {
        name: 'a card number failing the Luhn check',
        body: payment({ cardNumber: '4242 4242 4242 4241' }),
        fields: ['payment.cardNumber'],
      },
      {
        name: 'a card number with letters',
        body: payment({ cardNumber: '4242-4242-4242-42AB' }),
        fields: ['payment.cardNumber'],
      },
      {
        name: 'a card number too short',
        body: payment({ cardNumber: '4242' }),
        fields: ['payment.cardNumber'],
      },
      {
        name: 'a card number sent as a number',
        body: payment({ cardNumber: 4242424242424242 }),
        fields: ['payment.cardNumber'],
      },
      {
        name: 'an expiry as YYYY-MM',
        body: payment({ expiry: '2035-12' }),
        fields: ['payment.expiry'],
      },
      {
        name: 'an expiry in month 13',
        body: payment({ expiry: '13/35' }),
        fields: ['payment.expiry'],
      },
      {
        name: 'an expiry without a leading zero',
        body: payment({ expiry: '1/35' }),
        fields: ['payment.expiry'],
      },
      {
        name: 'an expired card (12/29 when it is January 2030)',
        body: payment({ expiry: '12/29' }),
        fields: ['payment.expiry'],
      },
      { name: 'a two-digit cvc', body: payment({ cvc: '12' }), fields: ['payment.cvc'] },
      { name: 'a five-digit cvc', body: payment({ cvc: '12345' }), fields: ['payment.cvc'] },
      { name: 'a cvc with letters', body: payment({ cvc: 'abc' }), fields: ['payment.cvc'] },
      { name: 'a cvc sent as a number', body: payment({ cvc: 123 }), fields: ['payment.cvc'] },
      { name: 'an unknown payment key', body: payment({ pin: '0000' }), fields: ['payment.pin'] },
    ])(
      'refuses a booking with $name with 400 naming $fields, leaving the hold and selling nothing',
      async ({ body, fields }) => {
        const shopper = await shopperWithLiveHold();
        const before = await storedState(app.db);

        const res = await shopper.request('POST', '/api/bookings', body);

        expectFieldErrors(res, fields);
        expect(await storedState(app.db)).toEqual(before);
        expect(await countRows(app.db, 'bookings')).toBe(0);
        expect(await storedTier(app.db, CONCERT, 'vip')).toMatchObject({ sold: 0, heldCounter: 2 });
      },
    );

    it('answers 404 CONCERT_NOT_FOUND for a booking on a concert that does not exist', async () => {
      const shopper = await shopperWithLiveHold();
      const before = await storedState(app.db);

      const res = await shopper.request('POST', '/api/bookings', {
        ...VALID_BOOKING,
        concertId: UNKNOWN_CONCERT,
      });

      expectErrorReply(res, 404, 'CONCERT_NOT_FOUND');
      expect(await storedState(app.db)).toEqual(before);
    });
  });

  describe('path parameters and routes', () => {
    it.each([
      'no-such-concert',
      'UPPER-CASE',
      '-leading-dash',
      'a'.repeat(300),
      'has%20a%20space',
      'nul%00byte',
      'a%2Fb',
      '..%2F..%2Fetc%2Fpasswd',
      "x'%20OR%201%3D1--",
      '%F0%9F%8E%B8',
    ])('GET /api/concerts/%s answers 404 CONCERT_NOT_FOUND', async (id) => {
      const shopper = app.shopper();

      const res = await shopper.concert(id);

      expectErrorReply(res, 404, 'CONCERT_NOT_FOUND');
    });

    it.each(['GET', 'DELETE'])(
      '%s /api/holds/<not a concert id> answers 404 CONCERT_NOT_FOUND',
      async (method) => {
        const shopper = app.shopper();

        const res = await shopper.request(method, '/api/holds/Not%20A%20Concert');

        expectErrorReply(res, 404, 'CONCERT_NOT_FOUND');
        expect(await storedState(app.db)).toEqual(NOTHING_STORED);
      },
    );

    it.each(['not-a-uuid', '12345', "1'%20OR%20'1'%3D'1", '00000000-0000-4000-8000-000000000000'])(
      'GET /api/bookings/%s answers 404 BOOKING_NOT_FOUND',
      async (id) => {
        const shopper = app.shopper();

        const res = await shopper.booking(id);

        expectErrorReply(res, 404, 'BOOKING_NOT_FOUND');
      },
    );

    // A parameter that cannot be percent-decoded names nothing that could exist: 404 (as for any
    // impossible id) or 400 (a malformed URL) are both fair answers. A 500 is not.
    it.each([
      ['GET', '/api/concerts/%ZZ'],
      ['GET', '/api/concerts/%E0%A4%A'],
      ['GET', '/api/bookings/%ZZ'],
      ['GET', '/api/holds/%ZZ'],
      ['DELETE', '/api/holds/%ZZ'],
      ['GET', '/api/concerts/%ZZ/availability/stream'],
      ['GET', '/api/concerts/%E0%A4%A/availability/stream'],
    ])(
      '%s %s, which cannot be percent-decoded, is a 4xx JSON error, not a 500',
      async (method, path) => {
        const shopper = app.shopper();

        const res = await shopper.request(method, path);

        expect([400, 404], JSON.stringify(res.body)).toContain(res.status);
        expectErrorReply(res, res.status, res.body.error.code);
        expect(res.body.error.code).not.toBe('INTERNAL_ERROR');
        expect(await storedState(app.db)).toEqual(NOTHING_STORED);
      },
    );

    it.each([
      ['GET', '/api'],
      ['GET', '/api/nope'],
      ['GET', '/api/concerts/test-concert/tiers'],
      ['POST', '/api/holds'],
      ['PATCH', '/api/concerts/test-concert/tiers'],
      ['GET', '/api/concerts/test-concert/availability/stream/extra'],
    ])('%s %s answers 404 NOT_FOUND naming the route', async (method, path) => {
      const shopper = app.shopper();

      const res = await shopper.request(method, path);

      expectErrorReply(res, 404, 'NOT_FOUND');
      expect(res.body.error.message).toContain(`${method} ${path}`);
      expect(await storedState(app.db)).toEqual(NOTHING_STORED);
    });

    it.each([
      ['PUT', '/api/holds/checkout', 'GET, HEAD, POST, DELETE'],
      ['DELETE', '/api/bookings', 'GET, HEAD, POST'],
      ['PATCH', '/api/concerts', 'GET, HEAD'],
      ['POST', '/api/concerts/test-concert/availability/stream', 'GET, HEAD'],
    ])('%s %s answers 405 METHOD_NOT_ALLOWED with Allow: %s', async (method, path, allow) => {
      const shopper = app.shopper();

      const res = await shopper.request(method, path);

      expectErrorReply(res, 405, 'METHOD_NOT_ALLOWED');
      expect(res.headers.get('allow')).toBe(allow);
      expect(res.body.error.message).toBe(`${path} does not take ${method}; it takes ${allow}.`);
      expect(await storedState(app.db)).toEqual(NOTHING_STORED);
    });
  });
});
