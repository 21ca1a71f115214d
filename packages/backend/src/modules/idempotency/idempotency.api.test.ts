import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { ErrorBodySchema, FieldIssueSchema } from '@ticket-booking/shared';
import { openSqliteStore, type SqliteStore } from '../../db/sqlite/store.js';
import type { Store } from '../../db/store.js';
import { availabilityVersion, countRows, storedHolds, storedTier } from '../../test/inspect.js';
import {
  BUYER,
  DECLINED_CARD,
  GOOD_CARD,
  type ApiResponse,
  type Shopper,
} from '../../test/shopper.js';
import { captureLogs } from '../../test/log-capture.js';
import { DEFAULT_TEST_CONCERT, startTestApp, type TestApp } from '../../test/test-app.js';
import { simulatedPaymentGateway, type PaymentGateway } from '../bookings/payment-gateway.js';
import { IDEMPOTENCY_WINDOW_MS } from './idempotency.service.js';

const CONCERT = DEFAULT_TEST_CONCERT.id;
const VIP_2 = [{ tier: 'vip', quantity: 2 }];
const REPLAYED = 'Idempotent-Replayed';
const PARALLEL = 20;

function withKey(key: string): Record<string, string> {
  return { 'Idempotency-Key': key };
}

/** Everything a purchase could have changed, read straight from the tables. */
async function storedState(db: Store) {
  return {
    tiers: await Promise.all(
      DEFAULT_TEST_CONCERT.tiers.map((tier) => storedTier(db, CONCERT, tier.code)),
    ),
    holds: await storedHolds(db),
    bookings: await countRows(db, 'bookings'),
    keys: await countRows(db, 'idempotency_keys'),
    version: await availabilityVersion(db, CONCERT),
  };
}

function expectSameAnswer(repeat: ApiResponse, first: ApiResponse): void {
  expect(repeat.status).toBe(first.status);
  expect(repeat.body).toEqual(first.body);
  expect(repeat.headers.get('content-type')).toBe(first.headers.get('content-type'));
  expect(repeat.headers.get(REPLAYED)).toBe('true');
  expect(first.headers.get(REPLAYED)).toBeNull();
}

function expectErrorCode(res: ApiResponse, status: number, code: string): void {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(ErrorBodySchema.parse(res.body)).toEqual(res.body);
  expect(res.body.error.code).toBe(code);
}

