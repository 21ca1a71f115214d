import {
  applyHeartbeat,
  availableTickets,
  endHoldBy,
  holdExpiresAt,
  restartHold,
  type CheckoutRequest,
  type FieldIssue,
  type HeartbeatRequest,
  type Hold,
  type HoldPolicy,
  type HoldResponse,
  type TicketShortfall,
} from '@ticket-booking/shared';
import type { Db } from '../../db/connection.js';
import { AppError } from '../../lib/app-error.js';
import { toIso, type Clock } from '../../lib/clock.js';
import type { AvailabilityChanges } from '../availability/availability.hub.js';
import type { ConcertsRepo, TierRecord } from '../concerts/concerts.repo.js';
import { concertNotFound, scheduleOnSale } from '../concerts/concerts.service.js';
import {
  answerOnce,
  isFreshSuccess,
  type IdempotencyDeps,
  type IdempotencyKey,
  type Reply,
} from '../idempotency/idempotency.service.js';
import type { SessionsRepo } from '../sessions/sessions.repo.js';
import { ALL_EXPIRED, type HoldRecord, type HoldsRepo } from './holds.repo.js';

/** What the hold rules count, once the change is committed; the server exports them as metrics. */
export interface HoldsMetrics {
  holdCreated(): void;
  /** Holds that ran out and were swept, by a write on their concert or by the cleanup job. */
  holdsExpired(count: number): void;
  holdReleased(): void;
}

