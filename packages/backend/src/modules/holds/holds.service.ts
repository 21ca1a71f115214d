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
  type PlanSeatEntry,
  type TicketShortfall,
  seatRefOf,
} from '@ticket-booking/shared';
import type { Store, Transaction } from '../../db/store.js';
import { AppError } from '../../lib/app-error.js';
import type { Clock } from '../../lib/clock.js';
import type { TierRecord } from '../concerts/concerts.repo.js';
import { concertNotFound, scheduleOnSale } from '../concerts/concerts.service.js';
import { answerOnce, type IdempotencyKey, type Reply } from '../idempotency/idempotency.service.js';
import type { WaitingRoomPasses } from '../waiting-room/passes.js';
import { requireWaitingRoomPass } from '../waiting-room/waiting-room.service.js';
import { toHoldView } from './hold-view.js';
import type { HoldRecord } from './holds.repo.js';
import { offerFreeTickets } from '../waiting-list/offers.js';
import {
  bestAvailable,
  seatsNamed,
  seatsTaken,
  takenSeats,
  withHoldSeats,
  type SeatLayout,
  type SeatLayouts,
} from '../seating/seating.service.js';
import { liveHoldOf, requireLiveHold } from './live-hold.js';
import {
  afterDueSweep,
  sweepExpiredHolds,
  type HoldsMetrics,
  type SweepDeps,
  type SweepSchedule,
} from './sweep.js';

export interface HoldsDeps extends SweepDeps {
  store: Store;
  clock: Clock;
  policy: HoldPolicy;
  metrics: HoldsMetrics;
  /** When this process's writes on each concert last swept its run-out holds. */
  sweeps: SweepSchedule;
  /** Tickets of one concert held at once from one client address; 0 for no bound. */
  ticketsHeldPerAddress: number;
  /** The same from an address many shoppers share. */
  ticketsHeldPerSharedAddress: number;
  /** How long a session whose hold ran out at its hard cap waits to hold again; 0: not at all. */
  hardCapCooldownMs: number;
  /** Checks the passes of concerts that sell through a waiting room. */
  passes: WaitingRoomPasses;
  seatLayouts: SeatLayouts;
}

