import { describe, expect, it } from 'vitest';
import { availabilityChanges, describeAvailabilityChange } from './availability-changes';

/** A tier with `available` left and `held` in checkouts; the rest is sold. */
function tier(code: string, name: string, total: number, available: number, held = 0) {
  return { code, name, total, sold: total - available - held, held, available };
}
const vip = (available: number, held = 0) => tier('vip', 'VIP', 60, available, held);
const ga = (available: number) => tier('ga', 'General Admission', 2000, available);

function described(previous: ReturnType<typeof vip>[], next: ReturnType<typeof vip>[]) {
  return availabilityChanges(previous, next).map(describeAvailabilityChange);
}

describe('availability changes worth announcing', () => {
  it('says when a tier sells out', () => {
    expect(described([vip(2)], [vip(0)])).toEqual(['VIP sold out']);
  });

  it('says when a sold-out tier comes back', () => {
    expect(described([vip(0)], [vip(2)])).toEqual(['VIP available again: 2 left']);
  });

  it('says a tier whose last tickets are held is all held, not sold out', () => {
    expect(described([vip(2)], [vip(0, 2)])).toEqual([
      'VIP all held: 2 in checkout, tickets may come back',
    ]);
  });

  it('says when all-held tickets come back, and when they are bought after all', () => {
    expect(described([vip(0, 2)], [vip(2)])).toEqual(['VIP available again: 2 left']);
    expect(described([vip(0, 2)], [vip(0)])).toEqual(['VIP sold out']);
  });

  it('stays quiet while an all-held tier’s holds are bought one by one', () => {
    expect(described([vip(0, 3)], [vip(0, 2)])).toEqual([]);
  });

  it('says how many are left when only a few are', () => {
    expect(described([vip(4)], [vip(3)])).toEqual(['VIP: 3 left']);
    expect(described([ga(101)], [ga(99)])).toEqual(['General Admission: 99 left']);
  });

  it('stays quiet about tiers with plenty left, and tiers that did not change', () => {
    expect(described([ga(1840), vip(3)], [ga(1838), vip(3)])).toEqual([]);
  });
});
