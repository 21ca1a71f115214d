import { z } from 'zod';
import { ConcertIdSchema, TierCodeSchema } from './ids.js';

export const CurrencySchema = z.string().regex(/^[A-Z]{3}$/);

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

export const ConcertSchema = z.object({
  id: ConcertIdSchema,
  name: z.string(),
  artist: z.string(),
  venue: z.string(),
  startsAt: z.iso.datetime(),
  tiers: z.array(TierSchema),
  /** The most tickets, across all tiers, that one checkout may hold. */
  maxTicketsPerOrder: z.int().positive(),
});
export type Concert = z.infer<typeof ConcertSchema>;

export const ConcertListResponseSchema = z.object({ concerts: z.array(ConcertSchema) });
export type ConcertListResponse = z.infer<typeof ConcertListResponseSchema>;

export const ConcertResponseSchema = z.object({ concert: ConcertSchema });
export type ConcertResponse = z.infer<typeof ConcertResponseSchema>;
