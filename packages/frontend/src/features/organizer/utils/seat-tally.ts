import type { PlanSeatEntry, SeatState } from '@ticket-booking/shared';

export type SeatTally = Record<SeatState, number>;

/** How many of each tier's seats are free, held and sold, tiers in the order their seats come. */
export function seatTally(
  seats: readonly PlanSeatEntry[],
  states: readonly SeatState[],
): Map<string, SeatTally> {
  const tally = new Map<string, SeatTally>();
  for (const seat of seats) {
    const counts = tally.get(seat.tier) ?? { free: 0, held: 0, sold: 0 };
    counts[states[seat.index] ?? 'free'] += 1;
    tally.set(seat.tier, counts);
  }
  return tally;
}
