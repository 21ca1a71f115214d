import { AvailabilityEventSchema, type AvailabilityEvent } from '@ticket-booking/shared';

export function availabilityStreamUrl(concertId: string): string {
  return `/api/concerts/${encodeURIComponent(concertId)}/availability/stream`;
}

/** One event's data as the shared schema defines it, or null for anything else. */
export function parseAvailabilityEvent(data: string): AvailabilityEvent | null {
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    return null;
  }
  const parsed = AvailabilityEventSchema.safeParse(json);
  return parsed.success ? parsed.data : null;
}
