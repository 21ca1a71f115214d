import {
  bestInRows,
  encodeSeatStates,
  largestBlock,
  nearestSeats,
  planSeats,
  seatRefOf,
  SEAT_STATE_CODES,
  type CandidateSeat,
  type FieldIssue,
  type PlanSeatEntry,
  type SeatMap,
  type SeatPlan,
  type SeatRef,
  type SeatState,
} from '@ticket-booking/shared';
import type { Repositories, Store } from '../../db/store.js';
import { AppError } from '../../lib/app-error.js';
import type { Clock } from '../../lib/clock.js';
import type { TierRecord } from '../concerts/concerts.repo.js';
import { concertNotFound } from '../concerts/concerts.service.js';
import type { SeatStates } from '../availability/sse-frames.js';
import type { HoldRecord } from '../holds/holds.repo.js';
import { EVERY_SEAT, type SeatClaim, type SeatRange } from './seating.repo.js';

/** A concert's plan as the services use it: its seats in plan order, found by id. */
export interface SeatLayout {
  plan: SeatPlan;
  seats: PlanSeatEntry[];
  byId: Map<string, PlanSeatEntry>;
  /** The first seat of each row, by row index, and one past the last seat at the end. */
  rowStarts: number[];
  /** Each tier's seats by row, rows and seats in plan order. */
  tierRows: Map<string, PlanSeatEntry[][]>;
}

/**
 * The layouts of the concerts this process has sold seats of. A plan never changes once its
 * concert is on sale, so each is read and parsed once per process; a concert without one is
 * remembered too, as most have none.
 */
export interface SeatLayouts {
  /** The concert's layout; null if it sells no seats; undefined if there is no such concert. */
  of(
    repos: Pick<Repositories, 'seating'>,
    concertId: string,
  ): Promise<SeatLayout | null | undefined>;
}

export function createSeatLayouts(): SeatLayouts {
  const known = new Map<string, SeatLayout | null>();
  return {
    async of(repos, concertId) {
      const cached = known.get(concertId);
      if (cached !== undefined) return cached;
      const stored = await repos.seating.plan(concertId);
      if (stored === undefined) return undefined;
      const layout = stored === null ? null : layoutOf(JSON.parse(stored) as SeatPlan);
      known.set(concertId, layout);
      return layout;
    },
  };
}

function layoutOf(plan: SeatPlan): SeatLayout {
  const seats = planSeats(plan);
  const rowStarts: number[] = [];
  const tierRows = new Map<string, PlanSeatEntry[][]>();
  let last: { tier: string; rowIndex: number; seats: PlanSeatEntry[] } | undefined;
  for (const seat of seats) {
    rowStarts[seat.rowIndex] ??= seat.index;
    if (last?.tier !== seat.tier || last.rowIndex !== seat.rowIndex) {
      last = { tier: seat.tier, rowIndex: seat.rowIndex, seats: [] };
      tierRows.set(seat.tier, [...(tierRows.get(seat.tier) ?? []), last.seats]);
    }
    last.seats.push(seat);
  }
  rowStarts.push(seats.length);
  const byId = new Map(seats.map((seat) => [seat.id, seat]));
  return { plan, seats, byId, rowStarts, tierRows };
}

export interface SeatingDeps {
  store: Store;
  clock: Clock;
  seatLayouts: SeatLayouts;
}

/**
 * Keeps a new concert's plan and its seats, in the transaction that inserts the concert (its
 * tiers written already).
 */
export async function insertSeatPlan(
  repos: Pick<Repositories, 'seating'>,
  concertId: string,
  plan: SeatPlan,
  tiers: readonly TierRecord[],
): Promise<void> {
  const tierIds = new Map(tiers.map((tier) => [tier.code, tier.id]));
  const seats = planSeats(plan).map((seat) => ({
    seat: seat.index,
    id: seat.id,
    tierId: tierIds.get(seat.tier) ?? 0,
    section: seat.section,
    row: seat.row,
    number: seat.number,
  }));
  await repos.seating.insertPlan(concertId, JSON.stringify(plan), seats);
}

