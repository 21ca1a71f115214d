import type {
  Booking,
  BookingCodeAccess,
  BookingLinkAccess,
  BookingLinkRequest,
  BookingLinkResponse,
} from '@ticket-booking/shared';
import { AppError } from '../../lib/app-error.js';
import { mailMessage } from '../mail/render.js';
import type { BookingLinks } from './booking-links.js';
import { toBookingView, type BookingsDeps } from './bookings.service.js';

export interface BookingAccessDeps extends BookingsDeps {
  bookingLinks: BookingLinks;
}

/** How long an emailed link opens the bookings. */
export const LINK_VALID_MINUTES = 60;

/**
 * Emails a link that opens the bookings bought with `request.email`, to the address they were
 * bought with, in the outbox of the transaction that found them. The answer is the same whether
 * or not there are any: it tells nobody who bought tickets.
 */
export async function sendBookingLink(
  deps: BookingAccessDeps,
  request: BookingLinkRequest,
): Promise<BookingLinkResponse> {
  const now = deps.clock.now();
  await deps.store.write(async (tx) => {
    const bookings = await tx.bookings.listForEmail(request.email);
    const newest = bookings[0];
    if (!newest) return;
    const token = deps.bookingLinks.tokenOf({
      email: request.email.toLowerCase(),
      expiresAt: now + LINK_VALID_MINUTES * 60_000,
    });
    await tx.mail.record(
      mailMessage(
        newest.buyerEmail,
        {
          kind: 'booking-link',
          token,
          validMinutes: LINK_VALID_MINUTES,
          bookings: bookings.length,
        },
        now,
      ),
    );
  });
  return { email: request.email, validMinutes: LINK_VALID_MINUTES };
}

/** Opens one booking in the session by its buyer's email address and confirmation code. */
export async function openBookingByCode(
  deps: BookingAccessDeps,
  sessionId: string,
  request: BookingCodeAccess,
): Promise<Booking[]> {
  const now = deps.clock.now();
  return deps.store.write(async (tx) => {
    const record = await tx.bookings.findByConfirmationCode(request.confirmationCode);
    if (record?.buyerEmail.toLowerCase() !== request.email.toLowerCase()) {
      throw new AppError(
        'BOOKING_NOT_FOUND',
        'No booking has this email address and confirmation code. Check both against your confirmation email, or ask for a link by email.',
      );
    }
    await tx.bookings.share(sessionId, [record.id], now);
    return [toBookingView(deps.ticketCodes, record)];
  });
}

/** Opens every booking of an emailed link's address in the session, while the link works. */
export async function openBookingsByLink(
  deps: BookingAccessDeps,
  sessionId: string,
  request: BookingLinkAccess,
): Promise<Booking[]> {
  const claim = deps.bookingLinks.read(request.token);
  if (!claim) {
    throw new AppError(
      'BOOKING_LINK_INVALID',
      'This link opens no bookings. Use the whole link from the email, or ask for a new one.',
    );
  }
  const now = deps.clock.now();
  if (now >= claim.expiresAt) {
    throw new AppError(
      'BOOKING_LINK_EXPIRED',
      `This link worked for ${LINK_VALID_MINUTES} minutes and has run out. Ask for a new one: it comes at once.`,
    );
  }
  return deps.store.write(async (tx) => {
    const records = await tx.bookings.listForEmail(claim.email);
    await tx.bookings.share(
      sessionId,
      records.map((record) => record.id),
      now,
    );
    return records.map((record) => toBookingView(deps.ticketCodes, record));
  });
}
