import { ErrorBodySchema } from '@ticket-booking/shared';
import { afterEach, describe, expect, it } from 'vitest';
import type { Config } from '../../config/config.js';
import { countRows, storedTier } from '../../test/inspect.js';
import { BUYER, GOOD_CARD, type ApiResponse } from '../../test/shopper.js';
import { startTestApp, type TestApp } from '../../test/test-app.js';
import { NO_ABUSE_LIMITS_CONFIG, testConfig } from '../../test/test-config.js';

const ARENA = 'arena';
const SCALPER = '203.0.113.66';
const HONEST = '198.51.100.7';
const CARRIER_NAT_RANGE = '100.64.0.0/10';
/** A carrier's NAT, behind which many phones share one address. */
const CARRIER_NAT = '100.72.14.3';

/** Behind a trusted proxy on loopback, so that each request can name its client's address. */
function config(ticketsHeldPerAddress: number): Partial<Config> {
  return {
    abuseLimits: {
      ...NO_ABUSE_LIMITS_CONFIG,
      ticketsHeldPerAddress,
      ticketsHeldPerSharedAddress: 100,
      sharedAddresses: [CARRIER_NAT_RANGE],
    },
    http: { ...testConfig().http, trustProxy: 'loopback' },
    maxTicketsPerOrder: 10,
  };
}

function from(address: string) {
  return { headers: { 'x-forwarded-for': address } };
}

function checkoutFrom(app: TestApp, address: string, quantity: number, shopper = app.shopper()) {
  return shopper.request(
    'POST',
    '/api/holds/checkout',
    { concertId: ARENA, items: [{ tier: 'floor', quantity }] },
    from(address),
  );
}

function expectHoldLimit(res: ApiResponse, held: number, max: number): void {
  expect(res.status, JSON.stringify(res.body)).toBe(429);
  const { error } = ErrorBodySchema.parse(res.body);
  expect(error.code).toBe('HOLD_LIMIT_REACHED');
  expect(error.details).toEqual([{ limit: 'ticketsHeldPerAddress', max, held }]);
  expect(error.message).toContain(`${held} tickets`);
}

