import type { BookingStatus, SeatRef } from '@ticket-booking/shared';

export interface BookingItemRecord {
  tierId: number;
  tier: string;
  name: string;
  quantity: number;
  unitPriceCents: number;
  /** In a seated tier: its seats, as they were sold; null or absent otherwise. */
  seats?: SeatRef[] | null;
}

export interface BookingRecord {
  id: string;
  confirmationCode: string;
  sessionId: string;
  concertId: string;
  status: BookingStatus;
  totalCents: number;
  currency: string;
  buyerName: string;
  buyerEmail: string;
  cardBrand: string;
  cardLast4: string;
  createdAt: number;
  /** Set once the booking is cancelled. */
  cancelledAt: number | null;
  items: BookingItemRecord[];
}

/**
 * A buyer as the per-buyer limit knows them: by the email address normalized, and by the card
 * (brand, last four digits, expiry: all that is kept of it). A booking is theirs if either
 * matches.
 */
export interface BuyerKey {
  emailKey: string;
  cardBrand: string;
  cardLast4: string;
  cardExpiry: string;
}

/** A booking as it is bought: confirmed, never cancelled yet, and whose buyer it is. */
export type NewBooking = Omit<BookingRecord, 'cancelledAt'> & {
  buyerEmailKey: string;
  cardExpiry: string;
};

/** Bookings: tickets bought, kept when cancelled. */
export interface BookingsRepo {
  insert(booking: NewBooking): Promise<void>;
  /** The session's bookings, those it bought and those shared with it, newest first. */
  listForSession(sessionId: string): Promise<BookingRecord[]>;
  /** A booking, only if it belongs to the session. */
  findForSession(bookingId: string, sessionId: string): Promise<BookingRecord | undefined>;
  /** The bookings bought with this email address, in any case, newest first. */
  listForEmail(email: string): Promise<BookingRecord[]>;
  findByConfirmationCode(code: string): Promise<BookingRecord | undefined>;
  /**
   * Makes the bookings the session's own as well: its buyer, on another device, sees, opens
   * and cancels them there as where they were bought.
   */
  share(sessionId: string, bookingIds: string[], now: number): Promise<void>;
  /**
   * Marks a confirmed booking cancelled and gives its seats back; a booking already cancelled
   * keeps its first time.
   */
  cancel(bookingId: string, now: number): Promise<void>;
  isConfirmationCodeTaken(code: string): Promise<boolean>;
  /**
   * The tickets of the concert's confirmed bookings whose email key or card is the buyer's. In a
   * write, read under the concert's lock, as every purchase of it is decided.
   */
  ticketsBoughtBy(concertId: string, buyer: BuyerKey): Promise<number>;
}
