import type { CheckoutItem, Tier } from '@ticket-booking/shared';

/** How many tickets of each tier (by code) the shopper has picked. */
export type Quantities = Readonly<Record<string, number>>;

export type SelectionAdjustment =
  | { tier: string; name: string; kind: 'removed' }
  | { tier: string; name: string; kind: 'lowered'; available: number };

export function ticketCount(quantities: Quantities): number {
  return Object.values(quantities).reduce((sum, quantity) => sum + quantity, 0);
}

/**
 * The most of `tier` the shopper may pick: no more than is left of it, and no more than the
 * per-order limit leaves after the other tiers.
 */
export function maxQuantityFor(
  tier: Pick<Tier, 'code' | 'available'>,
  quantities: Quantities,
  maxTicketsPerOrder: number,
): number {
  const others = ticketCount(quantities) - (quantities[tier.code] ?? 0);
  return Math.max(0, Math.min(tier.available, maxTicketsPerOrder - others));
}

/**
 * The selection brought within what is left after the counts changed, and what had to give.
 * Quantities are only ever lowered: a tier that comes back is not put back in the basket.
 */
export function fitSelection(
  quantities: Quantities,
  tiers: readonly Pick<Tier, 'code' | 'name' | 'available'>[],
): { quantities: Quantities; adjustments: SelectionAdjustment[] } {
  const fitted: Record<string, number> = {};
  const adjustments: SelectionAdjustment[] = [];
  for (const tier of tiers) {
    const wanted = quantities[tier.code] ?? 0;
    if (wanted === 0) continue;
    if (wanted <= tier.available) {
      fitted[tier.code] = wanted;
    } else if (tier.available === 0) {
      adjustments.push({ tier: tier.code, name: tier.name, kind: 'removed' });
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

export function describeAdjustment(adjustment: SelectionAdjustment): string {
  return adjustment.kind === 'removed'
    ? `${adjustment.name} just sold out — removed from your selection`
    : `Only ${adjustment.available} ${adjustment.name} left — we lowered your selection`;
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
