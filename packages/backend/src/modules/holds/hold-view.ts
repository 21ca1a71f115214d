import type { Hold, HoldPolicy } from '@ticket-booking/shared';
import { toIso } from '../../lib/clock.js';
import type { HoldRecord } from './holds.repo.js';

/** A hold as the shopper's checkout page is shown it, with the policy that runs its countdown. */
export function toHoldView(policy: HoldPolicy, hold: HoldRecord, now: number): Hold {
  const items = hold.items.map((item) => ({
    tier: item.code,
    name: item.name,
    quantity: item.quantity,
    unitPriceCents: item.unitPriceCents,
    ...(item.seats && { seats: item.seats }),
  }));
  return {
    concertId: hold.concertId,
    items,
    totalCents: items.reduce((sum, item) => sum + item.quantity * item.unitPriceCents, 0),
    currency: hold.items[0]?.currency ?? 'USD',
    createdAt: toIso(hold.createdAt),
    expiresAt: toIso(hold.expiresAt),
    deadlineAt: toIso(hold.deadlineAt),
    hardCapAt: toIso(hold.hardCapAt),
    lastActiveAt: toIso(hold.lastActiveAt),
    serverTime: toIso(now),
    heartbeatIntervalMs: policy.heartbeatIntervalMs,
    inactivityTimeoutMs: policy.inactivityTimeoutMs,
  };
}
