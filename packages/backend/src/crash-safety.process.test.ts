import { setTimeout as delay } from 'node:timers/promises';
import type { Booking } from '@ticket-booking/shared';
import { describe, expect, it } from 'vitest';
import type { Store } from './db/store.js';
import { countRows, storedHolds, storedTier } from './test/inspect.js';
import { seededRandom, seedFrom } from './test/seeded-random.js';
import { startServerProcess, type ServerProcess } from './test/server-process.js';
import { stoppedAfterEach } from './test/stopped-after-each.js';
import { createShopper, randomItems } from './test/shopper.js';
import { createSharedTestDatabase, type TestConcert } from './test/test-app.js';

/**
 * The kill moments and every shopper's moves follow from this seed, printed at the start:
 * `CRASH_SEED=<seed> npx vitest run src/crash-safety` repeats them (not the requests' timing).
 */
const SEED = seedFrom('CRASH_SEED');
const RUNS = 10;
const SHOPPERS = 24;
const TIERS = [
  { code: 'vip', total: 40, priceCents: 20_000 },
  { code: 'ga', total: 400, priceCents: 6_500 },
];
const CONCERTS: TestConcert[] = Array.from({ length: RUNS }, (_, run) => ({
  id: `rush-${run}`,
  tiers: TIERS,
}));

/**
 * Holds run out half a second after they are taken (the heartbeat interval, with no grace), and
 * the cleanup job never runs during a test: what tidies up after a crash is the startup sweep.
 */
const SHORT_HOLDS = {
  HOLD_DURATION_MS: '1000',
  HOLD_HARD_CAP_MS: '1000',
  HOLD_INACTIVITY_TIMEOUT_MS: '1000',
  HEARTBEAT_INTERVAL_MS: '500',
  HOLD_HIDDEN_GRACE_MS: '0',
  HOLD_CLEANUP_INTERVAL_MS: '600000',
};

interface AnsweredBooking {
  cookie: string;
  booking: Booking;
}

/**
 * One shopper after another, each a new browser: take tickets, then mostly buy them, sometimes
 * give them back, sometimes walk away with the hold. Goes on until the server is killed. Each
 * shopper draws from a generator of its own, so its moves do not depend on how requests interleave.
 */
async function shopUntilKilled(
  random: () => number,
  server: ServerProcess,
  concertId: string,
  answered: AnsweredBooking[],
  statuses: number[],
  onBooked: () => void,
): Promise<void> {
  for (;;) {
    const shopper = createShopper(server.url);
    try {
      const hold = await shopper.checkout(concertId, randomItems(random));
      statuses.push(hold.status);
      if (hold.status !== 201) continue;
      const choice = random();
      if (choice < 0.65) {
        const booked = await shopper.book(concertId);
        statuses.push(booked.status);
        if (booked.status === 201 && shopper.cookie) {
          answered.push({ cookie: shopper.cookie, booking: booked.body.booking });
          onBooked();
        }
      } else if (choice < 0.8) {
        statuses.push((await shopper.release(concertId)).status);
      }
    } catch (error) {
      if (server.child.killed) return;
      throw error;
    }
  }
}

/** What must hold for every tier, whenever the database is looked at. */
async function expectConsistentCounters(db: Store, when: string): Promise<void> {
  const now = Date.now();
  const liveHeld = new Map<string, number>();
  for (const hold of await storedHolds(db)) {
    if (hold.expiresAt <= now) continue;
    for (const item of hold.items) {
      const key = `${hold.concertId}/${item.tier}`;
      liveHeld.set(key, (liveHeld.get(key) ?? 0) + item.quantity);
    }
  }
  for (const concert of CONCERTS) {
    for (const { code } of TIERS) {
      const tier = await storedTier(db, concert.id, code);
      const where = `${when}, ${concert.id}/${code}`;
      expect(tier.sold, `${where}: sold is the tickets in confirmed bookings`).toBe(
        tier.inBookings,
      );
      expect(tier.heldCounter, `${where}: held is the tickets in hold rows`).toBe(tier.inHoldRows);
      expect(
        tier.sold + (liveHeld.get(`${concert.id}/${code}`) ?? 0),
        `${where}: sold + live held fit in the tier`,
      ).toBeLessThanOrEqual(tier.total);
    }
  }
}

describe('a server killed in the middle of a rush', () => {
  const started = stoppedAfterEach();

  it(`killed with SIGKILL at ${RUNS} random moments, every restart finds each booking it confirmed, consistent counters and no hold past its expiry`, async ({
    annotate,
  }) => {
    console.info(`crash safety: seed ${SEED} (replay with CRASH_SEED=${SEED})`);
    await annotate(`CRASH_SEED=${SEED}`);
    const random = seededRandom(SEED);
    const database = started.database(await createSharedTestDatabase(CONCERTS));
    const { db } = database;
    const env = { ...database.env, ...SHORT_HOLDS };
    let server = started.server(await startServerProcess(env));
    let holdsSeenAtKill = 0;

    for (let run = 0; run < RUNS; run += 1) {
      const victim = server;
      const concertId = `rush-${run}`;
      const killAfterMs = 100 + Math.floor(random() * 900);
      const when = `CRASH_SEED=${SEED}, run ${run}, killed ${killAfterMs} ms after a first purchase`;
      const answered: AnsweredBooking[] = [];
      const statuses: number[] = [];
      let firstBooked: () => void = () => undefined;
      const booked = new Promise<void>((resolve) => {
        firstBooked = resolve;
      });

      const shoppers = Array.from({ length: SHOPPERS }, () =>
        shopUntilKilled(
          seededRandom(Math.floor(random() * 2 ** 32)),
          victim,
          concertId,
          answered,
          statuses,
          firstBooked,
        ),
      );
      // The moment is drawn from when purchases are being confirmed, in the thick of the rush:
      // a server just started on PostgreSQL takes a while to open its connections.
      await Promise.race([booked, Promise.all(shoppers)]);
      await delay(killAfterMs);
      victim.child.kill('SIGKILL');
      await victim.exited;
      await Promise.all(shoppers);

      expect(
        statuses.filter((status) => status >= 500),
        when,
      ).toEqual([]);
      await expectConsistentCounters(db, `${when}, as the crash left it`);
      const holdsLeft = await storedHolds(db);
      holdsSeenAtKill += holdsLeft.length;
      // Restart only once every hold has run out, so the startup sweep must remove them all.
      const lastExpiry = Math.max(0, ...holdsLeft.map((hold) => hold.expiresAt));
      await delay(Math.max(0, lastExpiry - Date.now() + 1));

      server = started.server(await startServerProcess(env));

      expect(await countRows(db, 'holds'), `${when}: holds left after the restart`).toBe(0);
      for (const { code } of TIERS) {
        expect((await storedTier(db, concertId, code)).heldCounter, `${when}: ${code} held`).toBe(
          0,
        );
      }
      await expectConsistentCounters(db, `${when}, after the restart`);
      const restarted = server;
      const reread = await Promise.all(
        answered.map(({ cookie, booking }) => {
          const shopper = createShopper(restarted.url);
          shopper.cookie = cookie;
          return shopper.booking(booking.id);
        }),
      );
      expect(
        reread.map((res) => ({ status: res.status, booking: res.body.booking })),
        `${when}: bookings answered 201 before the crash`,
      ).toEqual(answered.map(({ booking }) => ({ status: 200, booking })));
    }

    // The kills caught holds as well as purchases, for the restarts to sweep.
    expect(holdsSeenAtKill).toBeGreaterThan(0);
  });
});
