import { afterEach, describe, expect, it } from 'vitest';
import { openAvailabilityStream } from '../test/availability-stream.js';
import { countRows, storedTier } from '../test/inspect.js';
import { scrapeMetrics } from '../test/metrics-scrape.js';
import { startTestApp, type TestApp } from '../test/test-app.js';

const CONCERT = 'test-concert';

describe.each([
  { server: 'the request listener, fast routes first', expressOnly: false },
  { server: 'the Express app alone', expressOnly: true },
])('the fast routes, served by $server', ({ expressOnly }) => {
  let app: TestApp;

  afterEach(async () => {
    await app.close();
  });

  it('a checkout goes through the shoppers’ pipeline: headers, session, both limits, idempotency', async () => {
    app = await startTestApp({ expressOnly });
    const shopper = app.shopper();
    const key = { 'Idempotency-Key': 'a-key-of-sixteen-chars' };

    const first = await shopper.checkout(CONCERT, [{ tier: 'vip', quantity: 2 }], key);
    const again = await shopper.checkout(CONCERT, [{ tier: 'vip', quantity: 2 }], key);

    expect(first.status).toBe(201);
    expect(first.headers.get('set-cookie')).toMatch(/^tb_session=/);
    expect(first.headers.get('x-request-id')).toBeTruthy();
    expect(first.headers.get('cache-control')).toBe('no-store');
    expect(first.headers.get('ratelimit')).toMatch(/"ip"; r=\d+; t=60, "session"; r=\d+; t=60/);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(await storedTier(app.db, CONCERT, 'vip')).toMatchObject({
      heldCounter: 2,
      inHoldRows: 2,
    });
    const scrape = await scrapeMetrics(app.url);
    expect(
      scrape.value('http_request_duration_seconds_count', {
        method: 'POST',
        route: '/api/holds/checkout',
        status_code: '201',
      }),
    ).toBe(2);
  });

  it('a stream opens with its own headers and no session', async () => {
    app = await startTestApp({ expressOnly });

    const stream = await openAvailabilityStream(app.url, CONCERT);
    const first = await stream.waitFor(() => true);
    stream.close();

    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(stream.headers.get('x-request-id')).toBeTruthy();
    expect(stream.headers.get('set-cookie')).toBeNull();
    expect(first.tiers.find((tier) => tier.code === 'vip')).toMatchObject({ available: 10 });
    expect(await countRows(app.db, 'sessions')).toBe(0);
  });
});
