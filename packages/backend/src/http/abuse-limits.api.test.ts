import { ErrorBodySchema } from '@ticket-booking/shared';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Config } from '../config/config.js';
import type { Store } from '../db/store.js';
import { openAvailabilityStream, type StreamClient } from '../test/availability-stream.js';
import { assertFetchDocumented } from '../test/contract.js';
import { captureLogs } from '../test/log-capture.js';
import { countRows, storedHolds, storedTier } from '../test/inspect.js';
import { DECLINED_CARD, type ApiResponse } from '../test/shopper.js';
import { startTestApp, type TestApp } from '../test/test-app.js';
import { testConfig } from '../test/test-config.js';

const CONCERT = 'test-concert';
const VIP_2 = [{ tier: 'vip', quantity: 2 }];

function abuseLimits(change: Partial<Config['abuseLimits']>): Config['abuseLimits'] {
  return { ...testConfig().abuseLimits, ...change };
}

function behindProxy(): Config['http'] {
  return { ...testConfig().http, trustProxy: 'loopback' };
}

function expectRateLimited(res: { status: number; headers: Headers; body: unknown }): void {
  expect(res.status, JSON.stringify(res.body)).toBe(429);
  expect(res.headers.get('content-type')).toMatch(/^application\/json\b/);
  expect(ErrorBodySchema.parse(res.body)).toEqual(res.body);
  expect(ErrorBodySchema.parse(res.body).error.code).toBe('RATE_LIMITED');
}

async function storedState(db: Store) {
  return {
    holds: await storedHolds(db),
    vip: await storedTier(db, CONCERT, 'vip'),
    bookings: await countRows(db, 'bookings'),
    sessions: await countRows(db, 'sessions'),
  };
}

function countStatuses(responses: ApiResponse[]): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const res of responses) counts[res.status] = (counts[res.status] ?? 0) + 1;
  return counts;
}

