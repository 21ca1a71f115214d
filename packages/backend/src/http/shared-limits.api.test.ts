import { ErrorBodySchema } from '@ticket-booking/shared';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Config } from '../config/config.js';
import { STREAM_LEASE_MS } from '../redis/stream-leases.js';
import { openAvailabilityStream, type StreamClient } from '../test/availability-stream.js';
import { countRows } from '../test/inspect.js';
import { captureLogs } from '../test/log-capture.js';
import { scrapeMetrics } from '../test/metrics-scrape.js';
import { startServerProcess, type ServerProcess } from '../test/server-process.js';
import type { ApiResponse } from '../test/shopper.js';
import { postgresSkipped } from '../test/store-kinds.js';
import { startTcpProxy, type TcpProxy } from '../test/tcp-proxy.js';
import { startTestApp, type TestApp } from '../test/test-app.js';
import { NO_ABUSE_LIMITS_CONFIG } from '../test/test-config.js';
import { startTestInstances, type TestInstances } from '../test/test-instances.js';
import { redisSkipped, testRedis, type TestRedis } from '../test/test-redis.js';

const CONCERT = 'test-concert';
const GA_1 = [{ tier: 'ga', quantity: 1 }];
const LOOPBACK = '127.0.0.1';

function abuseLimits(change: Partial<Config['abuseLimits']>): Config['abuseLimits'] {
  return { ...NO_ABUSE_LIMITS_CONFIG, ...change };
}

function statusCounts(statuses: number[]): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const status of statuses) counts[status] = (counts[status] ?? 0) + 1;
  return counts;
}

function expectRateLimited(res: { status: number; body: unknown }): void {
  expect(res.status, JSON.stringify(res.body)).toBe(429);
  expect(ErrorBodySchema.parse(res.body).error.code).toBe('RATE_LIMITED');
}

const skipWithoutBoth = redisSkipped() || postgresSkipped();

