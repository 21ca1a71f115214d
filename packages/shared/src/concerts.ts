import { z } from 'zod';
import { ConcertIdSchema, TierCodeSchema } from './ids.js';

export const CurrencySchema = z
  .string({
    error: (issue) => (issue.input === undefined ? 'Currency is missing' : 'Currency must be text'),
  })
  .regex(/^[A-Z]{3}$/, { error: 'Currency must be a three-letter code in capitals, such as EUR' });

export const TierSchema = z.object({
  code: TierCodeSchema,
  name: z.string(),
  priceCents: z.int().nonnegative(),
  currency: CurrencySchema,
  total: z.int().nonnegative(),
  sold: z.int().nonnegative(),
  held: z.int().nonnegative(),
  available: z.int().nonnegative(),
  /** Sold as seats on the concert's seating plan (`GET /api/concerts/:id/seats`). */
  seated: z.boolean(),
});
export type Tier = z.infer<typeof TierSchema>;

/**
 * Where a concert's sales stand by the server's clock: announced until `onSaleAt`, on sale until
 * `salesEndAt` (the start, unless the organizer closes them earlier), then closed; past once it
 * has started.
 */
export const ConcertStatusSchema = z.enum(['SCHEDULED', 'ON_SALE', 'SALES_CLOSED', 'STARTED']);
export type ConcertStatus = z.infer<typeof ConcertStatusSchema>;

/** The status of a concert at `now`, all times in epoch milliseconds. */
export function concertStatus(
  concert: { startsAt: number; salesEndAt: number; onSaleAt?: number },
  now: number,
): ConcertStatus {
  if (now >= concert.startsAt) return 'STARTED';
  if (now >= concert.salesEndAt) return 'SALES_CLOSED';
  if (concert.onSaleAt !== undefined && now < concert.onSaleAt) return 'SCHEDULED';
  return 'ON_SALE';
}

/**
 * A concert's waiting room: shoppers who join before `onSaleAt` get random places at it, later
 * ones queue behind in arrival order, and places are let in at `admitPerMinute`.
 */
export const WaitingRoomSettingsSchema = z.object({
  admitPerMinute: z.int().positive(),
});
export type WaitingRoomSettings = z.infer<typeof WaitingRoomSettingsSchema>;

export const ConcertSchema = z.object({
  id: ConcertIdSchema,
  name: z.string(),
  artist: z.string(),
  venue: z.string(),
  startsAt: z.iso.datetime(),
  /** The venue's IANA time zone: every time of the concert is told in it. */
  timeZone: z.string().meta({ description: 'The venue’s IANA time zone, e.g. `Europe/Paris`.' }),
  /** When sales open: the time the concert was put on sale unless the organizer set a later one. */
  onSaleAt: z.iso.datetime(),
  /** When holds and sales stop: the start, or earlier if the organizer said so. */
  salesEndAt: z.iso.datetime(),
  /** Its waiting room, if sales go through one; null otherwise. */
  waitingRoom: WaitingRoomSettingsSchema.nullable(),
  status: ConcertStatusSchema,
  tiers: z.array(TierSchema),
  /** The most tickets, across all tiers, that one checkout may hold. */
  maxTicketsPerOrder: z.int().positive(),
  /**
   * The most tickets of this concert one buyer may buy, across orders, counted by email address
   * and by card; null when the organizer sets no limit.
   */
  maxTicketsPerBuyer: z.int().positive().nullable(),
  /** How long tickets that come back stay held for the next on a tier's waiting list, in minutes. */
  offerMinutes: z.int().positive(),
});
export type Concert = z.infer<typeof ConcertSchema>;

export const ConcertListResponseSchema = z.object({ concerts: z.array(ConcertSchema) });
export type ConcertListResponse = z.infer<typeof ConcertListResponseSchema>;

export const ConcertResponseSchema = z.object({ concert: ConcertSchema });
export type ConcertResponse = z.infer<typeof ConcertResponseSchema>;
