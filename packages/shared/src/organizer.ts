import { z } from 'zod';
import { CurrencySchema, TierSchema } from './concerts.js';
import { ConcertIdSchema, TierCodeSchema } from './ids.js';
import { TimeZoneSchema } from './time-zones.js';
import { MAX_OFFER_MINUTES } from './waiting-list.js';
import { planSeats, SeatPlanSchema } from './seating.js';

/** Upper bounds that keep every sum of tickets and cents well inside a safe integer. */
export const MAX_CAPACITY = 1_000_000;
export const MAX_PRICE_CENTS = 100_000_000;

const capacity = z
  .int({ error: 'Capacity must be a whole number' })
  .max(MAX_CAPACITY, { error: `Capacity must be at most ${MAX_CAPACITY}` });

const priceCents = z
  .int({ error: 'Price must be a whole number of cents' })
  .min(0, { error: 'Price must not be negative' })
  .max(MAX_PRICE_CENTS, { error: `Price must be at most ${MAX_PRICE_CENTS} cents` });

function label(what: string) {
  return z
    .string({
      error: (issue) => (issue.input === undefined ? `${what} is missing` : `${what} must be text`),
    })
    .trim()
    .min(1, { error: `${what} must not be empty` })
    .max(120, { error: `${what} must be at most 120 characters` });
}

export const CreateTierRequestSchema = z.strictObject({
  code: TierCodeSchema,
  name: label('Tier name'),
  priceCents,
  currency: CurrencySchema,
  /** The tier's tickets; a tier the seating plan seats has as many as its seats. */
  capacity: capacity.min(1, { error: 'Capacity must be at least 1' }).optional(),
});
export type CreateTierRequest = z.infer<typeof CreateTierRequestSchema>;

/**
 * How far ahead a concert may be put on sale. Sales years ahead are rare, and a date beyond this
 * is a typo (a year 9999) far more often than a plan; the bound also keeps every date well inside
 * what ISO 8601's four-digit years can say.
 */
export const MAX_YEARS_AHEAD = 3;

/** The latest start a concert put on sale at `now` may have: `MAX_YEARS_AHEAD` years on. */
export function latestStartFrom(now: number): number {
  const latest = new Date(now);
  latest.setUTCFullYear(latest.getUTCFullYear() + MAX_YEARS_AHEAD);
  return latest.getTime();
}

/**
 * The most tickets of a concert one buyer may buy, or null for no limit. Bounded by what one
 * tier can hold, so that any sum of it stays a safe integer.
 */
const maxTicketsPerBuyer = z
  .int({ error: 'The limit per buyer must be a whole number of tickets, or null for none' })
  .min(1, { error: 'The limit per buyer must be at least 1 ticket, or null for none' })
  .max(MAX_CAPACITY, { error: `The limit per buyer must be at most ${MAX_CAPACITY} tickets` })
  .nullable();

/** How long an offer to the next on a waiting list holds its tickets. */
const offerMinutes = z
  .int({ error: 'Offer minutes must be a whole number' })
  .min(1, { error: 'Offer minutes must be at least 1' })
  .max(MAX_OFFER_MINUTES, { error: `Offer minutes must be at most ${MAX_OFFER_MINUTES} (a day)` });

/** A waiting room's pace, or null for none. */
const waitingRoom = z
  .strictObject(
    {
      admitPerMinute: z
        .int({ error: 'Shoppers let in per minute must be a whole number' })
        .min(1, { error: 'Shoppers let in per minute must be at least 1' })
        .max(100_000, { error: 'Shoppers let in per minute must be at most 100000' }),
    },
    { error: 'Waiting room must be an object with admitPerMinute, or null for none' },
  )
  .nullable();

const instant = (what: string, example: string) =>
  z.iso.datetime({
    offset: true,
    error: `Enter ${what} as an ISO date and time with its offset, such as ${example}`,
  });

/**
 * The body of `POST /api/concerts`. Without an `id` the server makes one from the name. Whether
 * `startsAt` is in the future (and not too far in it) is the server's to say, by its own clock.
 */