describe('limits counted in Redis, shared by the instances on one PostgreSQL database', () => {
  let redis: TestRedis;
  let cluster: TestInstances | undefined;
  let processes: ServerProcess[] = [];
  const streams: StreamClient[] = [];

  afterEach(async () => {
    vi.useRealTimers();
    for (const stream of streams.splice(0)) stream.close();
    await Promise.all(processes.map((server) => server.stop()));
    processes = [];
    await cluster?.close();
    cluster = undefined;
    await redis.remove();
  });

  async function instances(count: number, limits: Partial<Config['abuseLimits']>) {
    redis = testRedis();
    cluster = await startTestInstances(count, {
      redis: { url: redis.url, keyPrefix: redis.keyPrefix },
      abuseLimits: abuseLimits(limits),
    });
    return cluster;
  }

  async function watch(url: string): Promise<StreamClient> {
    const stream = await openAvailabilityStream(url, CONCERT);
    streams.push(stream);
    return stream;
  }

  /** A stream request whose answer is read whole if it is refused (a short JSON body). */
  async function streamRequest(url: string): Promise<{ status: number; body: unknown }> {
    const stream = await watch(url);
    if (stream.status === 200) return { status: 200, body: undefined };
    const res = await fetch(`${url}/api/concerts/${CONCERT}/availability/stream`);
    return { status: stream.status, body: await res.json() };
  }

  function places(): Promise<unknown> {
    return redis.send('ZRANGE', `${redis.keyPrefix}streams:${LOOPBACK}`, '0', '-1');
  }

  /** How many places run out at `end`. */
  function placesEndingAt(end: number): Promise<unknown> {
    const at = String(end);
    return redis.send('ZCOUNT', `${redis.keyPrefix}streams:${LOOPBACK}`, at, at);
  }

  it.skipIf(skipWithoutBoth)(
    'a client spread over three instances gets the address limit once, not three times',
    async () => {
      const { instances: servers, db } = await instances(3, { ipWritesPerMinute: 10 });

      const answers = await Promise.all(
        Array.from({ length: 30 }, (_, i) => servers[i % 3]!.shopper().checkout(CONCERT, GA_1)),
      );

      expect(statusCounts(answers.map((res) => res.status))).toEqual({ 201: 10, 429: 20 });
      for (const res of answers.filter((r) => r.status === 429)) expectRateLimited(res);
      expect(await countRows(db, 'holds')).toBe(10);
      const key = `${redis.keyPrefix}writes:ip:${LOOPBACK}`;
      expect(await redis.send('GET', key)).toBe('30');
      expect(await redis.send('PTTL', key)).toBeGreaterThan(0);
      expect(await redis.send('PTTL', key)).toBeLessThanOrEqual(60_000);
    },
  );

  it.skipIf(skipWithoutBoth)(
    'one session whose requests go to different instances gets its limit once',
    async () => {
      const { instances: servers, db } = await instances(2, { sessionWritesPerMinute: 4 });
      const [a, b] = servers.map((server) => server.shopper());
      expect((await a!.checkout(CONCERT, GA_1)).status).toBe(201);
      b!.cookie = a!.cookie;

      const answers = await Promise.all(
        Array.from({ length: 11 }, (_, i) =>
          (i % 2 === 0 ? a! : b!).heartbeat(CONCERT, { active: true, visible: true }),
        ),
      );

      expect(statusCounts(answers.map((res) => res.status))).toEqual({ 200: 3, 429: 8 });
      expect(await countRows(db, 'holds')).toBe(1);
      const [session] = await redis.keys();
      expect(session).toMatch(new RegExp(`^${redis.keyPrefix}writes:session:`));
      expect(await redis.send('GET', session!)).toBe('12');
    },
  );

  it.skipIf(skipWithoutBoth)(
    'streams opened at once on two instances: the address gets exactly its cap, the rest 429',
    async () => {
      const { instances: servers } = await instances(2, { streamsPerIp: 3 });

      const answers = await Promise.all(
        Array.from({ length: 8 }, (_, i) => streamRequest(servers[i % 2]!.url)),
      );

      expect(statusCounts(answers.map((res) => res.status))).toEqual({ 200: 3, 429: 5 });
      for (const res of answers.filter((r) => r.status === 429)) expectRateLimited(res);
      expect(
        servers[0]!.services.hub.watcherCount() + servers[1]!.services.hub.watcherCount(),
      ).toBe(3);
      expect(await places()).toHaveLength(3);
    },
  );

  it.skipIf(skipWithoutBoth)(
    'a stream closed on one instance frees its place for a stream on another',
    async () => {
      const { instances: servers } = await instances(2, { streamsPerIp: 2 });
      const [a, b] = servers;
      const first = await watch(a!.url);
      await watch(b!.url);
      expectRateLimited(await streamRequest(a!.url));

      first.close();
      await vi.waitFor(async () => {
        expect(await places()).toHaveLength(1);
      });
      const next = await streamRequest(b!.url);

      expect(next.status).toBe(200);
      expect(b!.services.hub.watcherCount(CONCERT)).toBe(2);
      expectRateLimited(await streamRequest(b!.url));
    },
  );

  it.skipIf(skipWithoutBoth)(
    'a stream open longer than its lease keeps its place: its instance renews it',
    async () => {
      // Only the renewal's timer: the test decides when it is due.
      vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
      const { instances: servers } = await instances(1, { streamsPerIp: 2 });
      const instance = servers[0]!;
      const openedAt = instance.clock.now();
      await watch(instance.url);
      await watch(instance.url);

      instance.clock.advance(STREAM_LEASE_MS);
      vi.advanceTimersToNextTimer();
      await vi.waitFor(async () => {
        expect(await placesEndingAt(openedAt + 2 * STREAM_LEASE_MS)).toBe(2);
      });
      instance.clock.advance(STREAM_LEASE_MS - 1);

      expectRateLimited(await streamRequest(instance.url));
      expect(instance.services.hub.watcherCount(CONCERT)).toBe(2);
    },
  );

  it.skipIf(skipWithoutBoth)(
    'a killed instance keeps its streams counted only until their lease runs out',
    async () => {
      const shared = await instances(0, { streamsPerIp: 2 });
      const killed = await startServerProcess({
        DATABASE_URL: shared.url,
        REDIS_URL: redis.url,
        REDIS_KEY_PREFIX: redis.keyPrefix,
        SSE_MAX_STREAMS_PER_IP: '2',
      });
      processes.push(killed);
      expect((await watch(killed.url)).status).toBe(200);
      expect((await watch(killed.url)).status).toBe(200);
      const survivor = await shared.add(Date.now());
      expectRateLimited(await streamRequest(survivor.url));

      killed.child.kill('SIGKILL');
      await killed.exited;
      expectRateLimited(await streamRequest(survivor.url));
      expect(await places()).toHaveLength(2);

      survivor.clock.set(Date.now() + STREAM_LEASE_MS + 1);
      const reopened = [await streamRequest(survivor.url), await streamRequest(survivor.url)];

      expect(reopened.map((res) => res.status)).toEqual([200, 200]);
      expectRateLimited(await streamRequest(survivor.url));
      expect(await places()).toHaveLength(2);
    },
  );

  it.skipIf(skipWithoutBoth)(
    'an instance that stops gives its streams places back at once',
    async () => {
      const shared = await instances(0, {});
      const stopping = await startServerProcess({
        DATABASE_URL: shared.url,
        REDIS_URL: redis.url,
        REDIS_KEY_PREFIX: redis.keyPrefix,
        SSE_MAX_STREAMS_PER_IP: '2',
      });
      processes.push(stopping);
      await watch(stopping.url);
      await watch(stopping.url);
      expect(await places()).toHaveLength(2);

      await stopping.stop();

      expect(await stopping.exited).toBe(0);
      expect(await places()).toHaveLength(0);
    },
  );
});

