import type { AvailabilityEvent } from '@ticket-booking/shared';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openAvailabilityStream, type StreamClient } from '../../test/availability-stream.js';
import { assertFetchDocumented } from '../../test/contract.js';
import { storedTier } from '../../test/inspect.js';
import { sendRaw } from '../../test/raw-http.js';
import { startTestApp, type TestApp } from '../../test/test-app.js';
import { NO_ABUSE_LIMITS_CONFIG } from '../../test/test-config.js';
import { expireHolds } from '../../jobs/hold-expiry.js';

const CONCERT = 'test-concert';

function tier(event: AvailabilityEvent, code: string) {
  return event.tiers.find((t) => t.code === code);
}

describe('the availability stream', () => {
  let app: TestApp;
  const streams: StreamClient[] = [];
  async function watch(headers: Record<string, string> = {}) {
    const stream = await openAvailabilityStream(app.url, CONCERT, headers);
    streams.push(stream);
    return stream;
  }

  beforeEach(async () => {
    // Bursts of checkouts from one address: the abuse limits have tests of their own.
    app = await startTestApp({ config: { abuseLimits: NO_ABUSE_LIMITS_CONFIG } });
  });
  afterEach(async () => {
    for (const stream of streams.splice(0)) stream.close();
    await app.close();
  });

  it('on connect, sends a retry hint and at once the full snapshot, with caching and buffering off', async () => {
    await app.shopper().checkout(CONCERT, [{ tier: 'vip', quantity: 2 }]);

    const stream = await watch();
    const first = await stream.waitFor(() => true);

    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(stream.headers.get('cache-control')).toMatch(/no-cache/);
    expect(stream.headers.get('x-accel-buffering')).toBe('no');
    expect(stream.retry).toBe(3000);
    expect(first).toEqual({
      concertId: CONCERT,
      version: expect.any(Number),
      tiers: [
        { code: 'vip', total: 10, sold: 0, held: 2, available: 8 },
        { code: 'front-row', total: 20, sold: 0, held: 0, available: 20 },
        { code: 'ga', total: 100, sold: 0, held: 0, available: 100 },
      ],
      serverTime: new Date(app.clock.now()).toISOString(),
    });
    expect(stream.ids[0]).toBe(String(first.version));
  });

  it('shows another shopper’s checkout, release and purchase as they happen', async () => {
    const stream = await watch();
    const start = await stream.waitFor(() => true);
    const buyer = app.shopper();

    await buyer.checkout(CONCERT, [{ tier: 'vip', quantity: 3 }]);
    const held = await stream.waitFor((e) => tier(e, 'vip')?.held === 3);
    await buyer.release(CONCERT);
    const released = await stream.waitFor((e) => e.version > held.version);
    await buyer.checkout(CONCERT, [{ tier: 'vip', quantity: 2 }]);
    await buyer.book(CONCERT);
    const sold = await stream.waitFor((e) => tier(e, 'vip')?.sold === 2);

    expect(tier(held, 'vip')).toEqual({ code: 'vip', total: 10, sold: 0, held: 3, available: 7 });
    expect(tier(released, 'vip')).toEqual({
      code: 'vip',
      total: 10,
      sold: 0,
      held: 0,
      available: 10,
    });
    expect(tier(sold, 'vip')).toEqual({ code: 'vip', total: 10, sold: 2, held: 0, available: 8 });
    expect(held.version).toBeGreaterThan(start.version);
  });

  it('shows tickets coming back when the cleanup job finds a hold that ran out', async () => {
    await app.shopper().checkout(CONCERT, [{ tier: 'ga', quantity: 5 }]);
    const stream = await watch();
    await stream.waitFor((e) => tier(e, 'ga')?.held === 5);
    app.clock.advance(90_000);

    await expireHolds(app.services);

    const back = await stream.waitFor((e) => tier(e, 'ga')?.held === 0);
    expect(tier(back, 'ga')).toMatchObject({ held: 0, available: 100 });
  });

  it('a heartbeat changes no counts and sends no event', async () => {
    const shopper = app.shopper();
    await shopper.checkout(CONCERT, [{ tier: 'vip', quantity: 1 }]);
    const stream = await watch();
    const start = await stream.waitFor(() => true);

    await shopper.heartbeat(CONCERT, { active: true, visible: true });
    await app.shopper().checkout(CONCERT, [{ tier: 'ga', quantity: 1 }]);
    const next = await stream.waitFor((e) => e.version > start.version);

    expect(next.version).toBe(start.version + 1);
    expect(stream.events).toHaveLength(2);
  });

  it('versions only grow, event after event', async () => {
    const stream = await watch();
    await stream.waitFor(() => true);
    for (let i = 1; i <= 6; i += 1) {
      await app.shopper().checkout(CONCERT, [{ tier: 'ga', quantity: 1 }]);
      await stream.waitFor((e) => tier(e, 'ga')?.held === i);
    }

    const versions = stream.events.map((e) => e.version);

    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(new Set(versions).size).toBe(versions.length);
    expect(stream.ids).toEqual(versions.map(String));
  });

  it('a reconnect with Last-Event-ID gets the snapshot at once only if something changed since', async () => {
    const first = await watch();
    const seen = await first.waitFor(() => true);
    first.close();

    const upToDate = await watch({ 'Last-Event-ID': String(seen.version) });
    await app.shopper().checkout(CONCERT, [{ tier: 'vip', quantity: 1 }]);
    const afterChange = await upToDate.waitFor(() => true);
    const behind = await watch({ 'Last-Event-ID': String(seen.version) });
    const caughtUp = await behind.waitFor(() => true);

    expect(afterChange.version).toBe(seen.version + 1);
    expect(upToDate.events[0]).toEqual(afterChange);
    expect(caughtUp).toMatchObject({ version: seen.version + 1 });
    expect(tier(caughtUp, 'vip')).toMatchObject({ held: 1 });
  });

  it('a burst of 200 checkouts reaches watchers as far fewer events, the last matching what is stored', async () => {
    const stream = await watch();
    await stream.waitFor(() => true);

    const replies = await Promise.all(
      Array.from({ length: 200 }, () =>
        app.shopper().checkout(CONCERT, [{ tier: 'ga', quantity: 1 }]),
      ),
    );
    const stored = await storedTier(app.db, CONCERT, 'ga');
    const last = await stream.waitFor((e) => tier(e, 'ga')?.held === stored.heldCounter);

    expect(replies.filter((r) => r.status === 201)).toHaveLength(100);
    expect(stored).toMatchObject({ total: 100, heldCounter: 100, inHoldRows: 100 });
    expect(tier(last, 'ga')).toEqual({ code: 'ga', total: 100, sold: 0, held: 100, available: 0 });
    expect(stream.events.length).toBeLessThan(50);
  });

  it('closing a stream removes its watcher at once, leaving nothing behind', async () => {
    const many = await Promise.all(Array.from({ length: 5 }, () => watch()));
    await Promise.all(many.map((s) => s.waitFor(() => true)));
    expect(app.services.hub.watcherCount(CONCERT)).toBe(5);

    for (const stream of many) stream.close();

    await vi.waitFor(() => {
      expect(app.services.hub.watcherCount()).toBe(0);
    });
  });

  it('a HEAD request gets the stream’s headers and no body at once, leaving no watcher', async () => {
    const res = await sendRaw(app.url, {
      method: 'HEAD',
      path: `/api/concerts/${CONCERT}/availability/stream`,
    });

    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/event-stream/);
    expect(res.text).toBe('');
    expect(app.services.hub.watcherCount()).toBe(0);
  });

  it('an unknown concert answers 404 JSON, not a stream', async () => {
    const res = await app
      .shopper()
      .request('GET', '/api/concerts/no-such-concert/availability/stream');

    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('CONCERT_NOT_FOUND');
  });

  it('an impossible concert id answers 404 JSON, not a stream', async () => {
    const res = await app
      .shopper()
      .request('GET', `/api/concerts/${'x'.repeat(300)}/availability/stream`);

    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.body.error.code).toBe('CONCERT_NOT_FOUND');
    expect(app.services.hub.watcherCount()).toBe(0);
  });

  it('a query string and a trailing slash still open the stream', async () => {
    const path = `/api/concerts/${CONCERT}/availability/stream/?from=list`;
    const res = await fetch(app.url + path);
    await res.body?.cancel();
    assertFetchDocumented('GET', path, res, '');

    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
  });

  it('once the hub has closed (the server is stopping), a new stream gets only the retry hint and ends', async () => {
    app.services.hub.close();

    const path = `/api/concerts/${CONCERT}/availability/stream`;
    const res = await fetch(app.url + path);
    const body = await res.text();
    assertFetchDocumented('GET', path, res, body);

    expect(res.status).toBe(200);
    expect(body).toBe('retry: 3000\n\n');
    expect(app.services.hub.watcherCount()).toBe(0);
  });
});
