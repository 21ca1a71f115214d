import type { Concert } from '@ticket-booking/shared';
import { heldOut, isFewLeft } from '../../availability';

export type SaleStatus =
  | { kind: 'sold-out' }
  | { kind: 'all-held'; held: number }
  | { kind: 'few-left'; available: number }
  | { kind: 'selling-fast' }
  | { kind: 'on-sale' };

/**
 * How a concert is selling, across all its tiers, for the badge on the list. With nothing left
 * it is sold out only once no ticket is held: held tickets may still come back.
 */
export function saleStatus(concert: Pick<Concert, 'tiers'>): SaleStatus {
  let capacity = 0;
  let available = 0;
  let taken = 0;
  let held = 0;
  for (const tier of concert.tiers) {
    capacity += tier.total;
    available += tier.available;
    taken += tier.sold + tier.held;
    held += heldOut(tier);
  }
  if (available === 0) return held > 0 ? { kind: 'all-held', held } : { kind: 'sold-out' };
  if (isFewLeft(available, capacity)) return { kind: 'few-left', available };
  if (taken >= capacity / 2) return { kind: 'selling-fast' };
  return { kind: 'on-sale' };
}

/** The cheapest and dearest tier prices, or null for a concert without tiers. */
export function priceRange(
  concert: Pick<Concert, 'tiers'>,
): { minCents: number; maxCents: number; currency: string } | null {
  const [first, ...rest] = concert.tiers;
  if (!first) return null;
  let minCents = first.priceCents;
  let maxCents = first.priceCents;
  for (const tier of rest) {
    minCents = Math.min(minCents, tier.priceCents);
    maxCents = Math.max(maxCents, tier.priceCents);
  }
  return { minCents, maxCents, currency: first.currency };
}
