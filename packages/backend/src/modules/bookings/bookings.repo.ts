import type { BookingStatus } from '@ticket-booking/shared';

export interface BookingItemRecord {
  tierId: number;
  tier: string;
  name: string;
  quantity: number;
  unitPriceCents: number;
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

/** A booking as it is bought: confirmed, never cancelled yet. */
export type NewBooking = Omit<BookingRecord, 'cancelledAt'>;

/** Bookings: tickets bought, kept when cancelled. */
export interface BookingsRepo {
  insert(booking: NewBooking): Promise<void>;
  /** The session's bookings, newest first. */
  listForSession(sessionId: string): Promise<BookingRecord[]>;
  /** A booking, only if it belongs to the session. */
  findForSession(bookingId: string, sessionId: string): Promise<BookingRecord | undefined>;
  /** Marks a confirmed booking cancelled; a booking already cancelled keeps its first time. */
  cancel(bookingId: string, now: number): Promise<void>;
  isConfirmationCodeTaken(code: string): Promise<boolean>;
}