/** Who asks for a hold: the session it is for, and the address the request came from. */
export interface Shopper {
  sessionId: string;
  address: string;
  /** The address is one many shoppers share: it may hold more. */
  shared?: boolean;
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

/** A checkout's seats: the plan they are on, and those named, by tier code. */
interface Seating {
  layout: SeatLayout;
  named: Map<string, PlanSeatEntry[]>;
}

/**
 * The checkout with the seats it names counted as items of their tiers. A tier named both by
 * seats and by a quantity is a 400: the shopper meant one or the other.
 */
function withNamedSeats(request: CheckoutRequest, named: Map<string, PlanSeatEntry[]>) {
  if (named.size === 0) return request;
  const issues: FieldIssue[] = [];
  request.items.forEach((item, index) => {
    if (named.has(item.tier)) {
      issues.push({
        field: `items.${index}.tier`,
        message: `Tier "${item.tier}" is asked for by seats too: name its seats or a quantity, not both`,
      });
    }
  });
  if (issues.length > 0) {
    throw new AppError('VALIDATION_FAILED', 'Some tickets are asked for twice.', issues);
  }
  const seated = [...named].map(([tier, seats]) => ({ tier, quantity: seats.length }));
  return { ...request, items: [...request.items, ...seated] };
}

interface Counted {
  wanted: { tier: TierRecord; quantity: number }[];
  ownHeld: Map<number, number>;
  shortfalls: TicketShortfall[];
}

/** The tiers asked for, and what each lacks, counting the session's `existing` hold as its own. */
async function countTickets(
  tx: Transaction,
  request: CheckoutRequest,
  existing?: HoldRecord,
): Promise<Counted> {
  const tiers = await tx.concerts.tiersForUpdate(request.concertId);
  if (tiers.length === 0 && !(await tx.concerts.exists(request.concertId))) {
    throw concertNotFound();
  }
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
 * none, inside the write transaction. The session's existing hold on the concert is replaced, and
 * its tickets count as available to it. Holds that ran out since the last sweep are swept first
 * if the tickets fall short without them, or if the session's own hold is one of them: it is then
 * gone, and a new hold starts.
 */
async function holdTickets(
  tx: Transaction,
  deps: HoldsDeps,
  shopper: Shopper,
  request: CheckoutRequest,
): Promise<Hold> {
  const { sessionId } = shopper;
  const now = deps.clock.now();
  const { concertId } = request;
  const schedule = await scheduleOnSale(tx, concertId, now);
  requireWaitingRoomPass(deps.passes, schedule, { sessionId, concertId, pass: request.pass }, now);
  const { salesEndAt } = schedule;
  return afterDueSweep(tx, deps, concertId, now, async (sweep) => {
    const layout = await deps.seatLayouts.of(tx, concertId);
    const named = request.seats?.length
      ? seatsNamed(layout ?? null, request.seats)
      : new Map<string, PlanSeatEntry[]>();
    const asked = withNamedSeats(request, named);
    const seating = layout ? { layout, named } : undefined;
    let existing = await tx.holds.find(sessionId, concertId);
    let counted = await countTickets(tx, asked, existing);
    const ownRunOut = existing !== undefined && existing.expiresAt <= now;
    if (!sweep.due && (ownRunOut || counted.shortfalls.length > 0)) {
      // The counters still include the holds that ran out since the last sweep.
      if ((await sweepExpiredHolds(tx, deps, concertId, now)) > 0) {
        existing = await tx.holds.find(sessionId, concertId);
        counted = await countTickets(tx, asked, existing);
      }
    }
    await requireNoCapCooldown(tx, deps, sessionId, concertId, existing, now);
    await requireUnderAddressLimit(tx, deps, shopper, asked, now);
    if (seating) await requireSeatsFree(tx, { concertId, now, ownHold: existing?.id }, seating);
    return placeHold(tx, deps, shopper, asked, now, {
      existing,
      salesEndAt,
      seating,
      ...counted,
    });
  });
}

/**
 * Refuses with 429 HOLD_COOLDOWN a checkout from a session whose last hold on the concert ran
 * out at its hard cap less than `hardCapCooldownMs` ago, unswept (`existing`) or swept (its
 * trace): the cap bounds how long one shopper holds tickets, not how long one hold lasts, so
 * checking out again the moment it strikes gets nothing. A live hold is simply replaced.
 */
async function requireNoCapCooldown(
  tx: Transaction,
  deps: HoldsDeps,
  sessionId: string,
  concertId: string,
  existing: HoldRecord | undefined,
  now: number,
): Promise<void> {
  const cooldown = deps.hardCapCooldownMs;
  if (cooldown === 0 || (existing && existing.expiresAt > now)) return;
  const last = existing
    ? { expiredAt: existing.expiresAt, hardCapAt: existing.hardCapAt }
    : await tx.holds.lastRunOut(sessionId, concertId);
  if (last?.hardCapAt == null || last.expiredAt < last.hardCapAt) return;
  const until = last.expiredAt + cooldown;
  if (now >= until) return;
  const minutes = Math.ceil((until - now) / 60_000);
  throw new AppError(
    'HOLD_COOLDOWN',
    `Tickets for this concert were held for you as long as one shopper may hold them. You can hold tickets for it again in ${minutes === 1 ? 'a minute' : `${minutes} minutes`}.`,
    undefined,
    Math.ceil((until - now) / 1000),
  );
}

/** The tickets of one concert the shopper's address may hold at once; 0 for no bound. */
function heldBound(deps: HoldsDeps, shopper: Shopper): number {
  return shopper.shared === true ? deps.ticketsHeldPerSharedAddress : deps.ticketsHeldPerAddress;
}

/**
 * Refuses with 429 HOLD_LIMIT_REACHED a checkout that would take the tickets its address holds
 * of the concert, in every session's live hold but this one's, past `ticketsHeldPerAddress`:
 * starting more sessions gets one client no more tickets. Decided under the concert's lock, as
 * the hold itself is.
 */
async function requireUnderAddressLimit(
  tx: Transaction,
  deps: HoldsDeps,
  shopper: Shopper,
  request: CheckoutRequest,
  now: number,
): Promise<void> {
  const max = heldBound(deps, shopper);
  if (max === 0) return;
  const { concertId } = request;
  const held = await tx.holds.heldFromAddress(concertId, shopper.address, now, shopper.sessionId);
  const wanted = request.items.reduce((sum, item) => sum + item.quantity, 0);
  if (held + wanted <= max) return;
  const left = Math.max(0, max - held);
  throw new AppError(
    'HOLD_LIMIT_REACHED',
    left === 0
      ? `Your network already holds ${held} tickets for this concert, the most it may hold at once. Please try again once some are bought or released.`
      : `Your network already holds ${held} tickets for this concert, and may hold ${max} at once: ${left} more at most.`,
    [{ limit: 'ticketsHeldPerAddress', max, held }],
  );
}

/**
 * Holds the tickets `holdTickets` counted, replacing the session's `existing` hold and keeping
 * its creation time and hard cap; or refuses, changing nothing, if any tier lacks some. The hold
 * ends at the close of sales at the latest.
 */
async function placeHold(
  tx: Transaction,
  deps: HoldsDeps,
  shopper: Shopper,
  request: CheckoutRequest,
  now: number,
  counted: Counted & { existing?: HoldRecord; salesEndAt: number; seating?: Seating },
): Promise<Hold> {
  const { sessionId, address } = shopper;
  const { concertId } = request;
  const { existing, salesEndAt, wanted, ownHeld, shortfalls, seating } = counted;
  if (shortfalls.length > 0) {
    throw new AppError('NOT_ENOUGH_TICKETS', 'Not enough tickets left for this order.', shortfalls);
  }

  const delta = new Map(ownHeld);
  for (const [tierId, quantity] of delta) delta.set(tierId, -quantity);
  for (const { tier, quantity } of wanted) delta.set(tier.id, (delta.get(tier.id) ?? 0) + quantity);
  for (const [tierId, change] of delta) {
    if (change !== 0) await tx.concerts.changeHeld(tierId, change);
  }
  await tx.concerts.bumpVersion(concertId);

  await tx.sessions.ensure(sessionId, now);
  const times = endHoldBy(restartHold(deps.policy, existing, now), salesEndAt);
  const expiresAt = holdExpiresAt(deps.policy, times);
  const holdId = await tx.holds.save({ sessionId, concertId, address }, times, expiresAt);
  if (!existing) await tx.concerts.countHolds(concertId, { created: 1 });
  await tx.holds.replaceItems(
    holdId,
    wanted.map(({ tier, quantity }) => ({
      tierId: tier.id,
      quantity,
      unitPriceCents: tier.priceCents,
    })),
  );
  const seats = seating
    ? await claimSeats(
        tx,
        deps,
        { concertId, holdId, had: existing !== undefined, now },
        wanted,
        seating,
      )
    : undefined;
  tx.afterCommit(() => {
    if (!existing) deps.metrics.holdCreated();
    deps.changes.concertChanged(concertId);
  });
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
      ...(seats?.has(tier.code) && { seats: (seats.get(tier.code) ?? []).map(seatRefOf) }),
    })),
  };
  return toHoldView(deps.policy, hold, now);
}

