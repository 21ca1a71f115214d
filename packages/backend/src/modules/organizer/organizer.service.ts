import slugify from '@sindresorhus/slugify';
import {
  ConcertIdSchema,
  latestStartFrom,
  MAX_YEARS_AHEAD,
  type CapacityShortfall,
  type Concert,
  type ConcertSales,
  type CreateConcertRequest,
  type FieldIssue,
  type UpdateConcertRequest,
  type UpdateTierRequest,
  DEFAULT_MAX_TICKETS_PER_BUYER,
  DEFAULT_OFFER_MINUTES,
} from '@ticket-booking/shared';
import { AppError } from '../../lib/app-error.js';
import { offerFreeTickets } from '../waiting-list/offers.js';
import { insertSeatPlan, seatsPerTier } from '../seating/seating.service.js';
import { toIso } from '../../lib/clock.js';
import {
  concertNotFound,
  getConcert,
  tierNotFound,
  toTierView,
  venueTime,
  type ConcertsDeps,
} from '../concerts/concerts.service.js';
import type { Transaction } from '../../db/store.js';
import type { ConcertSchedule } from '../concerts/concerts.repo.js';
import { sweepExpiredHolds, type HoldsDeps } from '../holds/index.js';

export type OrganizerDeps = HoldsDeps & ConcertsDeps;

/** Room for a `-NNN` suffix inside the 80 characters a concert id may have. */
const SLUG_LENGTH = 72;

/** A concert id made from the name, with a number added when another concert has it. */
async function freeIdFor(tx: Transaction, name: string): Promise<string> {
  const slug = slugify(name).slice(0, SLUG_LENGTH).replace(/-+$/, '');
  const base = ConcertIdSchema.safeParse(slug).success ? slug : 'concert';
  let id = base;
  for (let n = 2; await tx.concerts.exists(id); n += 1) id = `${base}-${n}`;
  return id;
}

/**
 * What is wrong with the concert's times by the server's clock, told at the venue: the start
 * after now and at most `MAX_YEARS_AHEAD` years ahead, the end of sales after now.
 */
function scheduleIssues(
  request: CreateConcertRequest,
  times: { now: number; startsAt: number; salesEndAt: number },
): FieldIssue[] {
  const { now, startsAt, salesEndAt } = times;
  const at = (instant: number) => venueTime(request, instant);
  const issues: FieldIssue[] = [];
  const latest = latestStartFrom(now);
  if (startsAt <= now) {
    issues.push({
      field: 'startsAt',
      message: `The concert must start in the future (it is now ${at(now)} at the venue)`,
    });
  } else if (startsAt > latest) {
    issues.push({
      field: 'startsAt',
      message: `The concert can start at most ${MAX_YEARS_AHEAD} years ahead, by ${at(latest)}`,
    });
  }
  if (request.salesEndAt !== undefined && salesEndAt <= now) {
    issues.push({
      field: 'salesEndAt',
      message: `Sales must end in the future (it is now ${at(now)} at the venue)`,
    });
  }
  return issues;
}

/**
 * Puts a concert on sale with its tiers, in one write transaction, and answers it as a shopper
 * sees it. The start must be after the server's now and at most `MAX_YEARS_AHEAD` years ahead;
 * sales end at the start unless the organizer ends them sooner.
 */
export async function createConcert(
  deps: OrganizerDeps,
  request: CreateConcertRequest,
): Promise<Concert> {
  const startsAt = Date.parse(request.startsAt);
  const salesEndAt = request.salesEndAt === undefined ? startsAt : Date.parse(request.salesEndAt);
  const now = deps.clock.now();
  const issues = scheduleIssues(request, { now, startsAt, salesEndAt });
  if (issues.length > 0) {
    throw new AppError('VALIDATION_FAILED', 'Some of the details sent are not valid.', issues);
  }
  const seated = seatsPerTier(request.seatPlan);
  const id = await deps.store.write(async (tx) => {
    if (request.id !== undefined && (await tx.concerts.exists(request.id))) {
      throw new AppError('CONCERT_ID_TAKEN', 'Another concert already has this id.', [
        { field: 'id', message: `"${request.id}" is taken` },
      ]);
    }
    const concertId = request.id ?? (await freeIdFor(tx, request.name));
    await tx.concerts.insert(
      {
        id: concertId,
        name: request.name,
        artist: request.artist,
        venue: request.venue,
        startsAt,
        salesEndAt,
        timeZone: request.timeZone,
        maxTicketsPerBuyer:
          request.maxTicketsPerBuyer === undefined
            ? DEFAULT_MAX_TICKETS_PER_BUYER
            : request.maxTicketsPerBuyer,
        // A time already past opens sales now.
        onSaleAt: Math.max(
          now,
          request.onSaleAt === undefined ? now : Date.parse(request.onSaleAt),
        ),
        admitPerMinute: request.waitingRoom?.admitPerMinute ?? null,
        offerMinutes: request.offerMinutes ?? DEFAULT_OFFER_MINUTES,
        tiers: request.tiers.map(({ capacity, ...tier }) => {
          const seats = seated.get(tier.code) ?? 0;
          return { ...tier, total: seats > 0 ? seats : (capacity ?? 0), seats };
        }),
      },
      deps.clock.now(),
    );
    if (request.seatPlan) {
      const tiers = await tx.concerts.tiersForUpdate(concertId);
      await insertSeatPlan(tx, concertId, request.seatPlan, tiers);
    }
    await tx.concerts.bumpVersion(concertId);
    tx.afterCommit(() => {
      deps.changes.concertChanged(concertId);
    });
    return concertId;
  });
  return getConcert(deps, id);
}

