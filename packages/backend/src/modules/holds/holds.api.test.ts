import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { countRows, storedTier } from '../../test/inspect.js';
import { startTestApp, type TestApp } from '../../test/test-app.js';

const CONCERT = 'test-concert';

describe('checkout holds', () => {
  let app: TestApp;
  beforeEach(async () => {
    app = await startTestApp();
  });
  afterEach(async () => {
    await app.close();
  });

  it('when a shopper checks out, the tickets are held and no longer available to others', async () => {
    const shopper = app.shopper();

    const res = await shopper.checkout(CONCERT, [
      { tier: 'vip', quantity: 2 },
      { tier: 'ga', quantity: 3 },
    ]);

    expect(res.status).toBe(201);
    expect(res.body.hold).toMatchObject({
      concertId: CONCERT,
      items: [
        { tier: 'vip', quantity: 2, unitPriceCents: 25_000 },
        { tier: 'ga', quantity: 3, unitPriceCents: 7_500 },
      ],
      totalCents: 2 * 25_000 + 3 * 7_500,
      heartbeatIntervalMs: 30_000,
      inactivityTimeoutMs: 180_000,
    });
    const concert = await app.shopper().concert(CONCERT);
    expect(concert.body.concert.tiers[0]).toMatchObject({
      code: 'vip',
      total: 10,
      held: 2,
      available: 8,
    });
    expect(storedTier(app.db, CONCERT, 'vip')).toMatchObject({
      heldCounter: 2,
      inHoldRows: 2,
      sold: 0,
    });
    expect(countRows(app.db, 'holds')).toBe(1);
  });
});
