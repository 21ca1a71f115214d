import { z } from 'zod';
import { SeatRefSchema } from './seating.js';
import { BookingIdSchema, ConcertIdSchema, TierCodeSchema } from './ids.js';

/**
 * A ticket's code, as its QR code holds it: which booking and which of its tickets, and a
 * signature only the product can make (46 URL-safe characters).
 */
export const TicketCodeSchema = z
  .string({ error: 'Enter the ticket’s code' })
  .trim()
  .regex(/^[A-Za-z0-9_-]{46}$/, { error: 'A ticket code is 46 letters, digits, - and _' });
export type TicketCode = z.infer<typeof TicketCodeSchema>;

export const TicketStatusSchema = z.enum(['VALID', 'CHECKED_IN', 'CANCELLED']);
/** VALID: lets its holder in once; CHECKED_IN: used; CANCELLED: its booking was cancelled. */
export type TicketStatus = z.infer<typeof TicketStatusSchema>;

/** One admission of a booking. */
export const TicketSchema = z.object({
  code: TicketCodeSchema,
  /** Its place among the booking's tickets, from 1. */
  number: z.int().positive(),
  bookingId: BookingIdSchema,
  confirmationCode: z.string(),
  concertId: ConcertIdSchema,
  concertName: z.string(),
  artist: z.string(),
  venue: z.string(),
  startsAt: z.iso.datetime(),
  /** The venue's IANA time zone, for showing `startsAt` as the venue's time. */
  timeZone: z.string(),
  tier: TierCodeSchema,
  tierName: z.string(),
  /** In a seated tier: the seat it admits to, as printed. */
  seat: SeatRefSchema.optional(),
  holder: z.string(),
  status: TicketStatusSchema,
  checkedInAt: z.iso.datetime().nullable(),
  /** The door it was checked in at, as the door named itself. */
  door: z.string().nullable(),
});
export type Ticket = z.infer<typeof TicketSchema>;

export const TicketResponseSchema = z.object({ ticket: TicketSchema });
export type TicketResponse = z.infer<typeof TicketResponseSchema>;

/** `POST /api/admin/check-ins`: a ticket scanned or typed at a door. */
export const CheckInRequestSchema = z.strictObject({
  code: TicketCodeSchema,
  door: z
    .string({ error: 'Name the door' })
    .trim()
    .min(1, { error: 'Name the door' })
    .max(40, { error: 'A door’s name is at most 40 characters' })
    .optional(),
});
export type CheckInRequest = z.infer<typeof CheckInRequestSchema>;

/**
 * A concert's door key: what a door checks the concert's ticket codes with when its network is
 * down. The tag of a code (its last 22 characters) is base64url of the first 16 bytes of
 * HMAC-SHA256(key, payload), the payload being the base64url-decoded first 24 characters.
 */
export const DoorKeySchema = z.object({
  concertId: ConcertIdSchema,
  name: z.string(),
  artist: z.string(),
  startsAt: z.iso.datetime(),
  timeZone: z.string(),
  /** base64url of 32 bytes. */
  key: z.string(),
});
export type DoorKey = z.infer<typeof DoorKeySchema>;

/** `GET /api/admin/door-keys`: the keys of the concerts starting from 12 hours ago to 48 hours on. */
export const DoorKeysResponseSchema = z.object({ keys: z.array(DoorKeySchema) });
export type DoorKeysResponse = z.infer<typeof DoorKeysResponseSchema>;