/**
 * Refuses with 409 SALES_ALREADY_OPEN a change of when or how sales open once they have: a
 * waiting room's places and passes follow from them.
 */
function requireNotOnSaleYet(schedule: ConcertSchedule, now: number): void {
  if (now < schedule.onSaleAt) return;
  throw new AppError(
    'SALES_ALREADY_OPEN',
    `Sales opened on ${venueTime(schedule, schedule.onSaleAt)}: when and how they open can no longer change.`,
  );
}

/**
 * Changes the concert's settings in one write transaction, under the concert's lock as a
 * purchase is: a new limit per buyer decides every purchase from then on, and never takes back
 * tickets bought before it.
 */
export async function updateConcert(
  deps: OrganizerDeps,
  concertId: string,
  change: UpdateConcertRequest,
): Promise<Concert> {
  await deps.store.write(
    async (tx) => {
      const now = deps.clock.now();
      const schedule = await tx.concerts.schedule(concertId);
      if (!schedule) throw concertNotFound();
      const onSaleAt = change.onSaleAt === undefined ? undefined : Date.parse(change.onSaleAt);
      if (onSaleAt !== undefined || change.waitingRoom !== undefined) {
        requireNotOnSaleYet(schedule, now);
      }
      if (onSaleAt !== undefined && (onSaleAt <= now || onSaleAt >= schedule.salesEndAt)) {
        throw new AppError('VALIDATION_FAILED', 'Some of the details sent are not valid.', [
          {
            field: 'onSaleAt',
            message: `Sales must open after now (${venueTime(schedule, now)}) and before they end (${venueTime(schedule, schedule.salesEndAt)})`,
          },
        ]);
      }
      await tx.concerts.updateSettings(concertId, {
        maxTicketsPerBuyer:
          change.maxTicketsPerBuyer === undefined
            ? schedule.maxTicketsPerBuyer
            : change.maxTicketsPerBuyer,
        onSaleAt: onSaleAt ?? schedule.onSaleAt,
        admitPerMinute:
          change.waitingRoom === undefined
            ? schedule.admitPerMinute
            : (change.waitingRoom?.admitPerMinute ?? null),
        offerMinutes: change.offerMinutes ?? schedule.offerMinutes,
      });
      await tx.concerts.bumpVersion(concertId);
      tx.afterCommit(() => {
        deps.changes.concertChanged(concertId);
      });
    },
    { touches: { concertId } },
  );
  return getConcert(deps, concertId);
}

/**
 * Changes a tier's capacity and/or price in one write transaction. Run-out holds are swept first
 * (as a checkout does), so the tier's counters are exact: the capacity may not drop below the
 * tickets sold plus those in live holds. A refusal changes nothing, the sweep included.
 */
export async function updateTier(
  deps: OrganizerDeps,
  concertId: string,
  tierCode: string,
  change: UpdateTierRequest,
): Promise<Concert> {
  await deps.store.write(
    async (tx) => {
      await sweepExpiredHolds(tx, deps, concertId, deps.clock.now());
      const tiers = await tx.concerts.tiersForUpdate(concertId);
      if (tiers.length === 0 && !(await tx.concerts.exists(concertId))) throw concertNotFound();
      const tier = tiers.find((candidate) => candidate.code === tierCode);
      if (!tier) throw tierNotFound();
      if (tier.seats > 0 && change.capacity !== undefined && change.capacity !== tier.total) {
        throw new AppError(
          'SEATED_TIER',
          `${tier.name} sells the ${tier.seats} seats its seating plan gives it: its capacity follows them.`,
        );
      }
      const total = change.capacity ?? tier.total;
      const minimum = tier.sold + tier.held;
      if (total < minimum) {
        // A list, as every error's details are.
        const details: CapacityShortfall[] = [
          { tier: tier.code, requested: total, sold: tier.sold, held: tier.held, minimum },
        ];
        throw new AppError(
          'CAPACITY_BELOW_COMMITTED',
          `The capacity cannot go below the ${minimum} tickets sold or held.`,
          details,
        );
      }
      await tx.concerts.updateTier(tier.id, {
        total,
        priceCents: change.priceCents ?? tier.priceCents,
      });
      await tx.concerts.bumpVersion(concertId);
      await offerFreeTickets(tx, deps, concertId, deps.clock.now());
      tx.afterCommit(() => {
        deps.changes.concertChanged(concertId);
      });
    },
    { touches: { concertId } },
  );
  return getConcert(deps, concertId);
}

/** The concert's sales as of now: per tier, in total, what became of its holds, and by minute. */
export async function concertSales(deps: OrganizerDeps, concertId: string): Promise<ConcertSales> {
  const now = deps.clock.now();
  const record = await deps.store.organizer.sales(concertId, now);
  if (!record) throw concertNotFound();
  const tiers = record.concert.tiers.map((tier) => ({
    ...toTierView(tier),
    revenueCents: record.revenueByTier.get(tier.id) ?? 0,
    liveHolds: record.liveHoldsByTier.get(tier.id) ?? 0,
    checkedIn: record.checkedInByTier.get(tier.id) ?? 0,
  }));
  const { created, expired, converted } = record.holds;
  return {
    concertId,
    timeZone: record.concert.timeZone,
    asOf: toIso(now),
    currency: tiers[0]?.currency ?? 'USD',
    maxTicketsPerBuyer: record.concert.maxTicketsPerBuyer,
    revenueCents: tiers.reduce((sum, tier) => sum + tier.revenueCents, 0),
    holds: {
      created,
      expired,
      converted,
      conversionRate: created === 0 ? 0 : Math.min(1, converted / created),
    },
    tiers,
    buckets: record.buckets.map((bucket) => ({ ...bucket, at: toIso(bucket.at) })),
  };
}
