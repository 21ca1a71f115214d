import type { AvailabilityEvent } from '@ticket-booking/shared';
import { availableTickets } from '@ticket-booking/shared';
import type { ServerResponse } from 'node:http';
import { toIso, type Clock } from '../../lib/clock.js';
import type { ConcertsRepo } from '../concerts/concerts.repo.js';
import { concertNotFound } from '../concerts/concerts.service.js';
import type { AvailabilityHub } from './availability.hub.js';

export interface AvailabilityDeps {
  clock: Clock;
  concerts: ConcertsRepo;
  hub: AvailabilityHub;
}

/** The concert's counts as the stream sends them. */
export function readAvailability(
  deps: Omit<AvailabilityDeps, 'hub'>,
  concertId: string,
): AvailabilityEvent | undefined {
  const now = deps.clock.now();
  const record = deps.concerts.availability(concertId, now);
  return (
    record && {
      concertId,
      version: record.version,
      tiers: record.tiers.map((tier) => ({
        code: tier.code,
        total: tier.total,
        sold: tier.sold,
        held: tier.held,
        available: availableTickets(tier),
      })),
      serverTime: toIso(now),
    }
  );
}

/** Starts streaming a concert's availability to one client. */
export function watchAvailability(
  deps: AvailabilityDeps,
  concertId: string,
  res: ServerResponse,
  lastEventId: number | undefined,
): void {
  const current = readAvailability(deps, concertId);
  if (!current) throw concertNotFound();
  deps.hub.subscribe(res, current, lastEventId);
}
