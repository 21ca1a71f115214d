import {
  API_LOCALE,
  availableTickets,
  concertStatus,
  formatInTimeZone,
  type Concert,
  type Tier,
} from '@ticket-booking/shared';
import { AppError } from '../../lib/app-error.js';
import { toIso, type Clock } from '../../lib/clock.js';
import type { Repositories, Store } from '../../db/store.js';
import type { ConcertRecord, ConcertSchedule, TierRecord } from './concerts.repo.js';

export interface ConcertsDeps {
  store: Pick<Store, 'concerts'>;
  clock: Clock;
  limits: { maxTicketsPerOrder: number };
}

export function concertNotFound(): AppError {
  return new AppError('CONCERT_NOT_FOUND', 'There is no such concert.');
}

/** A time of the concert as the API's sentences tell it: at the venue, its zone named. */
export function venueTime(schedule: Pick<ConcertSchedule, 'timeZone'>, instant: number): string {
  return formatInTimeZone(instant, schedule.timeZone, API_LOCALE);
}

export function tierNotFound(): AppError {
  return new AppError('TIER_NOT_FOUND', 'This concert has no such tier.');
}

export function salesClosed(schedule: ConcertSchedule, now: number): AppError {
  const message =
    concertStatus(schedule, now) === 'STARTED'
      ? `This concert started on ${venueTime(schedule, schedule.startsAt)}, so its tickets are no longer on sale.`
      : `Ticket sales for this concert ended on ${venueTime(schedule, schedule.salesEndAt)}.`;
  return new AppError('SALES_CLOSED', message);
}

function salesNotOpen(schedule: ConcertSchedule): AppError {
  return new AppError(
    'SALES_NOT_OPEN',
    `Tickets for this concert go on sale on ${venueTime(schedule, schedule.onSaleAt)}.`,
  );
}

/**
 * The concert's schedule if its sales are open at `now`; otherwise 404 for no such concert, 409
 * SALES_NOT_OPEN before they open, or 409 SALES_CLOSED once they have ended or it has started.
 */
export async function scheduleOnSale(
  repos: Pick<Repositories, 'concerts'>,
  concertId: string,
  now: number,
): Promise<ConcertSchedule> {
  const schedule = await repos.concerts.schedule(concertId);
  if (!schedule) throw concertNotFound();
  const status = concertStatus(schedule, now);
  if (status === 'SCHEDULED') throw salesNotOpen(schedule);
  if (status !== 'ON_SALE') throw salesClosed(schedule, now);
  return schedule;
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
    seated: tier.seats > 0,
  };
}

function toConcertView(deps: ConcertsDeps, record: ConcertRecord, now: number): Concert {
  return {
    id: record.id,
    name: record.name,
    artist: record.artist,
    venue: record.venue,
    startsAt: toIso(record.startsAt),
    timeZone: record.timeZone,
    onSaleAt: toIso(record.onSaleAt),
    salesEndAt: toIso(record.salesEndAt),
    waitingRoom: record.admitPerMinute === null ? null : { admitPerMinute: record.admitPerMinute },
    status: concertStatus(record, now),
    tiers: record.tiers.map(toTierView),
    maxTicketsPerOrder: deps.limits.maxTicketsPerOrder,
    maxTicketsPerBuyer: record.maxTicketsPerBuyer,
    offerMinutes: record.offerMinutes,
  };
}

/** The concerts on sale now: one that has started, or whose sales ended, is left out. */
export async function listConcerts(deps: ConcertsDeps): Promise<Concert[]> {
  const now = deps.clock.now();
  return (await deps.store.concerts.listOnSale(now)).map((record) =>
    toConcertView(deps, record, now),
  );
}

/** Every concert, past ones and those whose sales ended too, each with its status. */
export async function listAllConcerts(deps: ConcertsDeps): Promise<Concert[]> {
  const now = deps.clock.now();
  return (await deps.store.concerts.listAll(now)).map((record) => toConcertView(deps, record, now));
}

/** Any concert, past ones too (their links keep working), with its status. */
export async function getConcert(deps: ConcertsDeps, concertId: string): Promise<Concert> {
  const now = deps.clock.now();
  const record = await deps.store.concerts.find(concertId, now);
  if (!record) throw concertNotFound();
  return toConcertView(deps, record, now);
}
