import type { AvailabilityEvent } from '@ticket-booking/shared';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../db/store.js';
import { openAvailabilityStream, type StreamClient } from '../../test/availability-stream.js';
import { checkoutRush, statusCounts } from '../../test/checkout-rush.js';
import { availabilityVersion, storedTier } from '../../test/inspect.js';
import { pooledFetch, type PooledFetch } from '../../test/pooled-fetch.js';
import { seededRandom, seedFrom } from '../../test/seeded-random.js';
import {
  NO_ABUSE_LIMITS,
  startServerProcess,
  type ServerProcess,
} from '../../test/server-process.js';
import { createShopper } from '../../test/shopper.js';
import { postgresSkipped } from '../../test/store-kinds.js';
import { createSharedTestDatabase } from '../../test/test-app.js';

/** Each shopper's quantity follows from this seed: `RUSH_SEED=<seed>` repeats them. */
const SEED = seedFrom('RUSH_SEED');
const CONCERTS = ['rush', 'resume', 'elsewhere'] as const;
type Concert = (typeof CONCERTS)[number];
const TIER_SIZE = 50;
const SHOPPERS = 2000;
const INSTANCES = 3;
/** Requests in flight to each instance at most; the others wait their turn in the client. */
const SOCKETS_PER_INSTANCE = 32;

function ga(event: AvailabilityEvent) {
  return event.tiers.find((tier) => tier.code === 'ga');
}

describe('availability streams on three server processes sharing one PostgreSQL database', () => {
  const skip = postgresSkipped();
  const streams: StreamClient[] = [];
  let client: PooledFetch | undefined;
  let db: Store;
  let servers: ServerProcess[] = [];
  let removeDatabase: (() => Promise<void>) | undefined;

  // Started once for the file: each test has a concert of its own on them.
  beforeAll(async () => {
    if (skip) return;
    const database = await createSharedTestDatabase(
      CONCERTS.map((id) => ({ id, tiers: [{ code: 'ga', total: TIER_SIZE }] })),
      'postgres',
    );
    db = database.db;
    removeDatabase = database.remove;
    servers = await Promise.all(
      Array.from({ length: INSTANCES }, () =>
        startServerProcess({ ...database.env, ...NO_ABUSE_LIMITS }),
      ),
    );
  });

  afterAll(async () => {
    await Promise.all(servers.map((server) => server.stop()));
    await removeDatabase?.();
  });

  afterEach(() => {
    for (const stream of streams.splice(0)) stream.close();
    client?.close();
  });

  async function watch(server: ServerProcess, concert: Concert, lastEventId?: number) {
    const headers: Record<string, string> =
      lastEventId === undefined ? {} : { 'last-event-id': String(lastEventId) };
    const stream = await openAvailabilityStream(server.url, concert, headers);
    expect(stream.status).toBe(200);
    streams.push(stream);
    return stream;
  }

  /** The stream's counts as the database holds them now, at its current version. */
  async function storedEvent(concert: Concert) {
    const tier = await storedTier(db, concert, 'ga');
    return {
      version: await availabilityVersion(db, concert),
      ga: {
        code: 'ga',
        total: tier.total,
        sold: tier.sold,
        held: tier.heldCounter,
        available: tier.total - tier.sold - tier.heldCounter,
      },
    };
  }

  it.skipIf(skip)(
    `a watcher on each instance during a rush of ${SHOPPERS} checkouts ends on the stored counts, each event newer than the last`,
    async ({ annotate }) => {
      await annotate(`RUSH_SEED=${SEED}`);
      const random = seededRandom(SEED);
      const quantities = Array.from({ length: SHOPPERS }, () => 1 + Math.floor(random() * 4));
      const watchers = await Promise.all(servers.map((server) => watch(server, 'rush')));
      await Promise.all(watchers.map((stream) => stream.waitFor(() => true)));
      client = pooledFetch(SOCKETS_PER_INSTANCE);

      const answers = await checkoutRush(
        servers.map((server) => server.url),
        'rush',
        'ga',
        quantities,
        client.fetch,
      );

      expect(Object.keys(statusCounts(answers)).sort(), `RUSH_SEED=${SEED}`).toEqual([
        '201',
        '409',
      ]);
      const stored = await storedEvent('rush');
      expect(stored.ga).toEqual({ code: 'ga', total: 50, sold: 0, held: 50, available: 0 });
      for (const [i, stream] of watchers.entries()) {
        const where = `watcher on instance ${i}, RUSH_SEED=${SEED}`;
        await stream.waitFor((event) => event.version >= stored.version);
        const last = stream.events.at(-1);
        expect(last?.version, where).toBe(stored.version);
        expect(last && ga(last), where).toEqual(stored.ga);
        const versions = stream.events.map((event) => event.version);
        expect(versions, `${where}: each event newer than the one before`).toEqual(
          [...new Set(versions)].sort((a, b) => a - b),
        );
        expect(stream.ids, where).toEqual(versions.map(String));
        const held = stream.events.map((event) => ga(event)?.held ?? -1);
        expect(held, `${where}: holds only ever added`).toEqual([...held].sort((a, b) => a - b));
      }
    },
  );

  it.skipIf(skip)(
    'a stream resumed on another instance with Last-Event-ID gets the changes made while away, and nothing it already had',
    async () => {
      const [a, b, c] = [servers[0]!, servers[1]!, servers[2]!];
      const first = await watch(a, 'resume');
      const seen = await first.waitFor(() => true);
      first.close();

      const away = await createShopper(c.url).checkout('resume', [{ tier: 'ga', quantity: 3 }]);
      expect(away.status).toBe(201);
      const resumed = await watch(b, 'resume', seen.version);
      const caughtUp = await resumed.waitFor(() => true);

      const afterAway = await storedEvent('resume');
      expect(afterAway.version).toBeGreaterThan(seen.version);
      expect({ version: caughtUp.version, ga: ga(caughtUp) }).toEqual(afterAway);
      expect(resumed.ids[0]).toBe(String(afterAway.version));

      // Resumed again at the version it has: the next frame is the next change, not a repeat.
      resumed.close();
      const upToDate = await watch(a, 'resume', afterAway.version);
      const next = await createShopper(c.url).checkout('resume', [{ tier: 'ga', quantity: 2 }]);
      expect(next.status).toBe(201);
      await upToDate.waitFor((event) => event.version > afterAway.version);

      const afterNext = await storedEvent('resume');
      expect(afterNext.ga.held).toBe(5);
      expect(upToDate.events.map((event) => ({ version: event.version, ga: ga(event) }))).toEqual([
        afterNext,
      ]);
    },
  );

  it.skipIf(skip)(
    'a Last-Event-ID newer than the database has is taken for another database: the stream starts with the current counts',
    async () => {
      const current = await storedEvent('elsewhere');

      const stream = await watch(servers[1]!, 'elsewhere', current.version + 1000);
      const firstEvent = await stream.waitFor(() => true);

      expect({ version: firstEvent.version, ga: ga(firstEvent) }).toEqual(current);
    },
  );
});
