import type { CheckoutItem, Tier } from '@ticket-booking/shared';
import { heldOut } from '../../availability';

/** How many tickets of each tier (by code) the shopper has picked. */
export type Quantities = Readonly<Record<string, number>>;

export type SelectionAdjustment =
  /** `held`: how many of the tier are held in checkouts, and so may come back. */
  | { tier: string; name: string; kind: 'removed'; held: number }
  | { tier: string; name: string; kind: 'lowered'; available: number };

type TierCounts = Pick<Tier, 'code' | 'name' | 'total' | 'sold' | 'held' | 'available'>;

export function ticketCount(quantities: Quantities): number {
  return Object.values(quantities).reduce((sum, quantity) => sum + quantity, 0);
}

/**
 * The most of `tier` the shopper may pick: no more than is left of it, and no more than the
 * per-order limit leaves after the other tiers and the `seats` picked on the map.
 */
export function maxQuantityFor(
  tier: Pick<Tier, 'code' | 'available'>,
  quantities: Quantities,
  maxTicketsPerOrder: number,
  seats = 0,
): number {
  const others = ticketCount(quantities) - (quantities[tier.code] ?? 0) + seats;
  return Math.max(0, Math.min(tier.available, maxTicketsPerOrder - others));
}

/**
 * The selection brought within what is left after the counts changed, and what had to give.
 * Quantities are only ever lowered: a tier that comes back is not put back in the basket.
 */
export function fitSelection(
  quantities: Quantities,
  tiers: readonly TierCounts[],
): { quantities: Quantities; adjustments: SelectionAdjustment[] } {
  const fitted: Record<string, number> = {};
  const adjustments: SelectionAdjustment[] = [];
  for (const tier of tiers) {
    const wanted = quantities[tier.code] ?? 0;
    if (wanted === 0) continue;
    if (wanted <= tier.available) {
      fitted[tier.code] = wanted;
    } else if (tier.available === 0) {
      adjustments.push({ tier: tier.code, name: tier.name, kind: 'removed', held: heldOut(tier) });
    } else {
      fitted[tier.code] = tier.available;
      adjustments.push({
        tier: tier.code,
        name: tier.name,
        kind: 'lowered',
        available: tier.available,
      });
    }
  }
  return { quantities: fitted, adjustments };
}

/**
 * The adjustments still worth showing now that the counts are `tiers`, told as they stand now:
 * one whose tickets came back is no longer true and goes; a tier that was all held and is now
 * sold out says so.
 */
export function currentAdjustments(
  adjustments: Readonly<Record<string, SelectionAdjustment>>,
  tiers: readonly TierCounts[],
): Record<string, SelectionAdjustment> {
  const current: Record<string, SelectionAdjustment> = {};
  for (const tier of tiers) {
    const adjustment = adjustments[tier.code];
    if (!adjustment) continue;
    if (adjustment.kind === 'removed' && tier.available === 0) {
      current[tier.code] = { ...adjustment, held: heldOut(tier) };
    } else if (adjustment.kind === 'lowered' && tier.available <= adjustment.available) {
      current[tier.code] = adjustment;
    }
  }
  return current;
}

export function describeAdjustment(adjustment: SelectionAdjustment): string {
  if (adjustment.kind === 'lowered') {
    return `Only ${adjustment.available} ${adjustment.name} left — we lowered your selection`;
  }
  return adjustment.held > 0
    ? `${adjustment.name} is all held by other shoppers — removed from your selection; tickets may come back`
    : `${adjustment.name} just sold out — removed from your selection`;
}

/** What to check out, in the concert's tier order, leaving out tiers not picked. */
export function checkoutItems(
  quantities: Quantities,
  tiers: readonly Pick<Tier, 'code'>[],
): CheckoutItem[] {
  return tiers.flatMap((tier) => {
    const quantity = quantities[tier.code] ?? 0;
    return quantity > 0 ? [{ tier: tier.code, quantity }] : [];
  });
}

export function selectionTotalCents(
  quantities: Quantities,
  tiers: readonly Pick<Tier, 'code' | 'priceCents'>[],
): number {
  return tiers.reduce((sum, tier) => sum + (quantities[tier.code] ?? 0) * tier.priceCents, 0);
}
