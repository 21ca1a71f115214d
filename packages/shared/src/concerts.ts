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