describe('a purchase sent with an Idempotency-Key', () => {
  let app: TestApp;
  let other: SqliteStore | undefined;
  beforeEach(async () => {
    app = await startTestApp();
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    await other?.close();
    other = undefined;
    await app.close();
  });

  /** A shopper whose browser already has its session cookie, so parallel requests share it. */
  async function shopperWithSession(): Promise<Shopper> {
    const shopper = app.shopper();
    await shopper.concert(CONCERT);
    return shopper;
  }

  async function shopperWithHold(items = VIP_2): Promise<Shopper> {
    const shopper = app.shopper();
    expect((await shopper.checkout(CONCERT, items)).status).toBe(201);
    return shopper;
  }

  describe('sent again with the same key and body', () => {
    it('pays once: the repeat gets the same 201 and booking, marked replayed', async () => {
      const shopper = await shopperWithHold();

      const first = await shopper.book(CONCERT, GOOD_CARD, withKey('pay-1'));
      const repeat = await shopper.book(CONCERT, GOOD_CARD, withKey('pay-1'));

      expect(first.status).toBe(201);
      expectSameAnswer(repeat, first);
      expect(await countRows(app.db, 'bookings')).toBe(1);
      expect(await storedTier(app.db, CONCERT, 'vip')).toMatchObject({
        sold: 2,
        heldCounter: 0,
        inBookings: 2,
      });
      expect((await shopper.bookings()).body.bookings).toEqual([first.body.booking]);
    });

    it('holds once: the repeat, later, gets the first hold exactly as it was', async () => {
      const shopper = app.shopper();
      const first = await shopper.checkout(CONCERT, VIP_2, withKey('enter-1'));
      const after = await storedState(app.db);
      app.clock.advance(5_000);

      const repeat = await shopper.checkout(CONCERT, VIP_2, withKey('enter-1'));

      expect(first.status).toBe(201);
      expectSameAnswer(repeat, first);
      expect(await storedState(app.db)).toEqual(after);
      expect(await storedHolds(app.db)).toHaveLength(1);
      expect(await storedTier(app.db, CONCERT, 'vip')).toMatchObject({
        heldCounter: 2,
        inHoldRows: 2,
      });
      expect(await availabilityVersion(app.db, CONCERT)).toBe(1);
    });

    it('is the same request however it is written: key order and spaces in the card number', async () => {
      const shopper = await shopperWithHold();
      const first = await shopper.book(CONCERT, GOOD_CARD, withKey('pay-1'));

      const repeat = await shopper.request(
        'POST',
        '/api/bookings',
        {
          payment: { cvc: '123', expiry: '12/35', cardNumber: '4242424242424242' },
          buyer: { email: BUYER.email, name: BUYER.name },
          concertId: CONCERT,
        },
        { headers: withKey('pay-1') },
      );

      expectSameAnswer(repeat, first);
      expect(await countRows(app.db, 'bookings')).toBe(1);
    });

    it(`${PARALLEL} payments in parallel with one key: identical answers, one booking, sold once`, async () => {
      const shopper = await shopperWithHold();

      const answers = await Promise.all(
        Array.from({ length: PARALLEL }, () =>
          shopper.book(CONCERT, GOOD_CARD, withKey('double-click')),
        ),
      );

      const [first] = answers.filter((res) => res.headers.get(REPLAYED) === null);
      expect(first?.status).toBe(201);
      expect(answers.filter((res) => res.headers.get(REPLAYED) === 'true')).toHaveLength(
        PARALLEL - 1,
      );
      for (const res of answers) {
        expect(res.status).toBe(201);
        expect(res.body).toEqual(first?.body);
      }
      expect(await countRows(app.db, 'bookings')).toBe(1);
      expect(await storedTier(app.db, CONCERT, 'vip')).toMatchObject({
        sold: 2,
        heldCounter: 0,
        inHoldRows: 0,
        inBookings: 2,
      });
    });

    it(`${PARALLEL} checkouts in parallel with one key: identical answers, held once`, async () => {
      const shopper = await shopperWithSession();

      const answers = await Promise.all(
        Array.from({ length: PARALLEL }, () =>
          shopper.checkout(CONCERT, VIP_2, withKey('double-click')),
        ),
      );

      const [first] = answers.filter((res) => res.headers.get(REPLAYED) === null);
      expect(first?.status).toBe(201);
      for (const res of answers) {
        expect(res.status).toBe(201);
        expect(res.body).toEqual(first?.body);
      }
      expect(answers.filter((res) => res.headers.get(REPLAYED) === 'true')).toHaveLength(
        PARALLEL - 1,
      );
      expect(await storedHolds(app.db)).toHaveLength(1);
      expect(await storedTier(app.db, CONCERT, 'vip')).toMatchObject({
        heldCounter: 2,
        inHoldRows: 2,
      });
      expect(await availabilityVersion(app.db, CONCERT)).toBe(1);
    });
  });

  describe('which outcomes are kept', () => {
    it('a booking refused 404 for want of a hold stays refused under its key, even once there is one', async () => {
      const shopper = await shopperWithSession();
      const first = await shopper.book(CONCERT, GOOD_CARD, withKey('pay-1'));
      expect((await shopper.checkout(CONCERT, VIP_2)).status).toBe(201);
      const held = await storedState(app.db);

      const repeat = await shopper.book(CONCERT, GOOD_CARD, withKey('pay-1'));

      expectErrorCode(first, 404, 'NO_ACTIVE_HOLD');
      expectSameAnswer(repeat, first);
      expect(await storedState(app.db)).toEqual(held);
      expect(await countRows(app.db, 'bookings')).toBe(0);
    });

    it('a declined card is answered 402 again under its key, and the hold is kept', async () => {
      const shopper = await shopperWithHold();

      const first = await shopper.book(CONCERT, DECLINED_CARD, withKey('pay-1'));
      const repeat = await shopper.book(CONCERT, DECLINED_CARD, withKey('pay-1'));

      expectErrorCode(first, 402, 'PAYMENT_DECLINED');
      expectSameAnswer(repeat, first);
      expect(await countRows(app.db, 'bookings')).toBe(0);
      expect(await storedTier(app.db, CONCERT, 'vip')).toMatchObject({ sold: 0, heldCounter: 2 });
      expect((await shopper.book(CONCERT, GOOD_CARD, withKey('pay-2'))).status).toBe(201);
    });

    it('409 NOT_ENOUGH_TICKETS is answered again under its key, even after tickets came back', async () => {
      const rival = await shopperWithHold([{ tier: 'vip', quantity: 9 }]);
      const shopper = app.shopper();
      const first = await shopper.checkout(CONCERT, VIP_2, withKey('enter-1'));
      expect((await rival.release(CONCERT)).status).toBe(204);

      const repeat = await shopper.checkout(CONCERT, VIP_2, withKey('enter-1'));

      expectErrorCode(first, 409, 'NOT_ENOUGH_TICKETS');
      expect(first.body.error.details).toEqual([{ tier: 'vip', requested: 2, available: 1 }]);
      expectSameAnswer(repeat, first);
      expect(await storedHolds(app.db)).toEqual([]);
      expect(await storedTier(app.db, CONCERT, 'vip')).toMatchObject({ heldCounter: 0 });
    });

    it('a 503 BUSY is not kept: the retry with the same key does the work', async () => {
      await app.close();
      // SQLite's write lock, taken by another connection; PostgreSQL's BUSY answers have tests
      // of their own (src/db/postgres/store.test.ts).
      app = await startTestApp({
        store: 'sqlite',
        busy: { busyTimeoutMs: 0, retries: 2, baseDelayMs: 1, maxDelayMs: 2 },
      });
      other = openSqliteStore(app.config.databasePath);
      other.sqlite.exec('BEGIN IMMEDIATE');
      const shopper = await shopperWithSession();

      const busy = await shopper.checkout(CONCERT, VIP_2, withKey('enter-1'));
      other.sqlite.exec('ROLLBACK');
      const retry = await shopper.checkout(CONCERT, VIP_2, withKey('enter-1'));

      expectErrorCode(busy, 503, 'BUSY');
      expect(retry.status).toBe(201);
      expect(retry.headers.get(REPLAYED)).toBeNull();
      expect(await storedHolds(app.db)).toHaveLength(1);
      expect(await countRows(app.db, 'idempotency_keys')).toBe(1);
    });

    it('a 500 is not kept: the retry with the same key pays, once', async () => {
      await app.close();
      let failures = 1;
      const flaky: PaymentGateway = {
        charge(payment, amountCents) {
          failures -= 1;
          if (failures >= 0) throw new Error('the card network did not answer');
          return simulatedPaymentGateway.charge(payment, amountCents);
        },
      };
      const logs = captureLogs();
      app = await startTestApp({ payments: flaky, logs });
      const shopper = await shopperWithHold();

      const failed = await shopper.book(CONCERT, GOOD_CARD, withKey('pay-1'));
      const afterFailure = await storedState(app.db);
      const retry = await shopper.book(CONCERT, GOOD_CARD, withKey('pay-1'));

      expectErrorCode(failed, 500, 'INTERNAL_ERROR');
      expect(logs.lines()).toContainEqual(expect.objectContaining({ level: 'error' }));
      expect(afterFailure.keys).toBe(0);
      expect(afterFailure.tiers[0]).toMatchObject({ sold: 0, heldCounter: 2 });
      expect(retry.status).toBe(201);
      expect(retry.headers.get(REPLAYED)).toBeNull();
      expect(await countRows(app.db, 'bookings')).toBe(1);
      expect(await storedTier(app.db, CONCERT, 'vip')).toMatchObject({ sold: 2, heldCounter: 0 });
    });

    it('a request without the header keeps nothing', async () => {
      const shopper = await shopperWithHold();

      await shopper.book(CONCERT);

      expect(await countRows(app.db, 'bookings')).toBe(1);
      expect(await countRows(app.db, 'idempotency_keys')).toBe(0);
    });
  });

  describe('a key that does not match', () => {
    it('with a different body is refused 422 IDEMPOTENCY_KEY_REUSED and changes nothing', async () => {
      const shopper = app.shopper();
      const first = await shopper.checkout(CONCERT, VIP_2, withKey('enter-1'));
      const before = await storedState(app.db);

      const reused = await shopper.checkout(
        CONCERT,
        [{ tier: 'vip', quantity: 3 }],
        withKey('enter-1'),
      );

      expectErrorCode(reused, 422, 'IDEMPOTENCY_KEY_REUSED');
      expect(reused.body.error.details).toEqual([
        { field: 'Idempotency-Key', message: expect.any(String) },
      ]);
      expect(await storedState(app.db)).toEqual(before);
      // The key still answers the request it was first used for.
      expectSameAnswer(await shopper.checkout(CONCERT, VIP_2, withKey('enter-1')), first);
    });

    it('with another card is refused 422 and books nothing', async () => {
      const shopper = await shopperWithHold();
      await shopper.book(CONCERT, DECLINED_CARD, withKey('pay-1'));
      const before = await storedState(app.db);

      const reused = await shopper.book(CONCERT, GOOD_CARD, withKey('pay-1'));

      expectErrorCode(reused, 422, 'IDEMPOTENCY_KEY_REUSED');
      expect(await storedState(app.db)).toEqual(before);
      expect(await countRows(app.db, 'bookings')).toBe(0);
    });

    it('from another session is never answered with that session’s reply', async () => {
      const ada = await shopperWithHold();
      const bo = await shopperWithHold();
      const adas = await ada.book(CONCERT, GOOD_CARD, withKey('same-key'));

      const bos = await bo.book(CONCERT, GOOD_CARD, withKey('same-key'));

      expect(bos.status).toBe(201);
      expect(bos.headers.get(REPLAYED)).toBeNull();
      expect(bos.body.booking.id).not.toBe(adas.body.booking.id);
      expect(await countRows(app.db, 'bookings')).toBe(2);
      expect(await storedTier(app.db, CONCERT, 'vip')).toMatchObject({ sold: 4, inBookings: 4 });
    });

    it('used on the other endpoint is a key of its own', async () => {
      const shopper = app.shopper();
      await shopper.checkout(CONCERT, VIP_2, withKey('one-key'));

      const paid = await shopper.book(CONCERT, GOOD_CARD, withKey('one-key'));

      expect(paid.status).toBe(201);
      expect(paid.headers.get(REPLAYED)).toBeNull();
      expect(paid.body.booking.items).toEqual([expect.objectContaining({ quantity: 2 })]);
      expect(await countRows(app.db, 'idempotency_keys')).toBe(2);
    });
  });

  it('is kept for 24 hours: a repeat until then is replayed, from then on it is done again', async () => {
    const shopper = app.shopper();
    const first = await shopper.checkout(CONCERT, VIP_2, withKey('enter-1'));
    app.clock.advance(IDEMPOTENCY_WINDOW_MS - 1);
    const lastReplay = await shopper.checkout(CONCERT, VIP_2, withKey('enter-1'));
    app.clock.advance(1);

    const dayLater = await shopper.checkout(CONCERT, VIP_2, withKey('enter-1'));

    expectSameAnswer(lastReplay, first);
    expect(dayLater.status).toBe(201);
    expect(dayLater.headers.get(REPLAYED)).toBeNull();
    expect(dayLater.body.hold.createdAt).toBe(new Date(app.clock.now()).toISOString());
    expect(await storedHolds(app.db)).toEqual([
      expect.objectContaining({ createdAt: app.clock.now() }),
    ]);
    expect(await storedTier(app.db, CONCERT, 'vip')).toMatchObject({
      heldCounter: 2,
      inHoldRows: 2,
    });
    expect(await countRows(app.db, 'idempotency_keys')).toBe(1);
  });

  describe('a malformed key is refused 400 naming the header, and nothing is done', () => {
    const cases = [
      { name: 'an empty key', key: '' },
      { name: 'a key over 255 characters', key: 'k'.repeat(256) },
      { name: 'a key with a tab in it', key: 'pay\t1' },
      { name: 'a key with a non-ASCII character', key: 'café' },
    ];
    const table = ['/api/holds/checkout', '/api/bookings'].flatMap((path) =>
      cases.map((c) => ({ path, ...c })),
    );

    it.each(table)('POST $path with $name', async ({ path, key }) => {
      const shopper = await shopperWithHold();
      const before = await storedState(app.db);
      const body =
        path === '/api/bookings'
          ? { concertId: CONCERT, buyer: BUYER, payment: GOOD_CARD }
          : { concertId: CONCERT, items: [{ tier: 'ga', quantity: 1 }] };

      const res = await shopper.request('POST', path, body, { headers: withKey(key) });

      expectErrorCode(res, 400, 'VALIDATION_FAILED');
      const issues = z.array(FieldIssueSchema).min(1).parse(res.body.error.details);
      expect(issues.map((issue) => issue.field)).toEqual(issues.map(() => 'Idempotency-Key'));
      expect(await storedState(app.db)).toEqual(before);
    });

    it('while a key of 255 printable characters, spaces included, is fine', async () => {
      const shopper = app.shopper();
      const longest = `a b${'~'.repeat(252)}`;

      const first = await shopper.checkout(CONCERT, VIP_2, withKey(longest));
      const repeat = await shopper.checkout(CONCERT, VIP_2, withKey(longest));

      expect(first.status).toBe(201);
      expectSameAnswer(repeat, first);
    });
  });
});
