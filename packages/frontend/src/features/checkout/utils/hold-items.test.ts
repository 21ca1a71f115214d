import { describe, expect, it } from 'vitest';
import { itemsFromState, sameItems, shortfallsOf, trimToAvailable } from './hold-items';

describe('the items handed to checkout', () => {
  it('are read from router state when they are a valid order', () => {
    expect(itemsFromState({ items: [{ tier: 'vip', quantity: 2 }] })).toEqual([
      { tier: 'vip', quantity: 2 },
    ]);
  });

  it('are absent when the state is missing, empty or malformed', () => {
    expect(itemsFromState(null)).toBeNull();
    expect(itemsFromState(undefined)).toBeNull();
    expect(itemsFromState({ items: [] })).toBeNull();
    expect(itemsFromState({ items: [{ tier: 'vip', quantity: 0 }] })).toBeNull();
    expect(itemsFromState({ items: 'vip' })).toBeNull();
  });

  it('match a hold with the same quantities of the same tiers in any order', () => {
    const hold = [
      { tier: 'vip', quantity: 2 },
      { tier: 'ga', quantity: 1 },
    ];
    expect(
      sameItems(hold, [
        { tier: 'ga', quantity: 1 },
        { tier: 'vip', quantity: 2 },
      ]),
    ).toBe(true);
    expect(sameItems(hold, [{ tier: 'vip', quantity: 2 }])).toBe(false);
    expect(
      sameItems(hold, [
        { tier: 'vip', quantity: 3 },
        { tier: 'ga', quantity: 1 },
      ]),
    ).toBe(false);
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
