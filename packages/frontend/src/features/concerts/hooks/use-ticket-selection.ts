import type { Tier } from '@ticket-booking/shared';
import { useState } from 'react';
import {
  currentAdjustments,
  describeAdjustment,
  fitSelection,
  maxQuantityFor,
  type Quantities,
  type SelectionAdjustment,
} from '../utils/ticket-selection';

/**
 * The tickets picked by quantity on a concert page (in a seated tier, the seats "best available"
 * finds), kept within what is left as `tiers` change (compare by identity, so memoize them) and
 * within the per-order limit, which the `seats` picked on the map count against too. `initial`:
 * the quantities to start from, as when the shopper comes back from checkout to choose again.
 *
 * `notices` says, per tier, why the selection was lowered, until the shopper changes that tier or
 * it is no longer true (the tickets came back). `adjustments` is what the last change of `tiers`
 * did: a new array each time, for announcing.
 */
export function useTicketSelection(
  tiers: readonly Tier[],
  maxTicketsPerOrder: number,
  { seats = 0, initial = {} }: { seats?: number; initial?: Quantities } = {},
) {
  const [quantities, setQuantities] = useState<Quantities>(initial);
  const [noticed, setNoticed] = useState<Readonly<Record<string, SelectionAdjustment>>>({});
  const [adjustments, setAdjustments] = useState<readonly SelectionAdjustment[]>([]);
  const [seenTiers, setSeenTiers] = useState(tiers);

  // Fitting the selection to new counts while rendering (not in an effect) means no frame ever
  // shows a quantity larger than what is left.
  if (tiers !== seenTiers) {
    setSeenTiers(tiers);
    const fitted = fitSelection(quantities, tiers);
    setAdjustments(fitted.adjustments);
    if (fitted.adjustments.length > 0) setQuantities(fitted.quantities);
    setNoticed((current) => ({
      ...currentAdjustments(current, tiers),
      ...Object.fromEntries(fitted.adjustments.map((a) => [a.tier, a])),
    }));
  }

  const notices = Object.fromEntries(
    Object.entries(noticed).map(([code, adjustment]) => [code, describeAdjustment(adjustment)]),
  );

  function maxFor(tier: Tier): number {
    return maxQuantityFor(tier, quantities, maxTicketsPerOrder, seats);
  }

  /** `seatsLeft`: the seats picked on the map once this change is made, if it lets some go. */
  function setQuantity(tier: Tier, quantity: number, seatsLeft = seats) {
    setQuantities((current) => {
      const bounded = Math.max(
        0,
        Math.min(
          Math.trunc(quantity),
          maxQuantityFor(tier, current, maxTicketsPerOrder, seatsLeft),
        ),
      );
      return { ...current, [tier.code]: bounded };
    });
    setNoticed((current) => {
      if (!(tier.code in current)) return current;
      return Object.fromEntries(Object.entries(current).filter(([code]) => code !== tier.code));
    });
  }

  return { quantities, notices, adjustments, maxFor, setQuantity };
}