/** How many seats the plan gives each tier, by code. */
export function seatsPerTier(plan: SeatPlan | undefined): Map<string, number> {
  const counts = new Map<string, number>();
  for (const seat of plan ? planSeats(plan) : []) {
    counts.set(seat.tier, (counts.get(seat.tier) ?? 0) + 1);
  }
  return counts;
}

/** Every seat's state, in plan order, from the claims. */
export function seatStates(layout: SeatLayout, claims: readonly SeatClaim[]): string {
  return encodeSeatStates(
    layout.seats.length,
    claims.map((claim): [number, SeatState] => [claim.seat, claim.sold ? 'sold' : 'held']),
  );
}

/** `GET /api/concerts/:id/seats`: the plan and every seat's state now; null for no plan. */
export async function getSeatMap(deps: SeatingDeps, concertId: string): Promise<SeatMap | null> {
  const layout = await deps.seatLayouts.of(deps.store, concertId);
  if (layout === undefined) throw concertNotFound();
  if (layout === null) return null;
  const { version, claims } = await deps.store.seating.claims(concertId, deps.clock.now());
  return {
    concertId,
    plan: layout.plan,
    seatCount: layout.seats.length,
    version,
    states: seatStates(layout, claims),
  };
}

/** The seats given as refs, as a shopper and a ticket name them. */
export function seatRefs(layout: SeatLayout, seats: readonly number[]): SeatRef[] {
  return seats.flatMap((index) => {
    const seat = layout.seats[index];
    return seat ? [seatRefOf(seat)] : [];
  });
}

/**
 * The seats a checkout names, found on the plan: unknown ids are a 400 naming each. Grouped by
 * tier code, in plan order.
 */
export function seatsNamed(
  layout: SeatLayout | null,
  ids: readonly string[],
): Map<string, PlanSeatEntry[]> {
  const issues: FieldIssue[] = [];
  const byTier = new Map<string, PlanSeatEntry[]>();
  ids.forEach((id, index) => {
    const seat = layout?.byId.get(id);
    if (!seat) {
      issues.push({
        field: `seats.${index}`,
        message: layout ? `No seat "${id}" here` : 'This concert sells tickets by tier, not seats',
      });
      return;
    }
    byTier.set(seat.tier, [...(byTier.get(seat.tier) ?? []), seat]);
  });
  if (issues.length > 0) {
    throw new AppError('VALIDATION_FAILED', 'Some seats asked for do not exist.', issues);
  }
  for (const seats of byTier.values()) seats.sort((a, b) => a.index - b.index);
  return byTier;
}

/**
 * The tier's seats (in `range` only, if given) as `bestSeats` weighs them: free unless another
 * hold or a booking has them.
 */
export function candidates(
  layout: SeatLayout,
  tier: string,
  taken: ReadonlySet<number>,
  range: SeatRange = EVERY_SEAT,
): CandidateSeat[] {
  return layout.seats
    .slice(range.from, range.to + 1)
    .filter((seat) => seat.tier === tier)
    .map((seat) => ({
      index: seat.index,
      rowIndex: seat.rowIndex,
      x: seat.x,
      y: seat.y,
      free: !taken.has(seat.index),
    }));
}

/** The best `quantity` seats together in the tier, or 409 NO_SEATS_TOGETHER. */
export function bestAvailable(
  layout: SeatLayout,
  tier: TierRecord,
  quantity: number,
  taken: ReadonlySet<number>,
): PlanSeatEntry[] {
  const rows = layout.tierRows.get(tier.code) ?? [];
  const candidateRows = (function* () {
    for (const row of rows) {
      yield row.map((seat) => ({ ...seat, free: !taken.has(seat.index) }));
    }
  })();
  const best = bestInRows(candidateRows, quantity);
  if (best) return best.flatMap((seat) => layout.seats[seat.index] ?? []);
  const together = largestBlock(candidates(layout, tier.code, taken));
  throw new AppError(
    'NO_SEATS_TOGETHER',
    `No ${quantity} seats together are left in ${tier.name}; at most ${together} are. Pick seats on the map instead.`,
    [{ tier: tier.code, requested: quantity, together }],
  );
}

