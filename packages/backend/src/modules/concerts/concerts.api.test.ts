import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/test-app.js';

describe('concerts', () => {
  let app: TestApp;
  beforeEach(async () => {
    app = await startTestApp({
      concerts: [
        { id: 'first-show', tiers: [{ code: 'vip', name: 'VIP', total: 5, priceCents: 20_000 }] },
        {
          id: 'second-show',
          tiers: [
            { code: 'vip', total: 2 },
            { code: 'ga', total: 50 },
          ],
        },
      ],
    });
  });
  afterEach(async () => {
    await app.close();
  });

  it('lists every concert with its tiers and live availability', async () => {
    await app.shopper().checkout('second-show', [{ tier: 'ga', quantity: 4 }]);

    const res = await app.shopper().request('GET', '/api/concerts');

    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    expect(res.body.concerts.map((c: { id: string }) => c.id).sort()).toEqual([
      'first-show',
      'second-show',
    ]);
    const second = res.body.concerts.find((c: { id: string }) => c.id === 'second-show');
    expect(second).toEqual({
      id: 'second-show',
      name: 'Concert second-show',
      artist: 'The Testers',
      venue: 'Test Hall',
      startsAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      timeZone: 'Europe/Paris',
      onSaleAt: new Date(app.clock.now()).toISOString(),
      salesEndAt: second.startsAt,
      waitingRoom: null,
      status: 'ON_SALE',
      tiers: [
        expect.objectContaining({ code: 'vip', total: 2, sold: 0, held: 0, available: 2 }),
        {
          code: 'ga',
          name: 'GA',
          priceCents: 5_000,
          currency: 'USD',
          total: 50,
          sold: 0,
          held: 4,
          available: 46,
          seated: false,
        },
      ],
      maxTicketsPerOrder: 10,
      maxTicketsPerBuyer: null,
      offerMinutes: 30,
    });
  });

  it('shows one concert by id', async () => {
    const res = await app.shopper().concert('first-show');

    expect(res.status).toBe(200);
    expect(res.body.concert).toMatchObject({
      id: 'first-show',
      tiers: [{ code: 'vip', name: 'VIP', priceCents: 20_000, available: 5 }],
    });
  });

  it('an unknown concert answers 404 CONCERT_NOT_FOUND as JSON', async () => {
    const res = await app.shopper().concert('no-such-show');

    expect(res.status).toBe(404);
    expect(res.body).toEqual({
      error: { code: 'CONCERT_NOT_FOUND', message: expect.any(String) },
    });
  });
});