describe('tickets held per client address', () => {
  let app: TestApp;
  afterEach(async () => {
    await app.close();
  });

  async function start(ticketsHeldPerAddress: number): Promise<TestApp> {
    app = await startTestApp({
      concerts: [{ id: ARENA, tiers: [{ code: 'floor', total: 3000 }] }],
      config: config(ticketsHeldPerAddress),
    });
    return app;
  }

  it('300 fresh sessions from one address get no more than its bound, and an honest shopper still buys', async () => {
    await start(40);

    // One after another, as a script would: the fifth session of ten tickets is the first refused.
    const script: ApiResponse[] = [];
    for (let i = 0; i < 300; i += 1) script.push(await checkoutFrom(app, SCALPER, 10));
    const honest = app.shopper();
    const held = await checkoutFrom(app, HONEST, 2, honest);
    const bought = await honest.request(
      'POST',
      '/api/bookings',
      { concertId: ARENA, buyer: BUYER, payment: GOOD_CARD },
      from(HONEST),
    );

    expect(script.slice(0, 4).map((res) => res.status)).toEqual([201, 201, 201, 201]);
    for (const res of script.slice(4)) expectHoldLimit(res, 40, 40);
    expect(held.status).toBe(201);
    expect(bought.status, JSON.stringify(bought.body)).toBe(201);
    expect(await storedTier(app.db, ARENA, 'floor')).toMatchObject({
      heldCounter: 40,
      inHoldRows: 40,
      sold: 2,
    });
    expect(await countRows(app.db, 'holds')).toBe(4);
  });

  it('an address many shoppers share (SHARED_ADDRESSES) holds up to its own higher bound', async () => {
    await start(40);

    const phones: ApiResponse[] = [];
    for (let i = 0; i < 12; i += 1) phones.push(await checkoutFrom(app, CARRIER_NAT, 10));
    const scalper: ApiResponse[] = [];
    for (let i = 0; i < 5; i += 1) scalper.push(await checkoutFrom(app, SCALPER, 10));

    expect(phones.slice(0, 10).map((res) => res.status)).toEqual(Array(10).fill(201));
    for (const res of phones.slice(10)) expectHoldLimit(res, 100, 100);
    expect(scalper.slice(0, 4).map((res) => res.status)).toEqual(Array(4).fill(201));
    for (const res of scalper.slice(4)) expectHoldLimit(res, 40, 40);
    expect(await storedTier(app.db, ARENA, 'floor')).toMatchObject({
      heldCounter: 140,
      inHoldRows: 140,
    });
  });

  it('names how many more tickets the address may hold when an order would pass the bound', async () => {
    await start(12);
    await checkoutFrom(app, SCALPER, 10);

    const res = await checkoutFrom(app, SCALPER, 4);

    expectHoldLimit(res, 10, 12);
    expect(ErrorBodySchema.parse(res.body).error.message).toContain('2 more at most');
    expect(await storedTier(app.db, ARENA, 'floor')).toMatchObject({
      heldCounter: 10,
      inHoldRows: 10,
    });
  });

  it("a session's own hold does not count against it: it may change its order up to the bound", async () => {
    await start(10);
    const shopper = app.shopper();
    await checkoutFrom(app, SCALPER, 10, shopper);

    const smaller = await checkoutFrom(app, SCALPER, 6, shopper);
    const bigger = await checkoutFrom(app, SCALPER, 10, shopper);

    expect([smaller.status, bigger.status]).toEqual([201, 201]);
    expect(await storedTier(app.db, ARENA, 'floor')).toMatchObject({
      heldCounter: 10,
      inHoldRows: 10,
    });
  });

  it('tickets given back or run out no longer count: the address may hold again', async () => {
    await start(10);
    const first = app.shopper();
    await checkoutFrom(app, SCALPER, 10, first);
    expectHoldLimit(await checkoutFrom(app, SCALPER, 1), 10, 10);

    const released = await first.request('DELETE', `/api/holds/${ARENA}`, undefined, from(SCALPER));
    const afterRelease = await checkoutFrom(app, SCALPER, 10);
    app.clock.advance(app.config.holdPolicy.hardCapMs + 1);
    const afterExpiry = await checkoutFrom(app, SCALPER, 10);

    expect(released.status).toBe(204);
    expect([afterRelease.status, afterExpiry.status]).toEqual([201, 201]);
    expect(await storedTier(app.db, ARENA, 'floor')).toMatchObject({
      heldCounter: 10,
      inHoldRows: 10,
    });
  });

  it('200 parallel checkouts from one address hold exactly its bound', async () => {
    await start(40);

    const results = await Promise.all(
      Array.from({ length: 200 }, () => checkoutFrom(app, SCALPER, 2)),
    );

    const statuses = results.map((res) => res.status).sort();
    expect(statuses.filter((status) => status === 201)).toHaveLength(20);
    expect(statuses.filter((status) => status === 429)).toHaveLength(180);
    expect(await storedTier(app.db, ARENA, 'floor')).toMatchObject({
      heldCounter: 40,
      inHoldRows: 40,
    });
    expect(await countRows(app.db, 'holds')).toBe(20);
  });

  it('with MAX_TICKETS_HELD_PER_ADDRESS=0, one address may hold any number', async () => {
    await start(0);

    const results: ApiResponse[] = [];
    for (let i = 0; i < 20; i += 1) results.push(await checkoutFrom(app, SCALPER, 10));

    expect(results.every((res) => res.status === 201)).toBe(true);
    expect(await storedTier(app.db, ARENA, 'floor')).toMatchObject({
      heldCounter: 200,
      inHoldRows: 200,
    });
  });
});
