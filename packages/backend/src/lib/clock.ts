/** The server owns time; everything that needs "now" gets it from a clock it was given. */
export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** The first and last instants ISO 8601 writes with a four-digit year, as the API's schemas ask. */
const EARLIEST_ISO = Date.parse('0000-01-01T00:00:00.000Z');
const LATEST_ISO = Date.parse('9999-12-31T23:59:59.999Z');

/**
 * The instant as an ISO 8601 UTC string. A stored time beyond the four-digit years (written
 * before dates were bounded, or by hand) is answered as the nearest one there is, so no answer
 * ever carries a date its readers cannot parse: `new Date` would write `+010000-…` or throw.
 */
export function toIso(epochMs: number): string {
  const within = Math.min(Math.max(epochMs, EARLIEST_ISO), LATEST_ISO);
  return new Date(Number.isNaN(within) ? EARLIEST_ISO : within).toISOString();
}