/** How many rows before and after the seats asked for alternatives are looked for in. */
const NEARBY_ROWS = 3;

/** The seats of the rows around those given: where to look for seats near them. */
function rowsAround(layout: SeatLayout, seats: readonly PlanSeatEntry[]): SeatRange {
  const rows = seats.map((seat) => seat.rowIndex);
  const last = layout.rowStarts.length - 2;
  const first = Math.max(0, Math.min(...rows) - NEARBY_ROWS);
  const end = Math.min(last, Math.max(...rows) + NEARBY_ROWS);
  return { from: layout.rowStarts[first] ?? 0, to: (layout.rowStarts[end + 1] ?? 1) - 1 };
}

/**
 * 409 SEATS_TAKEN naming the seats asked for that others have (`lost`), and as many seats
 * together, free, nearest to those asked for in each tier, to offer instead: looked for in the
 * rows around them only, so that a shopper who lost a race costs little.
 */
export async function seatsTaken(
  repos: Pick<Repositories, 'seating'>,
  context: { layout: SeatLayout; concertId: string; now: number; ownHold?: number },
  asked: ReadonlyMap<string, PlanSeatEntry[]>,
  lost: readonly number[],
): Promise<AppError> {
  const { layout, concertId, now, ownHold } = context;
  const alternatives: SeatRef[] = [];
  for (const [tier, seats] of asked) {
    const range = rowsAround(layout, seats);
    const taken = await takenSeats(repos, concertId, now, ownHold, range);
    const near = nearestSeats(candidates(layout, tier, taken, range), seats.length, seats);
    for (const seat of near ?? []) {
      const entry = layout.seats[seat.index];
      if (entry) alternatives.push(seatRefOf(entry));
    }
  }
  const refs = seatRefs(layout, lost);
  const names = refs.map((seat) => seat.label).join('; ');
  return new AppError(
    'SEATS_TAKEN',
    refs.length === 1
      ? `${names} was just taken by another shopper.`
      : `These seats were just taken by other shoppers: ${names}.`,
    [{ taken: refs, alternatives }],
  );
}

/** The seats (in `range` if given) other holds and bookings have now, but `ownHold`'s. */
export async function takenSeats(
  repos: Pick<Repositories, 'seating'>,
  concertId: string,
  now: number,
  ownHold?: number,
  range?: SeatRange,
): Promise<Set<number>> {
  const { claims } = await repos.seating.claims(concertId, now, range);
  return new Set(
    claims.flatMap((claim) =>
      claim.holdId !== null && claim.holdId === ownHold ? [] : [claim.seat],
    ),
  );
}

/** The hold with each seated item's seats, read if its concert sells seats. */
export async function withHoldSeats(
  repos: Pick<Repositories, 'seating'>,
  layouts: SeatLayouts,
  hold: HoldRecord,
): Promise<HoldRecord> {
  const layout = await layouts.of(repos, hold.concertId);
  if (!layout) return hold;
  const byTier = new Map<string, SeatRef[]>();
  for (const index of await repos.seating.ofHold(hold.id)) {
    const seat = layout.seats[index];
    if (seat) byTier.set(seat.tier, [...(byTier.get(seat.tier) ?? []), seatRefOf(seat)]);
  }
  if (byTier.size === 0) return hold;
  return {
    ...hold,
    items: hold.items.map((item) => {
      const seats = byTier.get(item.code);
      return seats ? { ...item, seats } : item;
    }),
  };
}

/** A seated concert's seats as the availability stream sends them; undefined without seats. */
export async function readSeatStates(
  deps: { store: Pick<Store, 'seating'>; clock: Clock; seatLayouts: SeatLayouts },
  concertId: string,
): Promise<SeatStates | undefined> {
  const layout = await deps.seatLayouts.of(deps.store, concertId);
  if (!layout) return undefined;
  const { version, claims } = await deps.store.seating.claims(concertId, deps.clock.now());
  const codes = new Uint8Array(layout.seats.length);
  for (const claim of claims) {
    codes[claim.seat] = claim.sold ? SEAT_STATE_CODES.sold : SEAT_STATE_CODES.held;
  }
  return { version, codes };
}
