import { z } from 'zod';
import { ConcertIdSchema, TierCodeSchema } from './ids.js';

/** The SSE event name for availability snapshots. */
export const AVAILABILITY_EVENT = 'availability';

export const AvailabilityTierSchema = z.object({
  code: TierCodeSchema,
  total: z.int().nonnegative(),
  sold: z.int().nonnegative(),
  held: z.int().nonnegative(),
  available: z.int().nonnegative(),
});
export type AvailabilityTier = z.infer<typeof AvailabilityTierSchema>;

/**
 * One `availability` event of `GET /api/concerts/:id/availability/stream`: the concert's full
 * counts. `version` only grows, across restarts too, so a client can drop anything older than
 * what it has already shown; it is also the event's SSE `id`.
 */
export const AvailabilityEventSchema = z.object({
  concertId: ConcertIdSchema,
  version: z.int().nonnegative(),
  tiers: z.array(AvailabilityTierSchema),
  serverTime: z.iso.datetime(),
});
export type AvailabilityEvent = z.infer<typeof AvailabilityEventSchema>;
