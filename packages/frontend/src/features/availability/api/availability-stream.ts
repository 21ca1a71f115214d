import {
  AvailabilityEventSchema,
  SeatChangesEventSchema,
  SeatsEventSchema,
  type AvailabilityEvent,
  type SeatChangesEvent,
  type SeatsEvent,
} from '@ticket-booking/shared';
import type { z } from 'zod';

export function availabilityStreamUrl(concertId: string): string {
  return `/api/concerts/${encodeURIComponent(concertId)}/availability/stream`;
}

function parseEvent<S extends z.ZodType>(schema: S, data: string): z.output<S> | null {
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    return null;
  }
  const parsed = schema.safeParse(json);
  return parsed.success ? parsed.data : null;
}

/** One event's data as the shared schema defines it, or null for anything else. */
export function parseAvailabilityEvent(data: string): AvailabilityEvent | null {
  return parseEvent(AvailabilityEventSchema, data);
}

/** A `seats` event's data, or null for anything else. */
export function parseSeatsEvent(data: string): SeatsEvent | null {
  return parseEvent(SeatsEventSchema, data);
}

/** A `seat-changes` event's data, or null for anything else. */
export function parseSeatChangesEvent(data: string): SeatChangesEvent | null {
  return parseEvent(SeatChangesEventSchema, data);
}
