import type { Tier } from '@ticket-booking/shared';
import { isFewLeft } from './stock';

type TierCounts = Pick<Tier, 'code' | 'name' | 'total' | 'available'>;

export type AvailabilityChange =
  | { tier: string; name: string; kind: 'sold-out' }
  | { tier: string; name: string; kind: 'back'; available: number }
  | { tier: string; name: string; kind: 'few-left'; available: number };

/**
 * The changes worth telling a shopper who cannot see the counts move: a tier selling out, coming
 * back, or moving while only a few are left. A big tier going from 1,840 to 1,838 is not news.
 */
export function availabilityChanges(
  previous: readonly TierCounts[],
  next: readonly TierCounts[],
): AvailabilityChange[] {
  const before = new Map(previous.map((tier) => [tier.code, tier.available]));
  const changes: AvailabilityChange[] = [];
  for (const tier of next) {
    const was = before.get(tier.code);
    if (was === undefined || was === tier.available) continue;
    const { code, name, available } = tier;
    if (available === 0) changes.push({ tier: code, name, kind: 'sold-out' });
    else if (was === 0) changes.push({ tier: code, name, kind: 'back', available });
    else if (isFewLeft(available, tier.total)) {
      changes.push({ tier: code, name, kind: 'few-left', available });
    }
  }
  return changes;
}

export function describeAvailabilityChange(change: AvailabilityChange): string {
  switch (change.kind) {
    case 'sold-out':
      return `${change.name} sold out`;
    case 'back':
      return `${change.name} available again: ${change.available.toLocaleString()} left`;
    case 'few-left':
      return `${change.name}: ${change.available.toLocaleString()} left`;
  }
}
