import type { PlanSeatEntry, SeatState, Tier } from '@ticket-booking/shared';

/**
 * The picked seats another shopper has not taken, and those they took, in plan order. Seats the
 * plan does not have go too, unnoticed. The same set comes back when nothing went, so a map
 * given it draws nothing again.
 */
export function withoutTakenSeats(
  picked: ReadonlySet<string>,
  states: readonly SeatState[],
  seatsById: ReadonlyMap<string, PlanSeatEntry>,
): { picked: ReadonlySet<string>; taken: PlanSeatEntry[] } {
  const kept = new Set<string>();
  const taken: PlanSeatEntry[] = [];
  for (const id of picked) {
    const seat = seatsById.get(id);
    if (!seat) continue;
    if ((states[seat.index] ?? 'free') === 'free') kept.add(id);
    else taken.push(seat);
  }
  taken.sort((a, b) => a.index - b.index);
  return { picked: kept.size === picked.size ? picked : kept, taken };
}

/** The picked seats the plan has, in plan order: how the shopper reads them back. */
export function seatsInPlanOrder(
  picked: ReadonlySet<string>,
  seatsById: ReadonlyMap<string, PlanSeatEntry>,
): PlanSeatEntry[] {
  return [...picked].flatMap((id) => seatsById.get(id) ?? []).sort((a, b) => a.index - b.index);
}

export function seatsTotalCents(
  seats: readonly Pick<PlanSeatEntry, 'tier'>[],
  tiers: readonly Pick<Tier, 'code' | 'priceCents'>[],
): number {
  const prices = new Map(tiers.map((tier) => [tier.code, tier.priceCents]));
  return seats.reduce((sum, seat) => sum + (prices.get(seat.tier) ?? 0), 0);
}

/**
 * The most free seats side by side in one row, per tier: the most "best available" can find
 * together. Counted as the server counts them, over each tier's own seats in plan order.
 */
export function seatsTogether(
  seats: readonly PlanSeatEntry[],
  states: readonly SeatState[],
): ReadonlyMap<string, number> {
  const runs = new Map<string, { row: number; run: number; most: number }>();
  for (const seat of seats) {
    const tier = runs.get(seat.tier) ?? { row: seat.rowIndex, run: 0, most: 0 };
    if (tier.row !== seat.rowIndex) {
      tier.row = seat.rowIndex;
      tier.run = 0;
    }
    tier.run = (states[seat.index] ?? 'free') === 'free' ? tier.run + 1 : 0;
    tier.most = Math.max(tier.most, tier.run);
    runs.set(seat.tier, tier);
  }
  return new Map([...runs].map(([tier, { most }]) => [tier, most]));
}

/** "Section Left, Row A, Seat 2 was just taken by another shopper — removed from your selection". */
export function describeTakenSeat(label: string): string {
  return `${label} was just taken by another shopper — removed from your selection`;
}