export const CreateConcertRequestSchema = z
  .strictObject({
    id: ConcertIdSchema.optional(),
    name: label('Name'),
    artist: label('Artist'),
    venue: label('Venue'),
    /** The venue's IANA time zone, in which every time of the concert is shown. */
    timeZone: TimeZoneSchema,
    startsAt: instant('when the concert starts', '2027-03-14T19:30:00+01:00'),
    /** When sales open, if later than now. */
    onSaleAt: instant('when sales open', '2027-01-20T10:00:00+01:00').optional(),
    /** When sales stop, if before the start. */
    salesEndAt: instant('when sales end', '2027-03-14T18:00:00+01:00').optional(),
    /** A waiting room for the on-sale moment; none unless given. */
    waitingRoom: waitingRoom.optional(),
    /** The most tickets one buyer may buy, by email and by card; 8 unless given, null: none. */
    maxTicketsPerBuyer: maxTicketsPerBuyer.optional(),
    /** How long an offer from a waiting list holds its tickets; 30 minutes unless given. */
    offerMinutes: offerMinutes.optional(),
    tiers: z
      .array(CreateTierRequestSchema, {
        error: (issue) =>
          issue.input === undefined ? 'Tiers are missing' : 'Tiers must be a list of tiers',
      })
      .min(1, { error: 'Add at least one tier' })
      .max(20, { error: 'At most 20 tiers' }),
    /** Seats for the tiers it names: those tiers sell seats, picked on its map. */
    seatPlan: SeatPlanSchema.optional(),
  })
  .check((ctx) => {
    const { startsAt, salesEndAt, onSaleAt } = ctx.value;
    const end = salesEndAt ?? startsAt;
    if (onSaleAt !== undefined && Date.parse(onSaleAt) >= Date.parse(end)) {
      ctx.issues.push({
        code: 'custom',
        input: onSaleAt,
        path: ['onSaleAt'],
        message: 'Sales must open before they end',
      });
    }
    if (salesEndAt !== undefined && Date.parse(salesEndAt) > Date.parse(startsAt)) {
      ctx.issues.push({
        code: 'custom',
        input: salesEndAt,
        path: ['salesEndAt'],
        message: 'Sales must end no later than the concert starts',
      });
    }
    const seats = new Map<string, number>();
    for (const seat of ctx.value.seatPlan ? planSeats(ctx.value.seatPlan) : []) {
      seats.set(seat.tier, (seats.get(seat.tier) ?? 0) + 1);
    }
    const seen = new Set<string>();
    const currency = ctx.value.tiers[0]?.currency;
    ctx.value.tiers.forEach((tier, index) => {
      if (seen.has(tier.code)) {
        ctx.issues.push({
          code: 'custom',
          input: tier.code,
          path: ['tiers', index, 'code'],
          message: `Tier "${tier.code}" appears more than once`,
        });
      }
      seen.add(tier.code);
      const seated = seats.get(tier.code);
      if (seated === undefined && tier.capacity === undefined) {
        ctx.issues.push({
          code: 'custom',
          input: tier,
          path: ['tiers', index, 'capacity'],
          message: 'Capacity is missing',
        });
      }
      if (seated !== undefined && tier.capacity !== undefined && tier.capacity !== seated) {
        ctx.issues.push({
          code: 'custom',
          input: tier.capacity,
          path: ['tiers', index, 'capacity'],
          message: `Capacity must be the ${seated} seats the plan gives tier "${tier.code}", or left out`,
        });
      }
      // A hold and a booking are priced in one currency, so a concert sells in one.
      if (tier.currency !== currency) {
        ctx.issues.push({
          code: 'custom',
          input: tier.currency,
          path: ['tiers', index, 'currency'],
          message: `Every tier must be priced in ${currency}`,
        });
      }
    });
    for (const code of seats.keys()) {
      if (!seen.has(code)) {
        ctx.issues.push({
          code: 'custom',
          input: code,
          path: ['seatPlan'],
          message: `The seating plan sells seats in tier "${code}", which is not one of the tiers`,
        });
      }
    }
  });
