import type { HoldItem } from '@ticket-booking/shared';
import { describe, expect, it } from 'vitest';
import {
  checkoutRequest,
  chosenFromHold,
  chosenFromState,
  holdsChosen,
  shortfallsOf,
  trimToAvailable,
} from './hold-items';

function seat(row: string, number: string) {
  return {
    id: `Stalls-${row}-${number}`,
    section: 'Stalls',
    row,
    number,
    label: `Section Stalls, Row ${row}, Seat ${number}`,
  };
}

const STALLS_B_4_5: HoldItem = {
  tier: 'stalls',
  name: 'Stalls',
  quantity: 2,
  unitPriceCents: 4_500,
  seats: [seat('B', '4'), seat('B', '5')],
};
const GA_1: HoldItem = { tier: 'ga', name: 'GA', quantity: 1, unitPriceCents: 2_000 };

describe('the tickets handed to checkout', () => {
  it('are read from router state when they are a valid order, by quantity or by seat', () => {
    expect(chosenFromState({ items: [{ tier: 'vip', quantity: 2 }] })).toEqual({
      items: [{ tier: 'vip', quantity: 2 }],
      seats: [],
    });
    expect(chosenFromState({ items: [], seats: ['Stalls-B-4'] })).toEqual({
      items: [],
      seats: ['Stalls-B-4'],
    });
  });

  it('are absent when the state is missing, empty or malformed', () => {
    expect(chosenFromState(null)).toBeNull();
    expect(chosenFromState(undefined)).toBeNull();
    expect(chosenFromState({ items: [] })).toBeNull();
    expect(chosenFromState({ items: [], seats: [] })).toBeNull();
    expect(chosenFromState({ items: [{ tier: 'vip', quantity: 0 }] })).toBeNull();
    expect(chosenFromState({ items: 'vip' })).toBeNull();
    expect(chosenFromState({ items: [], seats: [''] })).toBeNull();
  });

  it('ask for seats only when some were picked', () => {
    expect(checkoutRequest('c', { items: [{ tier: 'ga', quantity: 1 }], seats: [] })).toEqual({
      concertId: 'c',
      items: [{ tier: 'ga', quantity: 1 }],
    });
    expect(checkoutRequest('c', { items: [], seats: ['Stalls-B-4'] })).toEqual({
      concertId: 'c',
      items: [],
      seats: ['Stalls-B-4'],
    });
  });
});

describe('whether a hold holds what was chosen', () => {
  it('matches the same quantities of the same tiers in any order', () => {
    const hold = [{ tier: 'vip', name: 'VIP', quantity: 2, unitPriceCents: 1 }, GA_1];
    const chosen = (items: { tier: string; quantity: number }[]) => ({ items, seats: [] });

    expect(
      holdsChosen(
        hold,
        chosen([
          { tier: 'ga', quantity: 1 },
          { tier: 'vip', quantity: 2 },
        ]),
      ),
    ).toBe(true);
    expect(holdsChosen(hold, chosen([{ tier: 'vip', quantity: 2 }]))).toBe(false);
    expect(
      holdsChosen(
        hold,
        chosen([
          { tier: 'vip', quantity: 3 },
          { tier: 'ga', quantity: 1 },
        ]),
      ),
    ).toBe(false);
  });

  it('matches the very seats picked, and no others', () => {
    const hold = [STALLS_B_4_5, GA_1];
    const items = [{ tier: 'ga', quantity: 1 }];

    expect(holdsChosen(hold, { items, seats: ['Stalls-B-5', 'Stalls-B-4'] })).toBe(true);
    expect(holdsChosen(hold, { items, seats: ['Stalls-B-4', 'Stalls-B-6'] })).toBe(false);
    expect(holdsChosen(hold, { items, seats: ['Stalls-B-4'] })).toBe(false);
    expect(holdsChosen(hold, { items, seats: ['Stalls-B-4', 'Stalls-B-5', 'Stalls-B-6'] })).toBe(
      false,
    );
  });

  it('matches best available by how many seats it found in the tier', () => {
    expect(
      holdsChosen([STALLS_B_4_5], { items: [{ tier: 'stalls', quantity: 2 }], seats: [] }),
    ).toBe(true);
    expect(
      holdsChosen([STALLS_B_4_5], { items: [{ tier: 'stalls', quantity: 3 }], seats: [] }),
    ).toBe(false);
  });

  it('reads a hold back as a choice that holds the same tickets again', () => {
    const chosen = chosenFromHold({ items: [STALLS_B_4_5, GA_1] });

    expect(chosen).toEqual({
      items: [{ tier: 'ga', quantity: 1 }],
      seats: ['Stalls-B-4', 'Stalls-B-5'],
    });
    expect(holdsChosen([STALLS_B_4_5, GA_1], chosen)).toBe(true);
  });
});

describe('an order cut down to what is left', () => {
  it('keeps tiers that were fine, shrinks short ones and drops sold-out ones', () => {
    const items = [
      { tier: 'vip', quantity: 3 },
      { tier: 'front-row', quantity: 2 },
      { tier: 'ga', quantity: 4 },
    ];
    const shortfalls = shortfallsOf([
      { tier: 'vip', requested: 3, available: 1 },
      { tier: 'front-row', requested: 2, available: 0 },
    ]);

    expect(trimToAvailable(items, shortfalls)).toEqual([
      { tier: 'vip', quantity: 1 },
      { tier: 'ga', quantity: 4 },
    ]);
  });

  it('finds no shortfalls in details it does not understand', () => {
    expect(shortfallsOf(undefined)).toEqual([]);
    expect(shortfallsOf([{ field: 'items' }])).toEqual([]);
  });
});
