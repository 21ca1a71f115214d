import { describe, expect, it } from 'vitest';
import { availabilityChanges, describeAvailabilityChange } from './availability-changes';

const vip = (available: number) => ({ code: 'vip', name: 'VIP', total: 60, available });
const ga = (available: number) => ({
  code: 'ga',
  name: 'General Admission',
  total: 2000,
  available,
});

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

  it('says how many are left when only a few are', () => {
    expect(described([vip(4)], [vip(3)])).toEqual(['VIP: 3 left']);
    expect(described([ga(101)], [ga(99)])).toEqual(['General Admission: 99 left']);
  });

  it('stays quiet about tiers with plenty left, and tiers that did not change', () => {
    expect(described([ga(1840), vip(3)], [ga(1838), vip(3)])).toEqual([]);
  });
});
