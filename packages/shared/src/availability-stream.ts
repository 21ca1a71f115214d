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

/** The SSE event name for a seated concert's seats: every seat's state. */
export const SEATS_EVENT = 'seats';

/**
 * A `seats` event: every seat's state in plan order (`encodeSeatStates`), as of `version`. Sent
 * after the first `availability` event of a seated concert's stream, and whenever the stream
 * cannot tell only what changed.
 */
export const SeatsEventSchema = z.object({
  concertId: ConcertIdSchema,
  version: z.int().nonnegative(),
  seatCount: z.int().nonnegative(),
  states: z.string(),
});
export type SeatsEvent = z.infer<typeof SeatsEventSchema>;

/** The SSE event name for what changed among a seated concert's seats. */
export const SEAT_CHANGES_EVENT = 'seat-changes';

/**
 * A `seat-changes` event: the seats (by their place in plan order) whose state changed between
 * the seats as of `from` and as of `version`. A client whose seats are not as of `from` missed
 * something and reads the whole map again.
 */
export const SeatChangesEventSchema = z.object({
  concertId: ConcertIdSchema,
  from: z.int().nonnegative(),
  version: z.int().nonnegative(),
  free: z.array(z.int().nonnegative()),
  held: z.array(z.int().nonnegative()),
  sold: z.array(z.int().nonnegative()),
});
export type SeatChangesEvent = z.infer<typeof SeatChangesEventSchema>;
