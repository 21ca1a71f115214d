import { z } from 'zod';
import { BookingSchema, BuyerSchema } from './bookings.js';
import { objectOf } from './validation-messages.js';

/** Letters a confirmation code is made of: no 0/O, 1/I/L or U/V, which readers mix up. */
const CONFIRMATION_CODE = /^[ABCDEFGHJKMNPQRSTVWXYZ2-9]{4}-[ABCDEFGHJKMNPQRSTVWXYZ2-9]{4}$/;

/**
 * A confirmation code as a buyer types it off the email: any case, with or without its dash or
 * spaces (`abcd 2345`), read as the code it is (`ABCD-2345`).
 */
export const ConfirmationCodeSchema = z
  .string({ error: 'Enter the confirmation code from your email' })
  .transform((code) => code.toUpperCase().replace(/[\s-]/g, ''))
  .transform((code) => (code.length === 8 ? `${code.slice(0, 4)}-${code.slice(4)}` : code))
  .pipe(
    z.string().regex(CONFIRMATION_CODE, {
      error: 'Enter the confirmation code from your email, like ABCD-2345',
    }),
  );

/** `POST /api/booking-links`: email a link that opens the address's bookings on any device. */
export const BookingLinkRequestSchema = z.strictObject(
  { email: BuyerSchema.shape.email },
  { error: objectOf('an email address') },
);
export type BookingLinkRequest = z.infer<typeof BookingLinkRequestSchema>;

/**
 * The answer to a link request, the same whether or not the address has bookings: the answer
 * never tells who bought tickets.
 */
export const BookingLinkResponseSchema = z.object({
  email: z.string(),
  /** How long the link works once sent. */
  validMinutes: z.int().positive(),
});
export type BookingLinkResponse = z.infer<typeof BookingLinkResponseSchema>;

/** `POST /api/booking-access`: opens one booking by its buyer's email and confirmation code. */
export const BookingCodeAccessSchema = z.strictObject(
  { email: BuyerSchema.shape.email, confirmationCode: ConfirmationCodeSchema },
  { error: objectOf('an email address and a confirmation code') },
);
export type BookingCodeAccess = z.infer<typeof BookingCodeAccessSchema>;

/** `POST /api/booking-access/link`: opens the bookings of an emailed link. */
export const BookingLinkAccessSchema = z.strictObject(
  {
    token: z
      .string({ error: 'The link is missing its token' })
      .min(1, { error: 'The link is missing its token' })
      .max(1024, { error: 'The link’s token is not valid' }),
  },
  { error: objectOf('a token') },
);
export type BookingLinkAccess = z.infer<typeof BookingLinkAccessSchema>;

/** The bookings now opened in this browser, as My bookings lists them. */
export const BookingAccessResponseSchema = z.object({ bookings: z.array(BookingSchema) });
export type BookingAccessResponse = z.infer<typeof BookingAccessResponseSchema>;
