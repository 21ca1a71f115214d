import { availableTickets, type Concert, type Tier } from '@ticket-booking/shared';
import { AppError } from '../../lib/app-error.js';
import { toIso, type Clock } from '../../lib/clock.js';
import type { ConcertRecord, ConcertsRepo, TierRecord } from './concerts.repo.js';

export interface ConcertsDeps {
  clock: Clock;
  concerts: ConcertsRepo;
  limits: { maxTicketsPerOrder: number };
}

export function concertNotFound(): AppError {
  return new AppError('CONCERT_NOT_FOUND', 'There is no such concert.', 404);
}

/** A tier as the API shows it, with what is available now. */
export function toTierView(tier: TierRecord): Tier {
  return {
    code: tier.code,
    name: tier.name,
    priceCents: tier.priceCents,
    currency: tier.currency,
    total: tier.total,
    sold: tier.sold,
    held: tier.held,
    available: availableTickets(tier),
  };
}

function toConcertView(deps: ConcertsDeps, record: ConcertRecord): Concert {
  return {
    id: record.id,
    name: record.name,
    artist: record.artist,
    venue: record.venue,
    startsAt: toIso(record.startsAt),
    tiers: record.tiers.map(toTierView),
    maxTicketsPerOrder: deps.limits.maxTicketsPerOrder,
  };
}

export function listConcerts(deps: ConcertsDeps): Concert[] {
  return deps.concerts.list(deps.clock.now()).map((record) => toConcertView(deps, record));
}

export function getConcert(deps: ConcertsDeps, concertId: string): Concert {
  const record = deps.concerts.find(concertId, deps.clock.now());
  if (!record) throw concertNotFound();
  return toConcertView(deps, record);
}