export interface HoldsDeps extends IdempotencyDeps {
  db: Db;
  /** Told after each committed change to a concert's counts. */
  changes: AvailabilityChanges;
  clock: Clock;
  policy: HoldPolicy;
  concerts: ConcertsRepo;
  holds: HoldsRepo;
  sessions: SessionsRepo;
  metrics: HoldsMetrics;
  /** When this process's writes on each concert last swept its run-out holds. */
  sweeps: SweepSchedule;
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

export function holdExpired(): AppError {
  return new AppError('HOLD_EXPIRED', 'Your tickets are no longer held. Please choose them again.');
}

export function noActiveHold(): AppError {
  return new AppError('NO_ACTIVE_HOLD', 'You have no tickets held for this concert.');
}

export function toHoldView(policy: HoldPolicy, hold: HoldRecord, now: number): Hold {
  const items = hold.items.map((item) => ({
    tier: item.code,
    name: item.name,
    quantity: item.quantity,
    unitPriceCents: item.unitPriceCents,
  }));
  return {
    concertId: hold.concertId,
    items,
    totalCents: items.reduce((sum, item) => sum + item.quantity * item.unitPriceCents, 0),
    currency: hold.items[0]?.currency ?? 'USD',
    createdAt: toIso(hold.createdAt),
    expiresAt: toIso(hold.expiresAt),
    deadlineAt: toIso(hold.deadlineAt),
    hardCapAt: toIso(hold.hardCapAt),
    lastActiveAt: toIso(hold.lastActiveAt),
    serverTime: toIso(now),
    heartbeatIntervalMs: policy.heartbeatIntervalMs,
    inactivityTimeoutMs: policy.inactivityTimeoutMs,
  };
}

/**
 * Deletes the concert's holds that ran out by `now` and takes their tickets off the tiers' held
 * counters, which are then exact inside the transaction; the cost follows the number of newly
 * run-out holds, not all holds.
 * `limit` sweeps only the first that many to run out (the cleanup job's batches).
 * Returns how many holds it deleted: the caller counts them once the transaction has committed.
 */
export function sweepExpiredHolds(
  deps: HoldsDeps,
  concertId: string,
  now: number,
  limit = ALL_EXPIRED,
): number {
  // Most sweeps find none: they then cost one index probe.
  if (!deps.holds.anyExpired(concertId, now)) return 0;
  const released = deps.holds.expiredTickets(concertId, now, limit);
  if (released.length === 0) return 0;
  for (const tickets of released) deps.concerts.changeHeld(tickets.tierId, -tickets.quantity);
  const deleted = deps.holds.deleteExpired(concertId, now, limit);
  deps.concerts.countHolds(concertId, { expired: deleted });
  deps.concerts.bumpVersion(concertId);
  return deleted;
}

/** The session's hold on the concert if it has not run out by `now`, swept or not. */
export function liveHoldOf(deps: HoldsDeps, sessionId: string, concertId: string, now: number) {
  const hold = deps.holds.find(sessionId, concertId);
  return hold && now < hold.expiresAt ? hold : undefined;
}

/**
 * How long the trace of a hold that ran out is kept (see `requireLiveHold`): a checkout page left
 * open longer than that is told it holds nothing rather than that its hold ran out.
 */
export const RUN_OUT_TRACE_MS = 24 * 60 * 60 * 1000;

/**
 * The session's live hold on the concert, for a write that needs one. Without it: 410
 * HOLD_EXPIRED only if the session's hold ran out (still there past its expiry, or swept and
 * traced); 404 NO_ACTIVE_HOLD if it never held anything here, or gave it back or bought it.
 */
export function requireLiveHold(
  deps: HoldsDeps,
  sessionId: string,
  concertId: string,
  now: number,
): HoldRecord {
  const hold = deps.holds.find(sessionId, concertId);
  if (hold && now < hold.expiresAt) return hold;
  if (hold) throw holdExpired();
  if (!deps.concerts.exists(concertId)) throw concertNotFound();
  if (deps.holds.ranOut(sessionId, concertId, now - RUN_OUT_TRACE_MS)) throw holdExpired();
  throw noActiveHold();
}

/**
 * Runs a shopper's write on the concert (inside its transaction), after sweeping the concert's
 * run-out holds if it is due a sweep (`SWEEP_INTERVAL_MS`). A refusal undoes the sweep with the
 * rest of the write, so the next write sweeps instead. A failed commit also undoes it, unseen
 * here: those holds then wait for the next interval.
 */
export function afterDueSweep<T>(
  deps: HoldsDeps,
  concertId: string,
  now: number,
  write: (sweep: { due: boolean; expired: number }) => T,
): T {
  const due = deps.sweeps.claim(concertId, now);
  try {
    return write({ due, expired: due ? sweepExpiredHolds(deps, concertId, now) : 0 });
  } catch (error) {
    if (due) deps.sweeps.reopen(concertId);
    throw error;
  }
}

function resolveTiers(tiers: TierRecord[], request: CheckoutRequest) {
  const byCode = new Map(tiers.map((tier) => [tier.code, tier]));
  const wanted: { tier: TierRecord; quantity: number }[] = [];
  const unknown: FieldIssue[] = [];
  request.items.forEach((item, index) => {
    const tier = byCode.get(item.tier);
    if (tier) wanted.push({ tier, quantity: item.quantity });
    else unknown.push({ field: `items.${index}.tier`, message: `No tier "${item.tier}" here` });
  });
  if (unknown.length > 0) {
    throw new AppError('VALIDATION_FAILED', 'Some tickets asked for do not exist.', unknown);
  }
  return wanted;
}

/** The tiers asked for, and what each lacks, counting the session's `existing` hold as its own. */
function countTickets(deps: HoldsDeps, request: CheckoutRequest, existing?: HoldRecord) {
  const tiers = deps.concerts.tiersForUpdate(request.concertId);
  if (tiers.length === 0 && !deps.concerts.exists(request.concertId)) throw concertNotFound();
  const wanted = resolveTiers(tiers, request);
  const ownHeld = new Map(existing?.items.map((item) => [item.tierId, item.quantity]));
  const shortfalls: TicketShortfall[] = [];
  for (const { tier, quantity } of wanted) {
    const available = availableTickets(tier) + (ownHeld.get(tier.id) ?? 0);
    if (quantity > available) shortfalls.push({ tier: tier.code, requested: quantity, available });
  }
  return { wanted, ownHeld, shortfalls };
}

/**
 * Checks the concert's sales are open and every tier has enough tickets, and holds them all, or
 * none, inside a write transaction. The session's existing hold on the concert is replaced, and
 * its tickets count as available to it. Holds that ran out since the last sweep are swept first
 * if the tickets fall short without them, or if the session's own hold is one of them: it is then
 * gone, and a new hold starts.
 */
function holdTickets(
  deps: HoldsDeps,
  sessionId: string,
  request: CheckoutRequest,
): { hold: Hold; counted: { expired: number; created: boolean } } {
  const now = deps.clock.now();
  const { concertId } = request;
  const { salesEndAt } = scheduleOnSale(deps, concertId, now);
  return afterDueSweep(deps, concertId, now, (sweep) => {
    let expired = sweep.expired;
    let existing = deps.holds.find(sessionId, concertId);
    let counted = countTickets(deps, request, existing);
    const ownRunOut = existing !== undefined && existing.expiresAt <= now;
    if (!sweep.due && (ownRunOut || counted.shortfalls.length > 0)) {
      // The counters still include the holds that ran out since the last sweep.
      expired = sweepExpiredHolds(deps, concertId, now);
      if (expired > 0) {
        existing = deps.holds.find(sessionId, concertId);
        counted = countTickets(deps, request, existing);
      }
    }
    return placeHold(deps, sessionId, request, now, {
      existing,
      expired,
      salesEndAt,
      ...counted,
    });
  });
}

/**
 * Holds the tickets `holdTickets` counted, replacing the session's `existing` hold and keeping
 * its creation time and hard cap; or refuses, changing nothing, if any tier lacks some. The hold
 * ends at the close of sales at the latest.
 */
function placeHold(
  deps: HoldsDeps,
  sessionId: string,
  request: CheckoutRequest,
  now: number,
  counted: ReturnType<typeof countTickets> & {
    existing?: HoldRecord;
    expired: number;
    salesEndAt: number;
  },
): { hold: Hold; counted: { expired: number; created: boolean } } {
  const { concertId } = request;
  const { existing, expired, salesEndAt, wanted, ownHeld, shortfalls } = counted;
  if (shortfalls.length > 0) {
    throw new AppError('NOT_ENOUGH_TICKETS', 'Not enough tickets left for this order.', shortfalls);
  }

  const delta = new Map(ownHeld);
  for (const [tierId, quantity] of delta) delta.set(tierId, -quantity);
  for (const { tier, quantity } of wanted) delta.set(tier.id, (delta.get(tier.id) ?? 0) + quantity);
  for (const [tierId, change] of delta) {
    if (change !== 0) deps.concerts.changeHeld(tierId, change);
  }
  deps.concerts.bumpVersion(concertId);

  deps.sessions.ensure(sessionId, now);
  const times = endHoldBy(restartHold(deps.policy, existing, now), salesEndAt);
  const expiresAt = holdExpiresAt(deps.policy, times);
  const holdId = deps.holds.save(sessionId, concertId, times, expiresAt);
  if (!existing) deps.concerts.countHolds(concertId, { created: 1 });
  deps.holds.replaceItems(
    holdId,
    wanted.map(({ tier, quantity }) => ({
      tierId: tier.id,
      quantity,
      unitPriceCents: tier.priceCents,
    })),
  );
  const hold: HoldRecord = {
    id: holdId,
    sessionId,
    concertId,
    ...times,
    expiresAt,
    items: wanted.map(({ tier, quantity }) => ({
      tierId: tier.id,
      code: tier.code,
      name: tier.name,
      quantity,
      unitPriceCents: tier.priceCents,
      currency: tier.currency,
    })),
  };
  return { hold: toHoldView(deps.policy, hold, now), counted: { expired, created: !existing } };
}

/**
 * Enters checkout in one IMMEDIATE transaction (see `holdTickets`), answering 201 `{ hold }`.
 * With an idempotency key it is done once, and a repeat is given the first answer.
 */
export async function checkout(
  deps: HoldsDeps,
  sessionId: string,
  request: CheckoutRequest,
  key?: IdempotencyKey,
): Promise<Reply> {
  let counted = { expired: 0, created: false };
  const reply = await deps.db.write(() =>
    answerOnce(deps, { sessionId, key, request }, 201, (): HoldResponse => {
      const held = holdTickets(deps, sessionId, request);
      counted = held.counted;
      return { hold: held.hold };
    }),
  );
  // Counted once committed, and only for work done now: a replay or a refusal changed nothing.
  if (isFreshSuccess(reply)) {
    deps.metrics.holdsExpired(counted.expired);
    if (counted.created) deps.metrics.holdCreated();
    deps.changes.concertChanged(request.concertId);
  }
  return reply;
}

/**
 * The session's live hold on the concert, for a checkout page that was reloaded, or null. Having
 * none is an answer, not an error: every checkout page asks before it holds anything.
 */
export function getHold(deps: HoldsDeps, sessionId: string, concertId: string): Hold | null {
  const now = deps.clock.now();
  const hold = liveHoldOf(deps, sessionId, concertId, now);
  if (hold) return toHoldView(deps.policy, hold, now);
  if (!deps.concerts.exists(concertId)) throw concertNotFound();
  return null;
}

/**
 * Records that the checkout page is open and whether the shopper is there; see the policy. Once
 * the concert's sales have closed there is nothing left to keep: 409 SALES_CLOSED.
 */
export function heartbeat(deps: HoldsDeps, sessionId: string, request: HeartbeatRequest) {
  return deps.db.write(() => {
    const now = deps.clock.now();
    scheduleOnSale(deps, request.concertId, now);
    const hold = requireLiveHold(deps, sessionId, request.concertId, now);
    const times = applyHeartbeat(deps.policy, hold, request, now);
    const expiresAt = holdExpiresAt(deps.policy, times);
    deps.holds.updateTimes(hold.id, times, expiresAt);
    return toHoldView(deps.policy, { ...hold, ...times, expiresAt }, now);
  });
}

/** Gives the session's held tickets back to the pool at once. Releasing nothing is fine. */
export async function releaseHold(
  deps: HoldsDeps,
  sessionId: string,
  concertId: string,
): Promise<void> {
  const released = await deps.db.write(() => {
    const hold = deps.holds.find(sessionId, concertId);
    if (!hold) {
      if (!deps.concerts.exists(concertId)) throw concertNotFound();
      return false;
    }
    for (const item of hold.items) deps.concerts.changeHeld(item.tierId, -item.quantity);
    deps.holds.delete(hold);
    deps.concerts.bumpVersion(concertId);
    return true;
  });
  if (released) {
    deps.metrics.holdReleased();
    deps.changes.concertChanged(concertId);
  }
}

/**
 * Holds the cleanup job sweeps per transaction. A ticket drop's holds run out together, 90 s
 * after it: swept at once, 50,000 held the event loop and the write lock for 200 ms, while every
 * request and every fan-out of availability waited. A batch takes a couple of milliseconds, and
 * the requests that came meanwhile are served between two batches.
 */
export const EXPIRY_BATCH = 500;

/**
 * The cleanup job's pause between two batches, twice SQLite's busy timeout (`DEFAULT_BUSY_RETRY`):
 * a write of another process on the same database, waiting for the lock, gets it meanwhile.
 * Batches back to back kept it out until the whole sweep was done: it backed off further at each
 * try, and a shopper's checkout waited for hundreds of milliseconds.
 */
export const EXPIRY_PAUSE_MS = 10;

/**
 * The cleanup job's work: sweeps every concert that has run-out holds, in transactions of at most
 * `EXPIRY_BATCH` holds, `EXPIRY_PAUSE_MS` apart, each once the availability events being written
 * have reached every watcher (a batch in the middle of a fan-out to 10,000 delayed its last
 * watcher by as long as the batch took). Correctness never waits for this; it keeps the tables
 * small. Returns the concerts it changed.
 */
export async function expireHolds(deps: HoldsDeps): Promise<string[]> {
  const changed: string[] = [];
  for (const concertId of deps.holds.concertsWithExpiredHolds(deps.clock.now())) {
    for (;;) {
      await deps.changes.written();
      const expired = await deps.db.write(() =>
        sweepExpiredHolds(deps, concertId, deps.clock.now(), EXPIRY_BATCH),
      );
      if (expired === 0) break;
      deps.metrics.holdsExpired(expired);
      if (changed.at(-1) !== concertId) changed.push(concertId);
      deps.changes.concertChanged(concertId);
      if (expired < EXPIRY_BATCH) break;
      await new Promise((resolve) => setTimeout(resolve, EXPIRY_PAUSE_MS));
    }
  }
  return changed;
}

/**
 * The cleanup job's share: forgets the traces of holds that ran out over a day ago, a batch per
 * transaction. `requireLiveHold` ignores them already, so this only keeps the table small.
 */
export async function forgetRunOutHolds(deps: HoldsDeps): Promise<number> {
  let forgotten = 0;
  for (;;) {
    const cutoff = deps.clock.now() - RUN_OUT_TRACE_MS;
    const deleted = await deps.db.write(() => deps.holds.forgetRunOutUntil(cutoff, EXPIRY_BATCH));
    forgotten += deleted;
    if (deleted < EXPIRY_BATCH) return forgotten;
  }
}
