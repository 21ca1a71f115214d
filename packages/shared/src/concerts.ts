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
});
export type Tier = z.infer<typeof TierSchema>;

/**
 * Where a concert's sales stand by the server's clock: on sale until `salesEndAt` (the start,
 * unless the organizer closes them earlier), then closed; past once it has started.
 */
export const ConcertStatusSchema = z.enum(['ON_SALE', 'SALES_CLOSED', 'STARTED']);
export type ConcertStatus = z.infer<typeof ConcertStatusSchema>;

/** The status of a concert at `now`, all times in epoch milliseconds. */
export function concertStatus(
  concert: { startsAt: number; salesEndAt: number },
  now: number,
): ConcertStatus {
  if (now >= concert.startsAt) return 'STARTED';
  if (now >= concert.salesEndAt) return 'SALES_CLOSED';
  return 'ON_SALE';
}

export const ConcertSchema = z.object({
  id: ConcertIdSchema,
  name: z.string(),
  artist: z.string(),
  venue: z.string(),
  startsAt: z.iso.datetime(),
  /** The venue's IANA time zone: every time of the concert is told in it. */
  timeZone: z.string().meta({ description: 'The venue’s IANA time zone, e.g. `Europe/Paris`.' }),
  /** When holds and sales stop: the start, or earlier if the organizer said so. */
  salesEndAt: z.iso.datetime(),
  status: ConcertStatusSchema,
  tiers: z.array(TierSchema),
  /** The most tickets, across all tiers, that one checkout may hold. */
  maxTicketsPerOrder: z.int().positive(),
  /**
   * The most tickets of this concert one buyer may buy, across orders, counted by email address
   * and by card; null when the organizer sets no limit.
   */
  maxTicketsPerBuyer: z.int().positive().nullable(),
});
export type Concert = z.infer<typeof ConcertSchema>;

export const ConcertListResponseSchema = z.object({ concerts: z.array(ConcertSchema) });
export type ConcertListResponse = z.infer<typeof ConcertListResponseSchema>;

export const ConcertResponseSchema = z.object({ concert: ConcertSchema });
export type ConcertResponse = z.infer<typeof ConcertResponseSchema>;
