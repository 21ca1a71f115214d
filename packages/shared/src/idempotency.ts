import { z } from 'zod';

/** Sent with a purchase (entering checkout, paying) so that sending it again does it once. */
export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';

/** Set on an answer that was given before to the same key, and is given again unchanged. */
export const IDEMPOTENT_REPLAYED_HEADER = 'Idempotent-Replayed';

/**
 * A key the client makes up for one attempt (the web app sends a random UUID): 1 to 255
 * printable ASCII characters, taken as they are.
 */
export const IdempotencyKeySchema = z
  .string()
  .min(1, { error: `${IDEMPOTENCY_KEY_HEADER} must not be empty` })
  .max(255, { error: `${IDEMPOTENCY_KEY_HEADER} must be at most 255 characters` })
  .regex(/^[\x20-\x7e]+$/, {
    error: `${IDEMPOTENCY_KEY_HEADER} must be printable ASCII characters only`,
  });
