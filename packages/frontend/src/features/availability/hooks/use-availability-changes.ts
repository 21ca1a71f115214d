import type { Tier } from '@ticket-booking/shared';
import { useState } from 'react';
import { availabilityChanges, type AvailabilityChange } from '../utils/availability-changes';

/**
 * What changed in the last update of `tiers` (compared by identity, so memoize them). Each update
 * gives a new array, even an empty one, so an effect sees every batch exactly once.
 */
export function useAvailabilityChanges(tiers: readonly Tier[]): readonly AvailabilityChange[] {
  const [seen, setSeen] = useState(tiers);
  const [changes, setChanges] = useState<readonly AvailabilityChange[]>([]);
  // Comparing with the previous render's tiers is state derived while rendering, as React
  // recommends (react.dev/learn/you-might-not-need-an-effect), rather than an effect that renders twice.
  if (tiers !== seen) {
    setSeen(tiers);
    setChanges(availabilityChanges(seen, tiers));
  }
  return changes;
}
