import { setTimeout as delay } from 'node:timers/promises';
import type { Booking } from '@ticket-booking/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { statusCounts } from './test/checkout-rush.js';
import { halfDone, liveHeld, storedTier } from './test/inspect.js';
import { pooledFetch, type PooledFetch } from './test/pooled-fetch.js';
import { seededRandom, seedFrom } from './test/seeded-random.js';
import { NO_ABUSE_LIMITS, startServerProcess, type ServerProcess } from './test/server-process.js';
import { createShopper, randomItems, type ApiResponse } from './test/shopper.js';
import { stoppedAfterEach } from './test/stopped-after-each.js';
import { postgresSkipped } from './test/store-kinds.js';
import { createSharedTestDatabase } from './test/test-app.js';

/**
 * The kill moments and every shopper's moves follow from this seed, printed at the start:
 * `CRASH_SEED=<seed> npx vitest run src/crash-safety.instances` repeats them (not the requests'
 * timing).
 */
const SEED = seedFrom('CRASH_SEED');
const KILLS = 10;
const INSTANCES = 3;
const SHOPPERS = 24;
const CONCERT = 'rush';
/** Large enough that the rush never sells out: every shopper keeps buying until the end. */
const TIERS = [
  { code: 'vip', total: 5_000, priceCents: 20_000 },
  { code: 'ga', total: 50_000, priceCents: 6_500 },
];

interface Acknowledged {
  cookie: string;
  booking: Booking;
}

interface Rush {
  /** The instances taking requests now; the one killed is left out until it is back. */
  live: ServerProcess[];
  acknowledged: Acknowledged[];
  statuses: number[];
  /** Requests cut off by a kill, which the shopper never got an answer to. */
  cut: number;
  stopped: boolean;
  /** Called with the instance that answered each purchase 201. */
  onBooked: (server: ServerProcess) => void;
}

/** The request's answer, or undefined if it went to an instance that was killed meanwhile. */
async function answerFrom(
  rush: Rush,
  server: ServerProcess,
  request: Promise<ApiResponse>,
): Promise<ApiResponse | undefined> {
  try {
    const res = await request;
    rush.statuses.push(res.status);
    return res;
  } catch (error) {
    if (!server.child.killed) throw error;
    rush.cut += 1;
    return undefined;
  }
}

/**
 * One shopper after another, each a new browser: take tickets through one instance, pay through
 * another (the load balancer picks each time), until the rush stops. Each shopper loop draws from
 * a generator of its own, so its moves do not depend on how requests interleave.
 */
async function shopUntilStopped(random: () => number, rush: Rush): Promise<void> {
  const pick = () => rush.live[Math.floor(random() * rush.live.length)]!;
  while (!rush.stopped) {
    const items = randomItems(random);
    const holdOn = pick();
    const shopper = createShopper(holdOn.url);
    const hold = await answerFrom(rush, holdOn, shopper.checkout(CONCERT, items));
    if (hold?.status !== 201 || !shopper.cookie) continue;
    const payOn = pick();
    const payer = createShopper(payOn.url);
    payer.cookie = shopper.cookie;
    const booked = await answerFrom(rush, payOn, payer.book(CONCERT));
    if (booked?.status !== 201) continue;
    rush.acknowledged.push({ cookie: shopper.cookie, booking: booked.body.booking });
    rush.onBooked(payOn);
  }
}

describe('one of three instances on a PostgreSQL database killed again and again in a rush', () => {
  const started = stoppedAfterEach();
  let client: PooledFetch | undefined;

  afterEach(() => {
    client?.close();
  });

  it.skipIf(postgresSkipped())(
    `killed with SIGKILL ${KILLS} times and restarted: every purchase answered 201 is stored, and the counters are the bookings plus the live holds`,
    { timeout: 120_000 },
    async ({ annotate }) => {
      console.info(`crash safety across instances: seed ${SEED} (replay with CRASH_SEED=${SEED})`);
      await annotate(`CRASH_SEED=${SEED}`);
      const random = seededRandom(SEED);
      const database = started.database(
        await createSharedTestDatabase([{ id: CONCERT, tiers: TIERS }], 'postgres'),
      );
      const env = { ...database.env, ...NO_ABUSE_LIMITS };
      const start = async () => started.server(await startServerProcess(env));
      const servers = await Promise.all(Array.from({ length: INSTANCES }, start));
      let victim = servers[0]!;
      let victimBooked: () => void = () => undefined;
      const rush: Rush = {
        live: [...servers],
        acknowledged: [],
        statuses: [],
        cut: 0,
        stopped: false,
        onBooked: (server) => {
          if (server === victim) victimBooked();
        },
      };
      const shoppers = Array.from({ length: SHOPPERS }, () =>
        shopUntilStopped(seededRandom(Math.floor(random() * 2 ** 32)), rush),
      );

      const killedAt: number[] = [];
      for (let kill = 0; kill < KILLS; kill += 1) {
        // Killed in the thick of it: once it has sold tickets since it started.
        await new Promise<void>((resolve) => {
          victimBooked = resolve;
        });
        const afterMs = 50 + Math.floor(random() * 450);
        await delay(afterMs);
        killedAt.push(afterMs);
        victim.child.kill('SIGKILL');
        rush.live = rush.live.filter((server) => server !== victim);
        await victim.exited;
        victim = await start();
        rush.live.push(victim);
      }
      rush.stopped = true;
      await Promise.all(shoppers);

      const when = `CRASH_SEED=${SEED}, killed ${killedAt.join(', ')} ms after a purchase`;
      expect(
        rush.statuses.filter((status) => status >= 500),
        `${when}: ${JSON.stringify(statusCounts(rush.statuses.map((status) => ({ status }))))}`,
      ).toEqual([]);
      // The kills cut requests off in flight: what is checked below survived them.
      expect(rush.cut, when).toBeGreaterThan(0);

      const now = Date.now();
      for (const { code, total } of TIERS) {
        const tier = await storedTier(database.db, CONCERT, code);
        const where = `${when}, ${code}`;
        expect(tier.sold, `${where}: sold is the tickets in confirmed bookings`).toBe(
          tier.inBookings,
        );
        expect(tier.heldCounter, `${where}: held is the tickets in hold rows`).toBe(
          tier.inHoldRows,
        );
        expect(tier.inHoldRows, `${where}: every hold is alive`).toBe(
          await liveHeld(database.db, CONCERT, code, now),
        );
        expect(tier.sold + tier.heldCounter, where).toBeLessThanOrEqual(total);
      }
      expect(await halfDone(database.db), when).toEqual({
        holdsWithoutItems: 0,
        bookingsWithoutItems: 0,
        holdsKeptAfterPurchase: 0,
      });

      client = pooledFetch(16);
      const reader = client;
      const reread = await Promise.all(
        rush.acknowledged.map(({ cookie, booking }, i) => {
          const shopper = createShopper(rush.live[i % rush.live.length]!.url, reader.fetch);
          shopper.cookie = cookie;
          return shopper.booking(booking.id);
        }),
      );
      expect(
        reread.map((res) => ({ status: res.status, booking: res.body.booking })),
        `${when}: purchases answered 201`,
      ).toEqual(rush.acknowledged.map(({ booking }) => ({ status: 200, booking })));
      console.info(
        `crash safety across instances: ${rush.acknowledged.length} purchases answered 201, ${rush.cut} requests cut off, answers ${JSON.stringify(statusCounts(rush.statuses.map((status) => ({ status }))))}`,
      );
    },
  );
});
