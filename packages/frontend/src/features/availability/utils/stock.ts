import type { AvailabilityTier, Tier } from '@ticket-booking/shared';

const FEW_LEFT_COUNT = 20;
const FEW_LEFT_SHARE = 0.05;

/**
 * Whether so few tickets are left that it is worth saying: at most 20, or at most 5 % of the
 * capacity (so a 2,000-seat floor with 90 left counts too).
 */
export function isFewLeft(available: number, capacity: number): boolean {
  return available > 0 && (available <= FEW_LEFT_COUNT || available <= capacity * FEW_LEFT_SHARE);
}

/** What is left in a tier, in words: "Sold out", "Only 3 left", "1,840 left". */
export function availabilityLabel(available: number, total: number): string {
  if (available === 0) return 'Sold out';
  const count = available.toLocaleString();
  return isFewLeft(available, total) ? `Only ${count} left` : `${count} left`;
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