/**
 * Refuses with 409 SEATS_TAKEN, before anything is written, a checkout naming seats that live
 * holds or bookings other than the shopper's own have: most shoppers who lose a race for seats
 * are told so at the cost of one read. The claims' key still decides for the others.
 */
async function requireSeatsFree(
  tx: Transaction,
  context: { concertId: string; now: number; ownHold?: number },
  seating: Seating,
): Promise<void> {
  const named = [...seating.named.values()].flat().map((seat) => seat.index);
  if (named.length === 0) return;
  const { concertId, now, ownHold } = context;
  const range = { from: Math.min(...named), to: Math.max(...named) };
  const taken = await takenSeats(tx, concertId, now, ownHold, range);
  const lost = named.filter((seat) => taken.has(seat));
  if (lost.length > 0) {
    throw await seatsTaken(tx, { ...context, layout: seating.layout }, seating.named, lost);
  }
}

/**
 * Claims the hold's seats, those the shopper named and, for a seated tier asked for by
 * quantity, the best ones together; the hold's earlier seats are given back first. A seat the
 * claims' key refuses is another's: if only a hold that ran out has it, the run-out holds are
 * swept and it is claimed again; otherwise 409 SEATS_TAKEN names it, with seats to offer
 * instead. Returns the seats claimed by tier code.
 */
