import { holdExpiresAt, startHold, type SeatPlan } from '@ticket-booking/shared';
import { insertSeatPlan, seatsPerTier } from '../src/modules/seating/seating.service.js';
import type { Transaction } from '../src/db/store.js';
import { arenaPlan, dropPlan } from './seat-drop.js';
import { openSqliteStore } from '../src/db/sqlite/store.js';
import { seedDemo } from '../src/db/seed.js';
import type { Store } from '../src/db/store.js';
import type { NewConcert, TierRecord } from '../src/modules/concerts/concerts.repo.js';
import { testConfig } from '../src/test/test-config.js';

export const RUSH_CONCERT = 'bench-rush';
export const HOT_CONCERT = 'bench-hot';
/** The live holds the hot tier starts with. */
export const HOT_HOLDS = 100_000;
/** One per run of the ticket drop, suffixed -1, -2, -3: each run sells one out. */
export const DROP_CONCERT = 'bench-drop';
/** The waiting room's scenario makes its runs' concerts itself; this one has no room. */
export const WAITING_CONCERT = 'bench-waiting';
export const DOOR_CONCERT = 'bench-door';
export const FANOUT_CONCERT = 'bench-fanout';
export const WATCHED_CONCERT = 'bench-watched';
/** The concerts the hot-row scenario spreads its checkouts over, suffixed -0, -1…: a tier each. */
export const SPREAD_CONCERT = 'bench-spread';
export const SPREAD_CONCERTS = 100;
/** Where the hot-row scenario puts the same load on one tier. */
export const ONE_ROW_CONCERT = 'bench-one-row';
/** One per scenario of several instances, suffixed with their number. */
export const INSTANCES_CONCERT = 'bench-instances';
export const BIG = 50_000_000;
/** One per run of the seat drop, suffixed -1, -2, -3: 1,000 seats each. */
export const SEAT_DROP_CONCERT = 'bench-seat-drop';
/** Seated concerts whose streams' seat events are measured, suffixed with their seats. */
export const SEATED_CONCERT = 'bench-seated';
export const SEATED_SIZES = [2_000, 20_000] as const;

function concert(id: string, tiers: NewConcert['tiers']): NewConcert {
  return {
    id,
    name: id,
    artist: 'Benchmark',
    venue: 'Loopback Arena',
    timeZone: 'UTC',
    startsAt: Date.now() + 30 * 24 * 3600_000,
    // The load buys with one card and address throughout.
    maxTicketsPerBuyer: null,
    tiers,
  };
}

const ga = (total: number) => [
  { code: 'ga', name: 'General Admission', priceCents: 5_000, currency: 'USD', total },
];

/** A concert whose one tier, `seats`, sells the plan's seats. */
async function insertSeated(tx: Transaction, id: string, plan: SeatPlan, now: number) {
  const seats = seatsPerTier(plan).get('seats') ?? 0;
  const tier = { code: 'seats', name: 'Seats', priceCents: 5_000, currency: 'USD', total: seats };
  await tx.concerts.insert(concert(id, [{ ...tier, seats }]), now);
  await insertSeatPlan(tx, id, plan, await tx.concerts.tiersForUpdate(id));
}

/**
 * The demo concerts plus the benchmark's own, one per scenario so that none sweeps another's
 * holds, on a migrated, empty database. Returns the hot tier, which has no holds yet.
 */
export async function insertConcerts(store: Store, now: number): Promise<TierRecord> {
  await seedDemo(store, now);
  await store.write(async (tx) => {
    for (let run = 1; run <= 3; run += 1) {
      await insertSeated(tx, `${SEAT_DROP_CONCERT}-${run}`, dropPlan(), now);
    }
    for (const seats of SEATED_SIZES) {
      await insertSeated(tx, `${SEATED_CONCERT}-${seats}`, arenaPlan(seats), now);
    }
  });
  return store.write(async ({ concerts }) => {
    await concerts.insert(concert(RUSH_CONCERT, ga(BIG)), now);
    await concerts.insert(concert(HOT_CONCERT, ga(BIG)), now);
    for (let run = 1; run <= 3; run += 1) {
      await concerts.insert(concert(`${DROP_CONCERT}-${run}`, ga(1000)), now);
    }
    await concerts.insert(concert(`${WAITING_CONCERT}-plain`, ga(BIG)), now);
    for (let run = 1; run <= 3; run += 1) {
      await concerts.insert(concert(`${DOOR_CONCERT}-${run}`, ga(BIG)), now);
    }
    await concerts.insert(concert(FANOUT_CONCERT, ga(BIG)), now);
    await concerts.insert(concert(WATCHED_CONCERT, ga(BIG)), now);
    await concerts.insert(concert(ONE_ROW_CONCERT, ga(BIG)), now);
    for (let i = 0; i < SPREAD_CONCERTS; i += 1) {
      await concerts.insert(concert(`${SPREAD_CONCERT}-${i}`, ga(BIG)), now);
    }
    for (const count of [2, 3]) {
      await concerts.insert(concert(`${INSTANCES_CONCERT}-${count}`, ga(BIG)), now);
    }
    const [tier] = await concerts.tiersForUpdate(HOT_CONCERT);
    if (!tier) throw new Error('hot tier missing');
    return tier;
  });
}

/** How long the hot tier's holds last: longer than a whole run, with no heartbeat due meanwhile. */
const HOT_HOLD_LIFE_MS = 3_600_000;

export function hotHoldTimes(now: number) {
  const policy = {
    ...testConfig().holdPolicy,
    holdDurationMs: HOT_HOLD_LIFE_MS,
    inactivityTimeoutMs: HOT_HOLD_LIFE_MS,
    hardCapMs: HOT_HOLD_LIFE_MS,
    heartbeatIntervalMs: HOT_HOLD_LIFE_MS,
  };
  const times = startHold(policy, now);
  return { times, expiresAt: holdExpiresAt(policy, times) };
}

/**
 * A fresh SQLite database (see `insertConcerts`). The hot tier starts with `hotHolds` live holds
 * of one ticket each, alive for an hour.
 */
export async function prepareDatabase(file: string, hotHolds: number): Promise<void> {
  const store = openSqliteStore(file);
  await store.migrate();
  const now = Date.now();
  const tier = await insertConcerts(store, now);
  const { times, expiresAt } = hotHoldTimes(now);
  await store.write(async ({ concerts, sessions, holds }) => {
    for (let i = 0; i < hotHolds; i += 1) {
      const sessionId = `preload-${i}`;
      await sessions.ensure(sessionId, now);
      const owner = { sessionId, concertId: HOT_CONCERT, address: sessionId };
      const holdId = await holds.save(owner, times, expiresAt);
      await holds.replaceItems(holdId, [
        { tierId: tier.id, quantity: 1, unitPriceCents: tier.priceCents },
      ]);
    }
    await concerts.changeHeld(tier.id, hotHolds);
  });
  await store.close();
}
