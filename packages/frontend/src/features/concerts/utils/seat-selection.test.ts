import { planSeats, type SeatState } from '@ticket-booking/shared';
import { describe, expect, it } from 'vitest';
import { SEAT_COUNT, SEAT_PLAN } from '../../../test/fixtures';
import { seatsInPlanOrder, seatsTogether, withoutTakenSeats } from './seat-selection';

const seats = planSeats(SEAT_PLAN);
const seatsById = new Map(seats.map((seat) => [seat.id, seat]));

function statesWith(taken: Record<number, SeatState> = {}): SeatState[] {
  return Array.from({ length: SEAT_COUNT }, (_, index) => taken[index] ?? 'free');
}

describe('withoutTakenSeats', () => {
  it('keeps the very same picks while none was taken', () => {
    const picked = new Set(['Stalls-A-2', 'Stalls-B-1']);

    const fitted = withoutTakenSeats(picked, statesWith({ 0: 'sold' }), seatsById);

    expect(fitted.picked).toBe(picked);
    expect(fitted.taken).toEqual([]);
  });

  it('drops picks another shopper holds or bought, and seats the plan does not have', () => {
    const picked = new Set(['Stalls-B-1', 'Stalls-A-2', 'Stalls-A-3', 'Nowhere-Z-9']);

    const fitted = withoutTakenSeats(picked, statesWith({ 1: 'held', 4: 'sold' }), seatsById);

    expect([...fitted.picked]).toEqual(['Stalls-A-3']);
    expect(fitted.taken.map((seat) => seat.id)).toEqual(['Stalls-A-2', 'Stalls-B-1']);
  });
});

describe('seatsInPlanOrder', () => {
  it('reads picks back in plan order, whatever order they were picked in', () => {
    const picked = new Set(['Stalls-B-2', 'Stalls-A-4', 'Stalls-A-1']);

    expect(seatsInPlanOrder(picked, seatsById).map((seat) => seat.id)).toEqual([
      'Stalls-A-1',
      'Stalls-A-4',
      'Stalls-B-2',
    ]);
  });
});

describe('seatsTogether', () => {
  it('counts the most free seats side by side in one row of each tier', () => {
    // Row A (Stalls): free, free, sold, free. Row B (Circle): all free.
    expect(seatsTogether(seats, statesWith({ 2: 'sold' }))).toEqual(
      new Map([
        ['stalls', 2],
        ['circle', 4],
      ]),
    );
    expect(
      seatsTogether(seats, statesWith({ 0: 'held', 1: 'held', 2: 'held', 3: 'held' })),
    ).toEqual(
      new Map([
        ['stalls', 0],
        ['circle', 4],
      ]),
    );
  });
});
