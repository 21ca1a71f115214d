import { describe, expect, it } from 'vitest';
import { tierFixture } from '../../../test/fixtures';
import {
  checkoutItems,
  currentAdjustments,
  describeAdjustment,
  fitSelection,
  maxQuantityFor,
  selectionTotalCents,
} from './ticket-selection';

const vip = tierFixture({ code: 'vip', name: 'VIP', priceCents: 24_900, total: 60, sold: 55 });
const ga = tierFixture({ code: 'ga', name: 'General Admission', priceCents: 6_900, total: 2000 });

describe('maxQuantityFor', () => {
  it('is what is left of the tier when the order limit allows more', () => {
    expect(maxQuantityFor(vip, {}, 10)).toBe(5);
  });

  it('is what the order limit leaves after the other tiers', () => {
    expect(maxQuantityFor(ga, { vip: 4, ga: 2 }, 10)).toBe(6);
    expect(maxQuantityFor(vip, { ga: 10 }, 10)).toBe(0);
  });
});

describe('fitSelection', () => {
  it('keeps a selection that still fits, and says nothing', () => {
    expect(fitSelection({ vip: 5, ga: 2 }, [vip, ga])).toEqual({
      quantities: { vip: 5, ga: 2 },
      adjustments: [],
    });
  });

  it('removes a tier that sold out and lowers one with fewer left than picked', () => {
    const fitted = fitSelection({ vip: 3, ga: 4 }, [
      { ...vip, available: 0 },
      { ...ga, available: 2 },
    ]);

    expect(fitted.quantities).toEqual({ ga: 2 });
    expect(fitted.adjustments).toEqual([
      { tier: 'vip', name: 'VIP', kind: 'removed', held: 0 },
      { tier: 'ga', name: 'General Admission', kind: 'lowered', available: 2 },
    ]);
  });

  it('says a removed tier whose last tickets are only held may come back', () => {
    const fitted = fitSelection({ vip: 3 }, [{ ...vip, held: 5, available: 0 }]);

    expect(fitted.adjustments).toEqual([{ tier: 'vip', name: 'VIP', kind: 'removed', held: 5 }]);
    expect(fitted.adjustments.map(describeAdjustment)).toEqual([
      'VIP is all held by other shoppers — removed from your selection; tickets may come back',
    ]);
  });
});

describe('currentAdjustments', () => {
  const removed = { tier: 'vip', name: 'VIP', kind: 'removed', held: 5 } as const;
  const lowered = { tier: 'ga', name: 'General Admission', kind: 'lowered', available: 2 } as const;

  it('keeps what is still true', () => {
    expect(
      currentAdjustments({ vip: removed, ga: lowered }, [
        { ...vip, held: 5, available: 0 },
        { ...ga, available: 1 },
      ]),
    ).toEqual({ vip: removed, ga: lowered });
  });

  it('drops what is no longer true once the tickets come back', () => {
    expect(
      currentAdjustments({ vip: removed, ga: lowered }, [
        { ...vip, available: 2 },
        { ...ga, available: 3 },
      ]),
    ).toEqual({});
  });

  it('tells a removed tier that went from all held to sold out as sold out', () => {
    const now = currentAdjustments({ vip: removed }, [{ ...vip, sold: 60, available: 0 }]);

    expect(now).toEqual({ vip: { ...removed, held: 0 } });
    expect(describeAdjustment(now.vip!)).toBe('VIP just sold out — removed from your selection');
  });
});

describe('checkout items and total', () => {
  it('lists picked tiers in the concert’s order and adds up their prices', () => {
    const quantities = { ga: 3, vip: 2, 'front-row': 0 };

    expect(checkoutItems(quantities, [vip, ga])).toEqual([
      { tier: 'vip', quantity: 2 },
      { tier: 'ga', quantity: 3 },
    ]);
    expect(selectionTotalCents(quantities, [vip, ga])).toBe(2 * 24_900 + 3 * 6_900);
  });
});
