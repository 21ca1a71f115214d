import { afterEach, describe, expect, it, vi } from 'vitest';
import { openSqliteStore, type SqliteStore } from '../db/sqlite/store.js';
import { expireHolds } from '../jobs/hold-expiry.js';
import { openAvailabilityStream, type StreamClient } from '../test/availability-stream.js';
import { countRows, storedTier } from '../test/inspect.js';
import { scrapeMetrics, type Scrape } from '../test/metrics-scrape.js';
import { DECLINED_CARD } from '../test/shopper.js';
import { startTestApp, type TestApp } from '../test/test-app.js';

const CONCERT = 'test-concert';
const MINUTE = 60_000;

const COUNTERS = {
  created: 'tickets_holds_created_total',
  expired: 'tickets_holds_expired_total',
  converted: 'tickets_holds_converted_total',
  released: 'tickets_holds_released_total',
  confirmed: 'tickets_bookings_confirmed_total',
  cancelled: 'tickets_bookings_cancelled_total',
} as const;

type Counts = Record<keyof typeof COUNTERS, number>;

function countsOf(scrape: Scrape): Counts {
  const entries = Object.entries(COUNTERS).map(([key, name]) => [key, scrape.value(name)]);
  return Object.fromEntries(entries) as Counts;
}

describe('/metrics', () => {
  let app: TestApp | undefined;
  let other: TestApp | undefined;
  let locker: SqliteStore | undefined;
  let streams: StreamClient[] = [];
  afterEach(async () => {
    for (const stream of streams) stream.close();
    streams = [];
    await locker?.close();
    locker = undefined;
    await other?.close();
    other = undefined;
    await app?.close();
    app = undefined;
  });

  /** How far each domain counter moved while `act` ran, read through /metrics. */
  async function countedDuring(testApp: TestApp, act: () => Promise<void>): Promise<Counts> {
    const before = countsOf(await scrapeMetrics(testApp.url));
    await act();
    const after = countsOf(await scrapeMetrics(testApp.url));
    const moved = Object.keys(COUNTERS).map((key) => {
      const counter = key as keyof Counts;
      return [counter, after[counter] - before[counter]];
    });
    return Object.fromEntries(moved) as Counts;
  }

  const NOTHING: Counts = {
    created: 0,
    expired: 0,
    converted: 0,
    released: 0,
    confirmed: 0,
    cancelled: 0,
  };

  it('a checkout counts one hold created; changing its quantities or a refused checkout counts none', async () => {
    app = await startTestApp();
    const shopper = app.shopper();

    const first = await countedDuring(app, async () => {
      expect((await shopper.checkout(CONCERT, [{ tier: 'vip', quantity: 2 }])).status).toBe(201);
    });
    const changed = await countedDuring(app, async () => {
      expect((await shopper.checkout(CONCERT, [{ tier: 'vip', quantity: 3 }])).status).toBe(201);
    });
    const refused = await countedDuring(app, async () => {
      const res = await app!.shopper().checkout(CONCERT, [{ tier: 'vip', quantity: 8 }]);
      expect(res.status).toBe(409);
    });

    expect(first).toEqual({ ...NOTHING, created: 1 });
    expect(changed).toEqual(NOTHING);
    expect(refused).toEqual(NOTHING);
    expect(await countRows(app.db, 'holds')).toBe(1);
  });

  it('a booking counts one hold converted and one booking confirmed; a declined card counts neither', async () => {
    app = await startTestApp();
    const shopper = app.shopper();
    await shopper.checkout(CONCERT, [{ tier: 'ga', quantity: 4 }]);

    const declined = await countedDuring(app, async () => {
      expect((await shopper.book(CONCERT, DECLINED_CARD)).status).toBe(402);
    });
    const booked = await countedDuring(app, async () => {
      expect((await shopper.book(CONCERT)).status).toBe(201);
    });

    expect(declined).toEqual(NOTHING);
    expect(booked).toEqual({ ...NOTHING, converted: 1, confirmed: 1 });
    expect(await countRows(app.db, 'bookings')).toBe(1);
    expect(await storedTier(app.db, CONCERT, 'ga')).toMatchObject({ sold: 4, heldCounter: 0 });
  });

  it('a cancellation counts one booking cancelled; repeating it or another session’s attempt counts none', async () => {
    app = await startTestApp();
    const shopper = app.shopper();
    await shopper.checkout(CONCERT, [{ tier: 'ga', quantity: 4 }]);
    const { id } = (await shopper.book(CONCERT)).body.booking;

    const stranger = await countedDuring(app, async () => {
      expect((await app!.shopper().cancelBooking(id)).status).toBe(404);
    });
    const cancelled = await countedDuring(app, async () => {
      expect((await shopper.cancelBooking(id)).status).toBe(200);
    });
    const again = await countedDuring(app, async () => {
      expect((await shopper.cancelBooking(id)).status).toBe(200);
    });

    expect(stranger).toEqual(NOTHING);
    expect(cancelled).toEqual({ ...NOTHING, cancelled: 1 });
    expect(again).toEqual(NOTHING);
    expect(await storedTier(app.db, CONCERT, 'ga')).toMatchObject({ sold: 0, inBookings: 0 });
  });

  it('a release counts one hold released; releasing when nothing is held counts none', async () => {
    app = await startTestApp();
    const shopper = app.shopper();
    await shopper.checkout(CONCERT, [{ tier: 'vip', quantity: 1 }]);

    const released = await countedDuring(app, async () => {
      expect((await shopper.release(CONCERT)).status).toBe(204);
    });
    const again = await countedDuring(app, async () => {
      expect((await shopper.release(CONCERT)).status).toBe(204);
    });

    expect(released).toEqual({ ...NOTHING, released: 1 });
    expect(again).toEqual(NOTHING);
    expect(await countRows(app.db, 'holds')).toBe(0);
  });

  it('run-out holds count as expired exactly once, swept by a checkout or by the cleanup job', async () => {
    app = await startTestApp({ config: { maxTicketsPerOrder: 20 } });
    await app.shopper().checkout(CONCERT, [{ tier: 'vip', quantity: 6 }]);
    await app.shopper().checkout(CONCERT, [{ tier: 'vip', quantity: 4 }]);
    app.clock.advance(15 * MINUTE);

    // Sweeps both inside its transaction, then is refused: the sweep is rolled back with it.
    const refused = await countedDuring(app, async () => {
      const res = await app!.shopper().checkout(CONCERT, [{ tier: 'vip', quantity: 11 }]);
      expect(res.status).toBe(409);
    });
    const swept = await countedDuring(app, async () => {
      expect((await app!.shopper().checkout(CONCERT, [{ tier: 'ga', quantity: 1 }])).status).toBe(
        201,
      );
    });
    app.clock.advance(15 * MINUTE);
    const byJob = await countedDuring(app, async () => {
      expect(await expireHolds(app!.services)).toEqual([CONCERT]);
    });
    const nothingLeft = await countedDuring(app, async () => {
      expect(await expireHolds(app!.services)).toEqual([]);
    });

    expect(refused).toEqual(NOTHING);
    expect(swept).toEqual({ ...NOTHING, created: 1, expired: 2 });
    expect(byJob).toEqual({ ...NOTHING, expired: 1 });
    expect(nothingLeft).toEqual(NOTHING);
    expect(await countRows(app.db, 'holds')).toBe(0);
  });

  it('the watchers gauge follows availability streams opening and closing', async () => {
    app = await startTestApp();
    const watchers = async () => (await scrapeMetrics(app!.url)).value('tickets_sse_watchers');
    const before = await watchers();

    streams = await Promise.all([1, 2].map(() => openAvailabilityStream(app!.url, CONCERT)));
    await Promise.all(streams.map((stream) => stream.waitFor(() => true)));
    const open = await watchers();
    streams[0]!.close();
    await vi.waitFor(async () => {
      expect(await watchers()).toBe(1);
    });
    streams[1]!.close();

    expect(before).toBe(0);
    expect(open).toBe(2);
    await vi.waitFor(async () => {
      expect(await watchers()).toBe(0);
    });
    expect(app.services.hub.watcherCount()).toBe(0);
  });

  it('the latency histogram labels requests by route pattern and status, never by their URL', async () => {
    app = await startTestApp({ config: { maxTicketsPerOrder: 20 } });
    const shopper = app.shopper();

    await shopper.concert(CONCERT);
    await shopper.request('GET', `/API/Concerts/${CONCERT}`);
    await shopper.concert('no-such-concert');
    await shopper.checkout(CONCERT, [{ tier: 'vip', quantity: 11 }]);
    await shopper.bookings();
    await shopper.request('GET', '/api/nowhere/12345');
    const scrape = await scrapeMetrics(app.url);

    const count = (method: string, route: string, status: number) =>
      scrape.value('http_request_duration_seconds_count', {
        method,
        route,
        status_code: String(status),
      });
    expect(count('GET', '/api/concerts/:id', 200)).toBe(2);
    expect(count('GET', '/api/concerts/:id', 404)).toBe(1);
    expect(count('POST', '/api/holds/checkout', 409)).toBe(1);
    expect(count('GET', '/api/bookings', 200)).toBe(1);
    expect(count('GET', 'unmatched', 404)).toBe(1);
    const routes = new Set(
      scrape.samples
        .filter((s) => s.name.startsWith('http_request_duration_seconds'))
        .map((s) => s.labels.route),
    );
    expect([...routes].sort()).toEqual([
      '/api/bookings',
      '/api/concerts/:id',
      '/api/holds/checkout',
      'unmatched',
    ]);
    expect(
      scrape.value('http_request_duration_seconds_bucket', {
        method: 'GET',
        route: '/api/concerts/:id',
        status_code: '200',
        le: '+Inf',
      }),
    ).toBe(2);
  });

  it('each retry of a write that finds the database locked is counted', async () => {
    // SQLite's write lock; PostgreSQL's retries are counted in src/db/postgres/store.test.ts.
    app = await startTestApp({
      store: 'sqlite',
      busy: { busyTimeoutMs: 0, retries: 3, baseDelayMs: 1, maxDelayMs: 2 },
    });
    locker = openSqliteStore(app.config.databasePath);
    locker.sqlite.exec('BEGIN IMMEDIATE');

    const res = await app.shopper().checkout(CONCERT, [{ tier: 'vip', quantity: 1 }]);

    expect(res.status).toBe(503);
    locker.sqlite.exec('ROLLBACK');
    expect((await scrapeMetrics(app.url)).value('tickets_sqlite_busy_retries_total')).toBe(3);
    expect(await countRows(app.db, 'holds')).toBe(0);
  });

  it('carries the process metrics, and each app counts only its own events', async () => {
    app = await startTestApp();
    other = await startTestApp();

    await app.shopper().checkout(CONCERT, [{ tier: 'vip', quantity: 1 }]);
    const mine = await scrapeMetrics(app.url);
    const theirs = await scrapeMetrics(other.url);

    expect(mine.value(COUNTERS.created)).toBe(1);
    expect(theirs.value(COUNTERS.created)).toBe(0);
    expect(mine.samples.map((s) => s.name)).toEqual(
      expect.arrayContaining(['process_cpu_user_seconds_total', 'nodejs_eventloop_lag_seconds']),
    );
  });

  it('is served as Prometheus text, without a session cookie', async () => {
    app = await startTestApp();

    const res = await fetch(`${app.url}/metrics`);

    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(res.headers.getSetCookie()).toEqual([]);
    expect(await res.text()).toContain('# TYPE tickets_holds_created_total counter');
    expect(await countRows(app.db, 'sessions')).toBe(0);
  });
});
