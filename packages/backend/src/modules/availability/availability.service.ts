import type { AvailabilityEvent } from '@ticket-booking/shared';
import { availableTickets } from '@ticket-booking/shared';
import type { ServerResponse } from 'node:http';
import { toIso, type Clock } from '../../lib/clock.js';
import type { Store } from '../../db/store.js';
import { concertNotFound } from '../concerts/concerts.service.js';
import { readSeatStates, type SeatLayouts } from '../seating/seating.service.js';
import type { AvailabilityHub } from './availability.hub.js';

export interface AvailabilityDeps {
  store: Pick<Store, 'concerts' | 'seating'>;
  clock: Clock;
  hub: AvailabilityHub;
  seatLayouts: SeatLayouts;
}

/** The concert's counts as the stream sends them. */
export async function readAvailability(
  deps: { store: Pick<Store, 'concerts'>; clock: Clock },
  concertId: string,
): Promise<AvailabilityEvent | undefined> {
  const now = deps.clock.now();
  const record = await deps.store.concerts.availability(concertId, now);
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
export async function watchAvailability(
  deps: AvailabilityDeps,
  concertId: string,
  res: ServerResponse,
  lastEventId: number | undefined,
): Promise<void> {
  const current = await readAvailability(deps, concertId);
  if (!current) throw concertNotFound();
  const seats = await readSeatStates(deps, concertId);
  // Gone while its counts were read: no watcher to keep.
  if (res.closed || res.destroyed) return;
  deps.hub.subscribe(res, current, lastEventId, seats);
}
