import { describe, expect, it } from 'vitest';
import {
  bestSeats,
  buildSeatPlan,
  decodeSeatStates,
  encodeSeatStates,
  largestBlock,
  nearestSeats,
  planSeats,
  rowLabel,
  SeatPlanSchema,
  type CandidateSeat,
  type SeatState,
} from './seating.js';

/** One row of seats, free where the pattern has a dot: `..x..`. */
function row(pattern: string, rowIndex = 0, offset = 0): CandidateSeat[] {
  return Array.from(pattern, (char, i) => ({
    index: offset + i,
    rowIndex,
    x: i * 10,
    y: rowIndex * 12,
    free: char === '.',
  }));
}

const picked = (seats: CandidateSeat[] | undefined) => seats?.map((seat) => seat.index);

describe('a plan built from blocks of rows', () => {
  const plan = buildSeatPlan({
    curved: true,
    sections: [
      { name: 'Left', rows: 10, seatsPerRow: 12, zones: [{ tier: 'side', rows: 10 }] },
      {
        name: 'Centre',
        rows: 12,
        seatsPerRow: 20,
        aisleEvery: 10,
        zones: [
          { tier: 'front', rows: 3 },
          { tier: 'stalls', rows: 9 },
        ],
      },
      {
        name: 'Balcony',
        rows: 5,
        seatsPerRow: 40,
        zones: [{ tier: 'balcony', rows: 5 }],
        level: 1,
      },
    ],
  });
  const seats = planSeats(plan);

  it('has every seat once, with ids and tiers, inside the plan and clear of the stage', () => {
    expect(SeatPlanSchema.parse(plan)).toEqual(plan);
    expect(seats).toHaveLength(120 + 240 + 200);
    expect(new Set(seats.map((seat) => seat.id)).size).toBe(seats.length);
    expect(seats[0]).toMatchObject({ id: 'Left-A-1', section: 'Left', row: 'A', tier: 'side' });
    expect(seats.find((seat) => seat.id === 'Centre-D-1')?.tier).toBe('stalls');
    const stageBottom = (plan.stage?.y ?? 0) + (plan.stage?.height ?? 0);
    for (const seat of seats) {
      expect(seat.x).toBeGreaterThanOrEqual(0);
      expect(seat.x).toBeLessThanOrEqual(plan.width);
      expect(seat.y).toBeGreaterThan(stageBottom);
      expect(seat.y).toBeLessThanOrEqual(plan.height);
    }
  });

  it('puts the balcony behind the stalls', () => {
    const lowest = Math.max(...seats.filter((s) => s.section !== 'Balcony').map((s) => s.y));
    const balcony = Math.min(...seats.filter((s) => s.section === 'Balcony').map((s) => s.y));
    expect(balcony).toBeGreaterThan(lowest);
  });

  it('letters rows as printed, without I', () => {
    expect([0, 7, 8, 24, 25, 26].map(rowLabel)).toEqual(['A', 'H', 'J', 'Z', 'AA', 'AB']);
  });
});

describe('a seating plan uploaded as JSON', () => {
  const seat = { number: '1', x: 10, y: 10 };

  it.each([
    [
      'a seat twice',
      { rows: [{ label: 'A', tier: 'ga', seats: [seat, seat] }] },
      'Seat "S-A-1" appears more than once',
    ],
    ['a seat with no tier', { rows: [{ label: 'A', seats: [seat] }] }, 'has no tier'],
    [
      'a seat outside the plan',
      { rows: [{ label: 'A', tier: 'ga', seats: [{ number: '1', x: 500, y: 10 }] }] },
      'lies outside',
    ],
  ])('is refused with %s, naming it', (_, section, message) => {
    const result = SeatPlanSchema.safeParse({
      width: 100,
      height: 100,
      sections: [{ name: 'S', ...section }],
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.message).join()).toContain(message);
  });
});

describe("seats' states packed for the stream", () => {
  it('round-trips 20,000 seats in under 7 KB', () => {
    const states: SeatState[] = ['free', 'held', 'sold'];
    const taken = Array.from({ length: 20_000 }, (_, i): [number, SeatState] => [
      i,
      states[(i * 7) % 3] ?? 'free',
    ]);
    const encoded = encodeSeatStates(20_000, taken);

    expect(encoded.length).toBeLessThan(7_000);
    expect(decodeSeatStates(20_000, encoded)).toEqual(taken.map(([, state]) => state));
  });

  it.each([1, 2, 3, 4, 5, 13])('round-trips %i seats', (count) => {
    const taken: [number, SeatState][] = [[count - 1, 'sold']];
    const decoded = decodeSeatStates(count, encodeSeatStates(count, taken));
    expect(decoded.at(-1)).toBe('sold');
    expect(decoded.slice(0, -1).every((state) => state === 'free')).toBe(true);
  });
});

describe('the best seats together', () => {
  it('takes the first row with room, nearest its middle', () => {
    const seats = [...row('xxxxxxxx', 0), ...row('........', 1, 8)];
    expect(picked(bestSeats(seats, 2))).toEqual([11, 12]);
  });

  it('leaves no single seat stranded where another block can', () => {
    // Free 1–6: a block of 5 would strand one, so the next row.
    const seats = [...row('x......x', 0), ...row('........', 1, 8)];
    expect(picked(bestSeats(seats, 5))).toEqual([8, 9, 10, 11, 12]);
    expect(picked(bestSeats(seats, 4))).toEqual([1, 2, 3, 4]);
  });

  it('strands a seat when every block would', () => {
    expect(picked(bestSeats(row('x...x'), 2))).toEqual([1, 2]);
  });

  it('has none when no row has enough free seats together, and says the largest block', () => {
    const seats = [...row('..x..', 0), ...row('.x.x.', 1, 5)];
    expect(bestSeats(seats, 3)).toBeUndefined();
    expect(largestBlock(seats)).toBe(2);
  });

  it('offers the block nearest the seats asked for', () => {
    const seats = [...row('........', 0), ...row('xxxx....', 1, 8)];
    const near = nearestSeats(seats, 2, [{ x: 70, y: 12 }]);
    expect(picked(near)).toEqual([14, 15]);
  });
});
