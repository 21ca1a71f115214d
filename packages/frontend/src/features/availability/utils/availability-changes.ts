import type { Tier } from '@ticket-booking/shared';
import { heldOut, isFewLeft } from './stock';

type TierCounts = Pick<Tier, 'code' | 'name' | 'total' | 'sold' | 'held' | 'available'>;

export type AvailabilityChange =
  | { tier: string; name: string; kind: 'sold-out' }
  | { tier: string; name: string; kind: 'all-held'; held: number }
  | { tier: string; name: string; kind: 'back'; available: number }
  | { tier: string; name: string; kind: 'few-left'; available: number };

/** Whether a shopper can buy the tier now, may be able to later, or never will. */
function saleState(tier: TierCounts): 'on-sale' | 'all-held' | 'sold-out' {
  if (tier.available > 0) return 'on-sale';
  return heldOut(tier) > 0 ? 'all-held' : 'sold-out';
}

/**
 * The changes worth telling a shopper who cannot see the counts move: a tier selling out, being
 * all held by other shoppers, coming back, or moving while only a few are left. A big tier going
 * from 1,840 to 1,838 is not news, nor is one more of an all-held tier's holds being bought.
 */
export function availabilityChanges(
  previous: readonly TierCounts[],
  next: readonly TierCounts[],
): AvailabilityChange[] {
  const before = new Map(previous.map((tier) => [tier.code, tier]));
  const changes: AvailabilityChange[] = [];
  for (const tier of next) {
    const was = before.get(tier.code);
    if (was === undefined) continue;
    const { code, name, available } = tier;
    const state = saleState(tier);
    if (state !== saleState(was)) {
      if (state === 'sold-out') changes.push({ tier: code, name, kind: 'sold-out' });
      else if (state === 'all-held') {
        changes.push({ tier: code, name, kind: 'all-held', held: heldOut(tier) });
      } else changes.push({ tier: code, name, kind: 'back', available });
    } else if (available !== was.available && isFewLeft(available, tier.total)) {
      changes.push({ tier: code, name, kind: 'few-left', available });
    }
  }
  return changes;
}

export function describeAvailabilityChange(change: AvailabilityChange): string {
  switch (change.kind) {
    case 'sold-out':
      return `${change.name} sold out`;
    case 'all-held':
      return `${change.name} all held: ${change.held.toLocaleString()} in checkout, tickets may come back`;
    case 'back':
      return `${change.name} available again: ${change.available.toLocaleString()} left`;
    case 'few-left':
      return `${change.name}: ${change.available.toLocaleString()} left`;
  }
}