export type CreateConcertRequest = z.infer<typeof CreateConcertRequestSchema>;

/** The body of `PATCH /api/concerts/:id`: the concert's settings to change. */
export const UpdateConcertRequestSchema = z
  .strictObject({
    maxTicketsPerBuyer: maxTicketsPerBuyer.optional(),
    /** Only before sales open. */
    onSaleAt: instant('when sales open', '2027-01-20T10:00:00+01:00').optional(),
    /** Only before sales open. */
    waitingRoom: waitingRoom.optional(),
    offerMinutes: offerMinutes.optional(),
  })
  .refine((body) => Object.keys(body).length > 0, {
    error: 'Send a setting to change: maxTicketsPerBuyer, offerMinutes, onSaleAt or waitingRoom',
  });
export type UpdateConcertRequest = z.infer<typeof UpdateConcertRequestSchema>;

/** The body of `PATCH /api/concerts/:id/tiers/:tier`: a new capacity, a new price, or both. */
export const UpdateTierRequestSchema = z
  .strictObject({
    capacity: capacity.min(0, { error: 'Capacity must not be negative' }).optional(),
    priceCents: priceCents.optional(),
  })
  .refine((body) => body.capacity !== undefined || body.priceCents !== undefined, {
    error: 'Send a capacity, a price, or both',
  });
export type UpdateTierRequest = z.infer<typeof UpdateTierRequestSchema>;

/**
 * One entry of a 409 CAPACITY_BELOW_COMMITTED's `details` list: the tier cannot shrink below
 * `minimum`, the tickets sold plus those in live holds.
 */
export const CapacityShortfallSchema = z.object({
  tier: z.string(),
  requested: z.int(),
  sold: z.int(),
  held: z.int(),
  minimum: z.int(),
});
export type CapacityShortfall = z.infer<typeof CapacityShortfallSchema>;

export const TierSalesSchema = TierSchema.extend({
  /** What the confirmed bookings of this tier paid. */
  revenueCents: z.int().nonnegative(),
  /** Holds alive now that include this tier. */
  liveHolds: z.int().nonnegative(),
  /** Its tickets let in at the doors so far. */
  checkedIn: z.int().nonnegative(),
});
export type TierSales = z.infer<typeof TierSalesSchema>;

/** Tickets sold and paid for in one minute, starting at `at`. */
export const SalesBucketSchema = z.object({
  at: z.iso.datetime(),
  tickets: z.int().positive(),
  revenueCents: z.int().nonnegative(),
});
export type SalesBucket = z.infer<typeof SalesBucketSchema>;

export const ConcertSalesSchema = z.object({
  concertId: ConcertIdSchema,
  /** The venue's IANA time zone, for telling the times of the buckets. */
  timeZone: z.string(),
  /** The server's time of the figures. */
  asOf: z.iso.datetime(),
  currency: CurrencySchema,
  /** The most tickets one buyer may buy, as the organizer set it; null for no limit. */
  maxTicketsPerBuyer: z.int().positive().nullable(),
  revenueCents: z.int().nonnegative(),
  holds: z.object({
    /** Holds started since the concert went on sale (a changed selection is the same hold). */
    created: z.int().nonnegative(),
    /** Holds that ran out before being bought. */
    expired: z.int().nonnegative(),
    /** Holds that became bookings. */
    converted: z.int().nonnegative(),
    /** `converted / created`, 0 before the first hold. */
    conversionRate: z.number().min(0).max(1),
  }),
  tiers: z.array(TierSalesSchema),
  /** One-minute buckets with sales in them, oldest first. */
  buckets: z.array(SalesBucketSchema),
});
export type ConcertSales = z.infer<typeof ConcertSalesSchema>;

export const ConcertSalesResponseSchema = z.object({ sales: ConcertSalesSchema });
export type ConcertSalesResponse = z.infer<typeof ConcertSalesResponseSchema>;
