import type { Store, Transaction } from '../../db/store.js';
import type { Clock } from '../../lib/clock.js';
import type { AvailabilityChanges } from '../availability/availability.hub.js';
import { offerFreeTickets, type OfferDeps } from '../waiting-list/offers.js';
import { ALL_EXPIRED } from './holds.repo.js';
import { RUN_OUT_TRACE_MS } from './live-hold.js';

/** What the hold rules count, once the change is committed; the server exports them as metrics. */
export interface HoldsMetrics {
  holdCreated(): void;
  /** Holds that ran out and were swept, by a write on their concert or by the cleanup job. */
  holdsExpired(count: number): void;
  holdReleased(): void;
}

/** Who hears of a sweep once it has committed; tickets it frees go to waiting lists first. */
export interface SweepDeps extends OfferDeps {
  changes: AvailabilityChanges;
  metrics: Pick<HoldsMetrics, 'holdsExpired'>;
}

/**
 * How often a shopper's writes on a concert sweep its run-out holds, in each process. In a rush
 * thousands of holds run out every second: swept by every checkout, one or two at a time, each
 * transaction paid for its own pages of the holds' tables and indexes, and two processes on one
 * database lost a fifth of their throughput while they ran out. A write every 100 ms sweeps the
 * holds of that time together. Meanwhile the held counters still include them: reads subtract
 * them, and a checkout that needs their tickets, or finds its own hold run out, sweeps at once.
 */
export const SWEEP_INTERVAL_MS = 100;

export interface SweepSchedule {
  /** Whether a write on the concert at `now` is to sweep; if so, the sweep is counted as done. */
  claim(concertId: string, now: number): boolean;
  /** The claimed sweep was undone with its write: the concert's next write sweeps. */
  reopen(concertId: string): void;
}

export function createSweepSchedule(intervalMs = SWEEP_INTERVAL_MS): SweepSchedule {
  const lastSwept = new Map<string, number>();
  return {
    claim(concertId, now) {
      const last = lastSwept.get(concertId);
      // A clock set back never postpones a sweep.
      if (last !== undefined && now >= last && now - last < intervalMs) return false;
      lastSwept.set(concertId, now);
      return true;
    },
    reopen(concertId) {
      lastSwept.delete(concertId);
    },
  };
}

/**
 * Deletes the concert's holds that ran out by `now` and takes their tickets off the tiers' held
 * counters, which are then exact inside the transaction; the cost follows the number of newly
 * run-out holds, not all holds. `limit` sweeps only the first that many to run out (the cleanup
 * job's batches). Returns how many holds it deleted; they are counted and announced once the
 * transaction commits, and never if it, or the savepoint around it, is undone.
 */
export async function sweepExpiredHolds(
  tx: Transaction,
  deps: SweepDeps,
  concertId: string,
  now: number,
  limit = ALL_EXPIRED,
): Promise<number> {
  // Most sweeps find none: they then cost one index probe.
  if (!(await tx.holds.anyExpired(concertId, now))) return 0;
  const released = await tx.holds.expiredTickets(concertId, now, limit);
  if (released.length === 0) return 0;
  for (const tickets of released) await tx.concerts.changeHeld(tickets.tierId, -tickets.quantity);
  const deleted = await tx.holds.deleteExpired(concertId, now, limit);
  await tx.concerts.countHolds(concertId, { expired: deleted });
  await tx.concerts.bumpVersion(concertId);
  await offerFreeTickets(tx, deps, concertId, now);
  tx.afterCommit(() => {
    deps.metrics.holdsExpired(deleted);
    deps.changes.concertChanged(concertId);
  });
  return deleted;
}

/**
 * Runs a shopper's write on the concert (inside its transaction), after sweeping the concert's
 * run-out holds if it is due a sweep (`SWEEP_INTERVAL_MS`). A refusal undoes the sweep with the
 * rest of the write, so the next write sweeps instead. A failed commit also undoes it, unseen
 * here: those holds then wait for the next interval.
 */
export async function afterDueSweep<T>(
  tx: Transaction,
  deps: SweepDeps & { sweeps: SweepSchedule },
  concertId: string,
  now: number,
  write: (sweep: { due: boolean }) => Promise<T>,
): Promise<T> {
  const due = deps.sweeps.claim(concertId, now);
  try {
    if (due) await sweepExpiredHolds(tx, deps, concertId, now);
    return await write({ due });
  } catch (error) {
    if (due) deps.sweeps.reopen(concertId);
    throw error;
  }
}

/** What the cleanup job's steps need. */
export interface ExpiryDeps extends SweepDeps {
  store: Store;
  clock: Clock;
}

/** The concerts that have run-out holds to sweep. */
export function concertsToSweep(deps: ExpiryDeps): Promise<string[]> {
  return deps.store.holds.concertsWithExpiredHolds(deps.clock.now());
}

/**
 * Offers the free tickets of each concert whose waiting list asks for them, a transaction per
 * concert: tickets freed by a write that offers nothing itself (a hold replaced by a smaller
 * one) wait at most a cleanup round. Returns how many offers were made.
 */
export async function offerWaitingTickets(deps: ExpiryDeps): Promise<number> {
  let offers = 0;
  for (const concertId of await deps.store.waitingList.concertsWithTicketsToOffer()) {
    offers += await deps.store.write(
      (tx) => offerFreeTickets(tx, deps, concertId, deps.clock.now()),
      { touches: { concertId } },
    );
  }
  return offers;
}

/**
 * Sweeps the first `limit` of the concert's run-out holds in a transaction of their own; returns
 * how many went.
 */
export function sweepBatch(deps: ExpiryDeps, concertId: string, limit: number): Promise<number> {
  return deps.store.write((tx) => sweepExpiredHolds(tx, deps, concertId, deps.clock.now(), limit), {
    touches: { concertId },
  });
}

/**
 * Forgets at most `limit` traces of holds that ran out over a day ago, in a transaction of their
 * own (`requireLiveHold` ignores them already); returns how many went.
 */
export function forgetRunOutBatch(deps: ExpiryDeps, limit: number): Promise<number> {
  return deps.store.write((tx) =>
    tx.holds.forgetRunOutUntil(deps.clock.now() - RUN_OUT_TRACE_MS, limit),
  );
}
