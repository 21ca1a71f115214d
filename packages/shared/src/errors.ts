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
  'BOOKING_LINK_INVALID',
  'BOOKING_LINK_EXPIRED',
  'NO_ACTIVE_HOLD',
  'HOLD_EXPIRED',
  'NOT_ENOUGH_TICKETS',
  'SEATS_TAKEN',
  'NO_SEATS_TOGETHER',
  'SEATED_TIER',
  'SALES_CLOSED',
  'CAPACITY_BELOW_COMMITTED',
  'PAYMENT_DECLINED',
  'IDEMPOTENCY_KEY_REUSED',
  'UNAUTHORIZED',
  'BUSY',
  'RATE_LIMITED',
  'HOLD_LIMIT_REACHED',
  'HOLD_COOLDOWN',
  'PURCHASE_LIMIT_REACHED',
  'SALES_NOT_OPEN',
  'WAITING_ROOM_PASS_REQUIRED',
  'NO_WAITING_ROOM',
  'SALES_ALREADY_OPEN',
  'WAITING_LIST_NOT_NEEDED',
  'ALREADY_ON_WAITING_LIST',
  'NOT_ON_WAITING_LIST',
  'OFFER_NOT_FOUND',
  'OFFER_ENDED',
  'TICKET_NOT_FOUND',
  'TICKET_CANCELLED',
  'ALREADY_CHECKED_IN',
  'INTERNAL_ERROR',
]);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

/**
 * The HTTP status each error code is answered with: services throw codes, and this table alone
 * decides the status. Typed over every code, so a new code cannot compile until it has one.
 */
export const ERROR_STATUS = {
  VALIDATION_FAILED: 400,
  BAD_REQUEST: 400,
  INVALID_JSON: 400,
  UNSUPPORTED_MEDIA_TYPE: 415,
  PAYLOAD_TOO_LARGE: 413,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  CONCERT_NOT_FOUND: 404,
  TIER_NOT_FOUND: 404,
  BOOKING_NOT_FOUND: 404,
  BOOKING_LINK_INVALID: 404,
  BOOKING_LINK_EXPIRED: 410,
  NO_ACTIVE_HOLD: 404,
  HOLD_EXPIRED: 410,
  NOT_ENOUGH_TICKETS: 409,
  SEATS_TAKEN: 409,
  NO_SEATS_TOGETHER: 409,
  SEATED_TIER: 409,
  SALES_CLOSED: 409,
  CONCERT_ID_TAKEN: 409,
  CAPACITY_BELOW_COMMITTED: 409,
  BOOKING_NOT_CANCELLABLE: 409,
  UNAUTHORIZED: 401,
  PAYMENT_DECLINED: 402,
  IDEMPOTENCY_KEY_REUSED: 422,
  BUSY: 503,
  RATE_LIMITED: 429,
  HOLD_LIMIT_REACHED: 429,
  HOLD_COOLDOWN: 429,
  PURCHASE_LIMIT_REACHED: 409,
  SALES_NOT_OPEN: 409,
  WAITING_ROOM_PASS_REQUIRED: 403,
  NO_WAITING_ROOM: 409,
  SALES_ALREADY_OPEN: 409,
  WAITING_LIST_NOT_NEEDED: 409,
  ALREADY_ON_WAITING_LIST: 409,
  NOT_ON_WAITING_LIST: 404,
  OFFER_NOT_FOUND: 404,
  OFFER_ENDED: 410,
  TICKET_NOT_FOUND: 404,
  TICKET_CANCELLED: 409,
  ALREADY_CHECKED_IN: 409,
  INTERNAL_ERROR: 500,
} as const satisfies Record<ErrorCode, number>;

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

/** What a 429 HOLD_LIMIT_REACHED names: the limit met, its bound, and what is held against it. */
export const HoldLimitSchema = z.object({
  limit: z.enum(['ticketsHeldPerAddress']),
  max: z.int(),
  held: z.int(),
});
export type HoldLimit = z.infer<typeof HoldLimitSchema>;

/**
 * What a 409 PURCHASE_LIMIT_REACHED names: the concert's limit per buyer, the tickets already
 * bought with the buyer's email address or card, and how many more this buyer may buy.
 */
export const PurchaseLimitSchema = z.object({
  limit: z.enum(['ticketsPerBuyer']),
  max: z.int(),
  bought: z.int(),
  left: z.int(),
});
export type PurchaseLimit = z.infer<typeof PurchaseLimitSchema>;

/** What a 409 ALREADY_CHECKED_IN names: when, and at which door, the ticket was let in. */
export const CheckedInSchema = z.object({
  checkedInAt: z.iso.datetime(),
  door: z.string().nullable(),
});
export type CheckedIn = z.infer<typeof CheckedInSchema>;

export const ErrorBodySchema = z.object({
  error: z.object({
    code: ErrorCodeSchema,
    message: z.string(),
    /** Always a list: field issues, ticket or capacity shortfalls, one entry each. */
    details: z.array(z.unknown()).optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBodySchema>;