describe('write rate limits', () => {
  let app: TestApp;
  afterEach(async () => {
    vi.useRealTimers();
    vi.restoreAllMocks();
    await app.close();
  });

  /** The limiter's window runs on Date: frozen here, so a test decides when a minute is over. */
  function freezeDate(): number {
    vi.useFakeTimers({ toFake: ['Date'] });
    const now = Date.UTC(2030, 0, 15, 12, 0, 0);
    vi.setSystemTime(now);
    return now;
  }

  describe('per session', () => {
    it('a session over its limit gets 429 RATE_LIMITED with Retry-After and RateLimit headers, and its write changes nothing', async () => {
      freezeDate();
      app = await startTestApp({
        config: { abuseLimits: abuseLimits({ sessionWritesPerMinute: 2, ipWritesPerMinute: 0 }) },
      });
      const shopper = app.shopper();
      expect((await shopper.checkout(CONCERT, VIP_2)).status).toBe(201);
      expect((await shopper.heartbeat(CONCERT, { active: true, visible: true })).status).toBe(200);
      const before = await storedState(app.db);

      const checkout = await shopper.checkout(CONCERT, [{ tier: 'vip', quantity: 5 }]);
      const release = await shopper.release(CONCERT);
      const book = await shopper.book(CONCERT);

      for (const res of [checkout, release, book]) {
        expectRateLimited(res);
        expect(res.headers.get('retry-after')).toBe('60');
        expect(res.headers.get('ratelimit')).toBe('"session"; r=0; t=60');
        expect(res.headers.get('ratelimit-policy')).toMatch(/^"session"; q=2; w=60; pk=:/);
      }
      expect(await storedState(app.db)).toEqual(before);
      expect((await storedHolds(app.db))[0]?.items).toEqual([{ tier: 'vip', quantity: 2 }]);
      expect(await storedTier(app.db, CONCERT, 'vip')).toMatchObject({ sold: 0, heldCounter: 2 });
    });

    it('counts writes only: reads and the hold itself carry on after the limit is reached', async () => {
      app = await startTestApp({
        config: { abuseLimits: abuseLimits({ sessionWritesPerMinute: 1, ipWritesPerMinute: 0 }) },
      });
      const shopper = app.shopper();
      await shopper.checkout(CONCERT, VIP_2);
      expectRateLimited(await shopper.heartbeat(CONCERT, { active: true, visible: true }));

      const hold = await shopper.hold(CONCERT);
      const concert = await shopper.concert(CONCERT);

      expect(hold.status).toBe(200);
      expect(hold.body.hold.items).toMatchObject([{ tier: 'vip', quantity: 2 }]);
      expect(concert.status).toBe(200);
      expect(hold.headers.get('ratelimit')).toBeNull();
    });

    it('a second session from the same address is not affected by the first one reaching its limit', async () => {
      app = await startTestApp({
        config: { abuseLimits: abuseLimits({ sessionWritesPerMinute: 1, ipWritesPerMinute: 0 }) },
      });
      const first = app.shopper();
      const second = app.shopper();
      await first.checkout(CONCERT, VIP_2);
      expectRateLimited(await first.checkout(CONCERT, VIP_2));

      const res = await second.checkout(CONCERT, [{ tier: 'vip', quantity: 3 }]);

      expect(res.status).toBe(201);
      expect(res.headers.get('ratelimit')).toBe('"session"; r=0; t=60');
      expect((await storedHolds(app.db)).map((hold) => hold.items)).toEqual(
        expect.arrayContaining([[{ tier: 'vip', quantity: 2 }], [{ tier: 'vip', quantity: 3 }]]),
      );
      expect(await storedTier(app.db, CONCERT, 'vip')).toMatchObject({ heldCounter: 5 });
    });

    it('the session may write again once its minute is over, as Retry-After said', async () => {
      const start = freezeDate();
      app = await startTestApp({
        config: { abuseLimits: abuseLimits({ sessionWritesPerMinute: 1, ipWritesPerMinute: 0 }) },
      });
      const shopper = app.shopper();
      await shopper.checkout(CONCERT, VIP_2);
      vi.setSystemTime(start + 59_000);
      const early = await shopper.checkout(CONCERT, [{ tier: 'vip', quantity: 4 }]);
      expectRateLimited(early);
      expect(early.headers.get('retry-after')).toBe('1');

      vi.setSystemTime(start + 60_000);
      const res = await shopper.checkout(CONCERT, [{ tier: 'vip', quantity: 4 }]);

      expect(res.status).toBe(201);
      expect((await storedHolds(app.db))[0]?.items).toEqual([{ tier: 'vip', quantity: 4 }]);
    });

    it('with the default limit, a whole checkout within one minute is never refused', async () => {
      freezeDate();
      app = await startTestApp();
      const shopper = app.shopper();
      const responses: ApiResponse[] = [];

      responses.push(await shopper.checkout(CONCERT, [{ tier: 'vip', quantity: 1 }]));
      responses.push(await shopper.checkout(CONCERT, VIP_2));
      // Thirty heartbeats are fifteen minutes of them, past the hold's hard cap.
      for (let i = 0; i < 30; i += 1) {
        responses.push(await shopper.heartbeat(CONCERT, { active: true, visible: i % 2 === 0 }));
      }
      responses.push(await shopper.book(CONCERT, DECLINED_CARD));
      responses.push(await shopper.book(CONCERT));

      expect(countStatuses(responses)).toEqual({ 200: 30, 201: 3, 402: 1 });
      expect(await storedTier(app.db, CONCERT, 'vip')).toMatchObject({ sold: 2, inBookings: 2 });
    });

    it('with RATE_LIMIT_SESSION_PER_MIN=0, a session is never counted or refused', async () => {
      app = await startTestApp({
        config: { abuseLimits: abuseLimits({ sessionWritesPerMinute: 0, ipWritesPerMinute: 0 }) },
      });
      const shopper = app.shopper();
      await shopper.checkout(CONCERT, VIP_2);
      const responses: ApiResponse[] = [];

      // More than the default limit of 120.
      for (let i = 0; i < 150; i += 1) {
        responses.push(await shopper.heartbeat(CONCERT, { active: true, visible: true }));
      }

      expect(countStatuses(responses)).toEqual({ 200: 150 });
      expect(responses.every((res) => res.headers.get('ratelimit') === null)).toBe(true);
    });
  });

  describe('per address', () => {
    it('counts every session from one address: a client minting fresh sessions is stopped before it gets one', async () => {
      freezeDate();
      app = await startTestApp({
        config: { abuseLimits: abuseLimits({ sessionWritesPerMinute: 0, ipWritesPerMinute: 3 }) },
      });
      const shoppers = Array.from({ length: 4 }, () => app.shopper());
      const allowed: ApiResponse[] = [];
      for (const shopper of shoppers.slice(0, 3)) {
        allowed.push(await shopper.checkout(CONCERT, [{ tier: 'vip', quantity: 1 }]));
      }
      const before = await storedState(app.db);

      const res = await shoppers[3]?.checkout(CONCERT, [{ tier: 'vip', quantity: 1 }]);

      expect(countStatuses(allowed)).toEqual({ 201: 3 });
      if (!res) throw new Error('no fourth shopper');
      expectRateLimited(res);
      expect(res.headers.get('retry-after')).toBe('60');
      expect(res.headers.get('ratelimit')).toBe('"ip"; r=0; t=60');
      expect(res.headers.get('set-cookie')).toBeNull();
      expect(await storedState(app.db)).toEqual(before);
      expect(await countRows(app.db, 'holds')).toBe(3);
    });

    it('keeps one count per address for the checkout and the rest of the API alike', async () => {
      freezeDate();
      app = await startTestApp({
        config: { abuseLimits: abuseLimits({ sessionWritesPerMinute: 0, ipWritesPerMinute: 3 }) },
      });
      const shopper = app.shopper();

      const held = await shopper.checkout(CONCERT, VIP_2);
      const heartbeat = await shopper.heartbeat(CONCERT, { active: true, visible: true });
      const released = await shopper.release(CONCERT);
      const again = await app.shopper().checkout(CONCERT, VIP_2);
      const releasedAgain = await app.shopper().release(CONCERT);

      expect([held.status, heartbeat.status, released.status]).toEqual([201, 200, 204]);
      expectRateLimited(again);
      expectRateLimited(releasedAgain);
      expect(await countRows(app.db, 'holds')).toBe(0);
    });

    it('with TRUST_PROXY=true, the server warns that any client can name its own address', async () => {
      const logs = captureLogs();
      app = await startTestApp({
        config: { http: { ...testConfig().http, trustProxy: true } },
        logs,
      });

      const warnings = logs.lines().filter((line) => line.msg.startsWith('TRUST_PROXY=true'));

      expect(warnings).toHaveLength(1);
      expect(warnings[0]?.level).toBe('warn');
    });

    it('behind a trusted proxy (TRUST_PROXY), each client address gets a limit of its own', async () => {
      app = await startTestApp({
        config: {
          abuseLimits: abuseLimits({ sessionWritesPerMinute: 0, ipWritesPerMinute: 1 }),
          http: behindProxy(),
        },
      });
      const from = (address: string) => ({ headers: { 'x-forwarded-for': address } });
      const checkout = { concertId: CONCERT, items: [{ tier: 'vip', quantity: 1 }] };

      const first = await app
        .shopper()
        .request('POST', '/api/holds/checkout', checkout, from('203.0.113.5'));
      const again = await app
        .shopper()
        .request('POST', '/api/holds/checkout', checkout, from('203.0.113.5'));
      const other = await app
        .shopper()
        .request('POST', '/api/holds/checkout', checkout, from('198.51.100.7'));

      expect(first.status).toBe(201);
      expectRateLimited(again);
      expect(other.status).toBe(201);
      expect(await countRows(app.db, 'holds')).toBe(2);
    });

    it('without TRUST_PROXY, a client cannot dodge the limit by sending X-Forwarded-For, and the server warns', async () => {
      const logs = captureLogs();
      app = await startTestApp({
        config: { abuseLimits: abuseLimits({ sessionWritesPerMinute: 0, ipWritesPerMinute: 1 }) },
        logs,
      });
      const checkout = { concertId: CONCERT, items: [{ tier: 'vip', quantity: 1 }] };
      const from = (address: string) => ({ headers: { 'x-forwarded-for': address } });

      const first = await app
        .shopper()
        .request('POST', '/api/holds/checkout', checkout, from('203.0.113.5'));
      const spoofed = await app
        .shopper()
        .request('POST', '/api/holds/checkout', checkout, from('198.51.100.7'));

      expect(first.status).toBe(201);
      expectRateLimited(spoofed);
      expect(await countRows(app.db, 'holds')).toBe(1);
      const warnings = logs.lines().filter((line) => line.msg.includes('TRUST_PROXY is off'));
      expect(warnings).toHaveLength(1);
      expect(warnings[0]?.level).toBe('warn');
    });

    it('with RATE_LIMIT_IP_PER_MIN=0, one address is never counted or refused', async () => {
      app = await startTestApp({
        config: { abuseLimits: abuseLimits({ sessionWritesPerMinute: 0, ipWritesPerMinute: 0 }) },
      });
      const responses: ApiResponse[] = [];

      // More than a small limit would allow, from fresh sessions as a bot would send them.
      for (let i = 0; i < 150; i += 1) {
        responses.push(await app.shopper().release(CONCERT));
      }

      expect(countStatuses(responses)).toEqual({ 204: 150 });
      expect(responses.every((res) => res.headers.get('ratelimit') === null)).toBe(true);
    });
  });
});

