import type { AvailabilityTier, Tier } from '@ticket-booking/shared';

const FEW_LEFT_COUNT = 20;
const FEW_LEFT_SHARE = 0.05;

export type Stock = Pick<Tier, 'total' | 'sold' | 'held' | 'available'>;

/**
 * Whether so few tickets are left that it is worth saying: at most 20, or at most 5 % of the
 * capacity (so a 2,000-seat floor with 90 left counts too).
 */
export function isFewLeft(available: number, capacity: number): boolean {
  return available > 0 && (available <= FEW_LEFT_COUNT || available <= capacity * FEW_LEFT_SHARE);
}

/**
 * How many tickets of a tier with none left are only held in shoppers' checkouts, and so may
 * come back when a hold ends: 0 while some are left, and 0 once every ticket is sold. Held
 * tickets beyond a capacity lowered under them would not come back, so they do not count.
 */
export function heldOut(stock: Stock): number {
  if (stock.available > 0) return 0;
  return Math.max(0, Math.min(stock.held, stock.total - stock.sold));
}

/** What is left in a tier, in words: "Sold out", "All held", "Only 3 left", "1,840 left". */
export function availabilityLabel(stock: Stock): string {
  if (stock.available === 0) return heldOut(stock) > 0 ? 'All held' : 'Sold out';
  const count = stock.available.toLocaleString();
  return isFewLeft(stock.available, stock.total) ? `Only ${count} left` : `${count} left`;
}

/** Why "All held" need not be the end: "3 held in checkout — tickets may come back". */
export function heldOutNote(held: number): string {
  return `${held.toLocaleString()} held in checkout — tickets may come back`;
}

/**
 * The concert's tiers with the stream's counts where it has them. Names and prices only come
 * with the concert, so a tier the stream names but the concert does not is left out.
 */
export function withLiveCounts(tiers: Tier[], live: AvailabilityTier[] | null): Tier[] {
  if (!live) return tiers;
  const counts = new Map(live.map((tier) => [tier.code, tier]));
  return tiers.map((tier) => {
    const count = counts.get(tier.code);
    return count
      ? {
          ...tier,
          total: count.total,
          sold: count.sold,
          held: count.held,
          available: count.available,
        }
      : tier;
  });
}