async function claimSeats(
  tx: Transaction,
  deps: HoldsDeps,
  hold: { concertId: string; holdId: number; had: boolean; now: number },
  wanted: Counted['wanted'],
  seating: Seating,
): Promise<Map<string, PlanSeatEntry[]>> {
  const { concertId, holdId, now } = hold;
  const { layout, named } = seating;
  if (hold.had) await tx.seating.releaseHold(holdId);
  const picks = new Map(named);
  const byQuantity = wanted.filter(({ tier }) => tier.seats > 0 && !named.has(tier.code));
  if (byQuantity.length > 0) {
    const taken = await takenSeats(tx, concertId, now, holdId);
    for (const { tier, quantity } of byQuantity) {
      picks.set(tier.code, bestAvailable(layout, tier, quantity, taken));
    }
  }
  const seats = [...picks.values()].flat().map((seat) => seat.index);
  if (seats.length === 0) return picks;
  let lost = await tx.seating.claim(concertId, holdId, seats);
  if (lost.length > 0 && (await tx.seating.claimedByRunOut(concertId, lost, now))) {
    await sweepExpiredHolds(tx, deps, concertId, now);
    lost = await tx.seating.claim(concertId, holdId, lost);
  }
  if (lost.length > 0) {
    throw await seatsTaken(tx, { layout, concertId, now, ownHold: holdId }, named, lost);
  }
  return picks;
}

/**
 * Enters checkout in one write transaction (see `holdTickets`), answering 201 `{ hold }`. With
 * an idempotency key it is done once, and a repeat is given the first answer.
 */
export function checkout(
  deps: HoldsDeps,
  shopper: Shopper,
  request: CheckoutRequest,
  key?: IdempotencyKey,
): Promise<Reply<HoldResponse>> {
  const { sessionId, address } = shopper;
  return deps.store.write(
    (tx) =>
      answerOnce(
        tx,
        deps.clock.now(),
        { sessionId, key, request: withoutPass(request) },
        201,
        async () => ({
          hold: await holdTickets(tx, deps, shopper, request),
        }),
      ),
    {
      touches: {
        concertId: request.concertId,
        sessionId,
        // Its holds are read ahead only where they are counted.
        ...(heldBound(deps, shopper) > 0 && { address }),
      },
    },
  );
}

/** A checkout as an idempotency key tells it: a renewed pass makes no other request. */
function withoutPass(request: CheckoutRequest): CheckoutRequest {
  if (request.pass === undefined) return request;
  const { concertId, items, seats } = request;
  return seats === undefined ? { concertId, items } : { concertId, items, seats };
}

/**
 * The session's live hold on the concert, for a checkout page that was reloaded, or null. Having
 * none is an answer, not an error: every checkout page asks before it holds anything.
 */
export async function getHold(
  deps: HoldsDeps,
  sessionId: string,
  concertId: string,
): Promise<Hold | null> {
  const now = deps.clock.now();
  const hold = await liveHoldOf(deps.store, sessionId, concertId, now);
  if (hold) {
    return toHoldView(deps.policy, await withHoldSeats(deps.store, deps.seatLayouts, hold), now);
  }
  if (!(await deps.store.concerts.exists(concertId))) throw concertNotFound();
  return null;
}

/**
 * Records that the checkout page is open and whether the shopper is there; see the policy. Once
 * the concert's sales have closed there is nothing left to keep: 409 SALES_CLOSED.
 */
export function heartbeat(
  deps: HoldsDeps,
  sessionId: string,
  request: HeartbeatRequest,
): Promise<Hold> {
  return deps.store.write(
    async (tx) => {
      const now = deps.clock.now();
      await scheduleOnSale(tx, request.concertId, now);
      const hold = await requireLiveHold(tx, sessionId, request.concertId, now);
      const times = applyHeartbeat(deps.policy, hold, request, now);
      const expiresAt = holdExpiresAt(deps.policy, times);
      await tx.holds.updateTimes(hold.id, times, expiresAt);
      const seated = await withHoldSeats(tx, deps.seatLayouts, hold);
      return toHoldView(deps.policy, { ...seated, ...times, expiresAt }, now);
    },
    { touches: { concertId: request.concertId, sessionId } },
  );
}

/** Gives the session's held tickets back to the pool at once. Releasing nothing is fine. */
export function releaseHold(deps: HoldsDeps, sessionId: string, concertId: string): Promise<void> {
  return deps.store.write(
    async (tx) => {
      const hold = await tx.holds.find(sessionId, concertId);
      if (!hold) {
        if (!(await tx.concerts.exists(concertId))) throw concertNotFound();
        return;
      }
      for (const item of hold.items) await tx.concerts.changeHeld(item.tierId, -item.quantity);
      await tx.holds.delete(hold);
      await tx.concerts.bumpVersion(concertId);
      await offerFreeTickets(tx, deps, concertId, deps.clock.now());
      tx.afterCommit(() => {
        deps.metrics.holdReleased();
        deps.changes.concertChanged(concertId);
      });
    },
    { touches: { concertId, sessionId } },
  );
}