describe('live availability streams per address', () => {
  let app: TestApp;
  const streams: StreamClient[] = [];
  afterEach(async () => {
    for (const stream of streams.splice(0)) stream.close();
    await app.close();
  });

  async function watch(headers: Record<string, string> = {}): Promise<StreamClient> {
    const stream = await openAvailabilityStream(app.url, CONCERT, headers);
    streams.push(stream);
    return stream;
  }

  /** A stream request whose answer is read whole: for refusals, which are short JSON bodies. */
  async function refusedStream(concertId = CONCERT, headers: Record<string, string> = {}) {
    const path = `/api/concerts/${concertId}/availability/stream`;
    const res = await fetch(app.url + path, { headers });
    const text = await res.text();
    assertFetchDocumented('GET', path, res, text);
    return { status: res.status, headers: res.headers, body: JSON.parse(text) };
  }

  it('over the cap, a new stream is refused with 429 RATE_LIMITED JSON before it opens', async () => {
    app = await startTestApp({ config: { abuseLimits: abuseLimits({ streamsPerIp: 2 }) } });
    const open = [await watch(), await watch()];

    const res = await refusedStream();

    expect(open.map((stream) => stream.status)).toEqual([200, 200]);
    expectRateLimited(res);
    expect(app.services.hub.watcherCount(CONCERT)).toBe(2);
  });

  it('closing a stream frees its slot for the next one', async () => {
    app = await startTestApp({ config: { abuseLimits: abuseLimits({ streamsPerIp: 2 }) } });
    const first = await watch();
    await watch();
    expectRateLimited(await refusedStream());

    first.close();
    await vi.waitFor(() => {
      expect(app.services.hub.watcherCount(CONCERT)).toBe(1);
    });
    const next = await watch();

    expect(next.status).toBe(200);
    await next.waitFor(() => true);
    expectRateLimited(await refusedStream());
  });

  it('a stream request that fails (an unknown concert) does not keep a slot', async () => {
    app = await startTestApp({ config: { abuseLimits: abuseLimits({ streamsPerIp: 1 }) } });

    const missing = [
      await refusedStream('no-such-concert'),
      await refusedStream('no-such-concert'),
      await refusedStream('no-such-concert'),
    ];
    const stream = await watch();

    expect(missing.map((res) => res.status)).toEqual([404, 404, 404]);
    expect(stream.status).toBe(200);
    expectRateLimited(await refusedStream());
  });

  it('behind a trusted proxy, the cap is per client: another client still gets its stream', async () => {
    app = await startTestApp({
      config: { abuseLimits: abuseLimits({ streamsPerIp: 1 }), http: behindProxy() },
    });
    const first = await watch({ 'x-forwarded-for': '203.0.113.5' });

    const same = await refusedStream(CONCERT, { 'x-forwarded-for': '203.0.113.5' });
    const other = await watch({ 'x-forwarded-for': '198.51.100.7' });

    expect(first.status).toBe(200);
    expectRateLimited(same);
    expect(other.status).toBe(200);
    expect(app.services.hub.watcherCount(CONCERT)).toBe(2);
  });

  it('with SSE_MAX_STREAMS_PER_IP=0, streams are never counted or refused', async () => {
    app = await startTestApp({ config: { abuseLimits: abuseLimits({ streamsPerIp: 0 }) } });

    const opened: StreamClient[] = [];
    for (let i = 0; i < 20; i += 1) opened.push(await watch());

    expect(opened.every((stream) => stream.status === 200)).toBe(true);
    expect(app.services.hub.watcherCount(CONCERT)).toBe(20);
  });
});
