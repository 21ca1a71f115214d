import { z } from 'zod';

/** Every error the API can answer with; the web app switches on these, never on messages. */
export const ErrorCodeSchema = z.enum([
  'VALIDATION_FAILED',
  'BAD_REQUEST',
  'INVALID_JSON',
  'UNSUPPORTED_MEDIA_TYPE',
  'PAYLOAD_TOO_LARGE',
  'NOT_FOUND',
  'METHOD_NOT_ALLOWED',
  'CONCERT_NOT_FOUND',
  'TIER_NOT_FOUND',
  'CONCERT_ID_TAKEN',
  'BOOKING_NOT_FOUND',
  'BOOKING_NOT_CANCELLABLE',
  'NO_ACTIVE_HOLD',
  'HOLD_EXPIRED',
  'NOT_ENOUGH_TICKETS',
  'SALES_CLOSED',
  'CAPACITY_BELOW_COMMITTED',
  'PAYMENT_DECLINED',
  'IDEMPOTENCY_KEY_REUSED',
  'UNAUTHORIZED',
  'BUSY',
  'RATE_LIMITED',
  'INTERNAL_ERROR',
]);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

/** One bad field of a request: `field` is a dotted path such as `items.0.quantity`. */
export const FieldIssueSchema = z.object({
  field: z.string(),
  message: z.string(),
});
export type FieldIssue = z.infer<typeof FieldIssueSchema>;

/** What a 409 NOT_ENOUGH_TICKETS names for each tier that fell short. */
export const TicketShortfallSchema = z.object({
  tier: z.string(),
  requested: z.int(),
  available: z.int(),
});
export type TicketShortfall = z.infer<typeof TicketShortfallSchema>;

export const ErrorBodySchema = z.object({
  error: z.object({
    code: ErrorCodeSchema,
    message: z.string(),
    /** Always a list: field issues, ticket or capacity shortfalls, one entry each. */
    details: z.array(z.unknown()).optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBodySchema>;
