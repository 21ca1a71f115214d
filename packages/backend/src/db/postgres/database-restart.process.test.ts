import type { AvailabilityEvent } from '@ticket-booking/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { openAvailabilityStream, type StreamClient } from '../../test/availability-stream.js';
import { statusCounts } from '../../test/checkout-rush.js';
import { availabilityVersion, storedTier } from '../../test/inspect.js';
import { startPrivatePostgres } from '../../test/private-postgres.js';
import {
  NO_ABUSE_LIMITS,
  startServerProcess,
  type ServerProcess,
} from '../../test/server-process.js';
import { createShopper, type ApiResponse } from '../../test/shopper.js';
import { stoppedAfterEach } from '../../test/stopped-after-each.js';
import { postgresSkipped } from '../../test/store-kinds.js';
import { createPostgresTestStore } from '../../test/test-app.js';

const CONCERT = 'rush';
const SHOPPERS = 8;
/** Answers wanted in each phase (before, while down, after) before the test moves on. */
const ANSWERS_PER_PHASE = 40;

/** `stopping` and `starting` last while the server shuts down or comes up: either answer goes. */
type Phase = 'before' | 'stopping' | 'down' | 'starting' | 'after';

interface Load {
  phase: Phase;
  stopped: boolean;
  answers: Record<Phase, ApiResponse[]>;
  /** Resolves once the phase under way has had its answers. */
  phaseDone: () => Promise<void>;
}

/**
 * Shoppers taking one ticket each, one after another, through the instances in turn. An answer
 * counts for the phase its request was sent in, and only if the phase had not changed by the
 * time it came back: a request sent just before the database stopped may still succeed.
 */
function startLoad(servers: ServerProcess[]): { load: Load; done: Promise<unknown> } {
  let wake: () => void = () => undefined;
  const load: Load = {
    phase: 'before',
    stopped: false,
    answers: { before: [], stopping: [], down: [], starting: [], after: [] },
    phaseDone: () =>
      new Promise<void>((resolve) => {
        wake = resolve;
        if (load.answers[load.phase].length >= ANSWERS_PER_PHASE) resolve();
      }),
  };
  let turn = 0;
  const shop = async () => {
    while (!load.stopped) {
      const server = servers[turn++ % servers.length]!;
      const sentIn = load.phase;
      const res = await createShopper(server.url).checkout(CONCERT, [{ tier: 'ga', quantity: 1 }]);
      if (load.phase !== sentIn) continue;
      load.answers[sentIn].push(res);
      if (load.answers[sentIn].length >= ANSWERS_PER_PHASE) wake();
    }
  };
  return { load, done: Promise.all(Array.from({ length: SHOPPERS }, shop)) };
}

function ga(event: AvailabilityEvent | undefined) {
  return event?.tiers.find((tier) => tier.code === 'ga');
}

describe('the PostgreSQL server restarted under load', () => {
  const started = stoppedAfterEach();
  const streams: StreamClient[] = [];

  afterEach(() => {
    for (const stream of streams.splice(0)) stream.close();
  });

  it.skipIf(postgresSkipped())(
    'two instances answer 503 BUSY while it is down, do not crash, take orders again once it is back, and their streams end on the stored counts',
    async () => {
      // Removed last, after the servers on it and the database.
      const cluster = started.database(await startPrivatePostgres());
      const database = await createPostgresTestStore(
        [{ id: CONCERT, tiers: [{ code: 'ga', total: 100_000 }] }],
        Date.now(),
        { server: cluster.url },
      );
      started.database(database);
      const env = { DATABASE_URL: database.url, ...NO_ABUSE_LIMITS };
      const servers = started.servers(
        await Promise.all([startServerProcess(env), startServerProcess(env)]),
      );
      for (const server of servers) {
        streams.push(await openAvailabilityStream(server.url, CONCERT));
      }
      const { load, done } = startLoad(servers);

      await load.phaseDone();
      load.phase = 'stopping';
      await cluster.stop();
      load.phase = 'down';
      await load.phaseDone();
      load.phase = 'starting';
      await cluster.start();
      load.phase = 'after';
      await load.phaseDone();
      load.stopped = true;
      await done;

      expect(statusCounts(load.answers.before)).toEqual({ 201: load.answers.before.length });
      const between = [...load.answers.stopping, ...load.answers.starting];
      expect(between.filter((res) => res.status !== 201 && res.status !== 503)).toEqual([]);
      const down = load.answers.down;
      expect(statusCounts(down)).toEqual({ 503: down.length });
      expect(down.every((res) => res.body.error.code === 'BUSY')).toBe(true);
      expect(down.every((res) => res.headers.get('retry-after') === '1')).toBe(true);
      expect(statusCounts(load.answers.after)).toEqual({ 201: load.answers.after.length });
      expect(servers.map((server) => server.child.exitCode)).toEqual([null, null]);

      // Once both watchers are up to date, a change made through one instance reaches the
      // other's watcher only if its change feed listens again.
      const settled = await availabilityVersion(database.db, CONCERT);
      await Promise.all(streams.map((stream) => stream.waitFor((e) => e.version >= settled)));
      const last = await createShopper(servers[0]!.url).checkout(CONCERT, [
        { tier: 'ga', quantity: 1 },
      ]);
      expect(last.status).toBe(201);
      const tier = await storedTier(database.db, CONCERT, 'ga');
      const version = await availabilityVersion(database.db, CONCERT);
      const expected = {
        code: 'ga',
        total: tier.total,
        sold: tier.sold,
        held: tier.heldCounter,
        available: tier.total - tier.sold - tier.heldCounter,
      };
      expect(tier.heldCounter).toBe(tier.inHoldRows);
      for (const [i, stream] of streams.entries()) {
        await stream.waitFor((event) => event.version >= version);
        expect(
          { version: stream.events.at(-1)?.version, ga: ga(stream.events.at(-1)) },
          `watcher on instance ${i}`,
        ).toEqual({ version, ga: expected });
      }
      const reopened = await openAvailabilityStream(servers[1]!.url, CONCERT);
      streams.push(reopened);
      const first = await reopened.waitFor(() => true);
      expect({ version: first.version, ga: ga(first) }).toEqual({ version, ga: expected });
    },
  );
});
