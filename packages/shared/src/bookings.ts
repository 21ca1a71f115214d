import { z } from 'zod';
import { BookingIdSchema, ConcertIdSchema, OfferTokenSchema, TierCodeSchema } from './ids.js';
import { CurrencySchema } from './concerts.js';
import { normalizeCardNumber, passesLuhn } from './payment.js';
import { TicketCodeSchema } from './tickets.js';
import { objectOf } from './validation-messages.js';
import { SeatRefSchema } from './seating.js';

export const BuyerSchema = z.strictObject(
  {
    name: z
      .string({ error: 'Enter the name for the tickets' })
      .trim()
      .min(1, { error: 'Enter the name for the tickets' })
      .max(120, { error: 'Name must be at most 120 characters' }),
    email: z
      .string({ error: 'Enter an email address' })
      .trim()
      .max(254, { error: 'Email must be at most 254 characters' })
      .pipe(z.email({ error: 'Enter a valid email address' })),
  },
  { error: objectOf('a name and an email') },
);
export type Buyer = z.infer<typeof BuyerSchema>;

export const PaymentInputSchema = z.strictObject(
  {
    cardNumber: z
      .string({ error: 'Enter a card number' })
      .transform(normalizeCardNumber)
      .pipe(
        z
          .string()
          .min(1, { error: 'Enter a card number', abort: true })
          .regex(/^\d{12,19}$/, { error: 'Card number must be 12 to 19 digits', abort: true })
          .refine(passesLuhn, { error: 'Card number is not valid' }),
      ),
    expiry: z
      .string({ error: 'Enter the expiry date' })
      .trim()
      .regex(/^(0[1-9]|1[0-2])\/\d{2}$/, { error: 'Expiry must look like MM/YY' }),
    cvc: z
      .string({ error: 'Enter the security code' })
      .trim()
      .regex(/^\d{3,4}$/, { error: 'Security code must be 3 or 4 digits' }),
  },
  { error: objectOf('a card number, an expiry and a security code') },
);
export type PaymentInput = z.infer<typeof PaymentInputSchema>;

export const BookingRequestSchema = z.strictObject({
  concertId: ConcertIdSchema,
  buyer: BuyerSchema,
  payment: PaymentInputSchema,
  /** Buys the tickets a waiting list's offer holds, instead of the session's own hold. */
  offer: OfferTokenSchema.optional(),
});
export type BookingRequest = z.infer<typeof BookingRequestSchema>;
export type BookingRequestInput = z.input<typeof BookingRequestSchema>;

export const BookingStatusSchema = z.enum(['CONFIRMED', 'CANCELLED']);
export type BookingStatus = z.infer<typeof BookingStatusSchema>;

export const BookingItemSchema = z.object({
  tier: TierCodeSchema,
  name: z.string(),
  quantity: z.int().positive(),
  unitPriceCents: z.int().nonnegative(),
  /** In a seated tier: the seats bought, one per ticket. */
  seats: z.array(SeatRefSchema).optional(),
});
export type BookingItem = z.infer<typeof BookingItemSchema>;

/** One admission of a booking, by the code its ticket's QR code holds. */
export const BookingTicketSchema = z.object({
  code: TicketCodeSchema,
  number: z.int().positive(),
  tier: TierCodeSchema,
  /** In a seated tier: the seat it admits to. */
  seat: SeatRefSchema.optional(),
});
export type BookingTicket = z.infer<typeof BookingTicketSchema>;

export const BookingSchema = z.object({
  id: BookingIdSchema,
  confirmationCode: z.string(),
  concertId: ConcertIdSchema,
  status: BookingStatusSchema,
  items: z.array(BookingItemSchema),
  totalCents: z.int().nonnegative(),
  currency: CurrencySchema,
  buyer: z.object({ name: z.string(), email: z.string() }),
  payment: z.object({ brand: z.string(), last4: z.string().regex(/^\d{4}$/) }),
  createdAt: z.iso.datetime(),
  /** Only on a cancelled booking: when the shopper cancelled it. */
  cancelledAt: z.iso.datetime().optional(),
  /** Only on a confirmed booking: its tickets, one per admission, in the order of `items`. */
  tickets: z.array(BookingTicketSchema).optional(),
});
export type Booking = z.infer<typeof BookingSchema>;

export const BookingResponseSchema = z.object({ booking: BookingSchema });
export type BookingResponse = z.infer<typeof BookingResponseSchema>;

export const BookingListResponseSchema = z.object({ bookings: z.array(BookingSchema) });
export type BookingListResponse = z.infer<typeof BookingListResponseSchema>;