describe('when Redis does not answer', () => {
  let app: TestApp;
  let proxy: TcpProxy;
  let redis: TestRedis;
  const streams: StreamClient[] = [];

  afterEach(async () => {
    for (const stream of streams.splice(0)) stream.close();
    await app.close();
    await proxy.close();
    await redis.remove();
  });

  /** One instance whose Redis is behind a proxy the test can cut or stall. */
  async function behindProxy(limits: Partial<Config['abuseLimits']>) {
    redis = testRedis();
    const target = new URL(redis.url);
    proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 6379) });
    const logs = captureLogs();
    const url = new URL(redis.url);
    url.host = proxy.host;
    app = await startTestApp({
      config: {
        redis: { url: url.toString(), keyPrefix: redis.keyPrefix },
        abuseLimits: abuseLimits(limits),
        logLevel: 'info',
      },
      logs,
    });
    return logs;
  }

  async function unchecked(limit: string): Promise<number> {
    return (await scrapeMetrics(app.url)).value('tickets_limits_unchecked_total', { limit });
  }

  async function watch(): Promise<StreamClient> {
    const stream = await openAvailabilityStream(app.url, CONCERT);
    streams.push(stream);
    return stream;
  }

  it.skipIf(redisSkipped())(
    'requests pass unchecked, are metered, the outage is logged once, and limits count again once it is back',
    async () => {
      const logs = await behindProxy({
        ipWritesPerMinute: 2,
        sessionWritesPerMinute: 2,
        streamsPerIp: 1,
      });
      proxy.cut();
      await vi.waitFor(() => {
        expect(logs.lines().some((line) => line.msg.startsWith('Redis does not answer'))).toBe(
          true,
        );
      });
      const shopper = app.shopper();

      const answers: ApiResponse[] = [];
      for (let quantity = 1; quantity <= 5; quantity += 1) {
        answers.push(await shopper.checkout(CONCERT, [{ tier: 'ga', quantity }]));
      }
      const opened = [await watch(), await watch(), await watch()];

      expect(answers.map((res) => res.status)).toEqual([201, 201, 201, 201, 201]);
      expect(answers.every((res) => res.headers.get('ratelimit') === null)).toBe(true);
      expect(opened.map((stream) => stream.status)).toEqual([200, 200, 200]);
      expect(app.services.hub.watcherCount(CONCERT)).toBe(3);
      expect(await unchecked('ip')).toBe(5);
      expect(await unchecked('session')).toBe(5);
      expect(await unchecked('streams')).toBe(3);
      expect(await countRows(app.db, 'holds')).toBe(1);
      const warnings = logs.lines().filter((line) => line.msg.startsWith('Redis does not answer'));
      expect(warnings).toHaveLength(1);
      expect(warnings[0]?.level).toBe('warn');

      proxy.restore();
      await vi.waitFor(
        () => {
          expect(logs.lines().some((line) => line.msg.startsWith('Redis answers again'))).toBe(
            true,
          );
        },
        { timeout: 10_000, interval: 50 },
      );
      const again = [
        await app.shopper().checkout(CONCERT, GA_1),
        await app.shopper().checkout(CONCERT, GA_1),
        await app.shopper().checkout(CONCERT, GA_1),
      ];

      expect(again.map((res) => res.status)).toEqual([201, 201, 429]);
      expect(again[0]?.headers.get('ratelimit')).toContain('"ip"; r=1; t=60');
      expect(await unchecked('ip')).toBe(5);
    },
  );

  it.skipIf(redisSkipped())(
    'a Redis that hangs holds a write only until its command times out, then lets it through',
    async () => {
      await behindProxy({ ipWritesPerMinute: 1, streamsPerIp: 1 });
      const first = await app.shopper().checkout(CONCERT, GA_1);
      expect(first.headers.get('ratelimit')).toBe('"ip"; r=0; t=60');

      proxy.stall();
      const during = await app.shopper().checkout(CONCERT, GA_1);
      const stream = await watch();

      expect(during.status).toBe(201);
      expect(during.headers.get('ratelimit')).toBeNull();
      expect(stream.status).toBe(200);
      expect(await unchecked('ip')).toBe(1);
      expect(await unchecked('streams')).toBe(1);
      expect(await countRows(app.db, 'holds')).toBe(2);
    },
  );
});

describe('several instances without Redis', () => {
  let app: TestApp | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it.skipIf(postgresSkipped())(
    'on PostgreSQL without REDIS_URL, the server warns once that each instance counts alone',
    async () => {
      const logs = captureLogs();
      app = await startTestApp({ store: 'postgres', logs });

      const warnings = logs
        .lines()
        .filter((line) => line.msg.startsWith('DATABASE_URL without REDIS_URL'));

      expect(warnings).toHaveLength(1);
      expect(warnings[0]?.level).toBe('warn');
    },
  );

  it('on SQLite, one instance, nothing is said about Redis', async () => {
    const logs = captureLogs();
    app = await startTestApp({ logs });

    expect(logs.text()).not.toContain('REDIS_URL');
  });
});
