import type { BookingRecord } from '../bookings/bookings.repo.js';
import type { ConcertSchedule } from '../concerts/concerts.repo.js';
import type { TicketCodes } from '../tickets/ticket-codes.js';
import type { CalendarEvent } from './calendar.js';

/** The concert as a message tells of it. */
export type ConcertFacts = Pick<
  ConcertSchedule,
  'name' | 'artist' | 'venue' | 'startsAt' | 'timeZone'
>;

/** A booking as its messages tell of it. */
export type BookingFacts = Pick<
  BookingRecord,
  | 'id'
  | 'concertId'
  | 'confirmationCode'
  | 'buyerName'
  | 'totalCents'
  | 'currency'
  | 'cardBrand'
  | 'cardLast4'
  | 'items'
>;

/**
 * What a message says, as the transaction that decides it writes it to the outbox: the facts
 * alone, a few hundred bytes of JSON. The words, the HTML, the QR codes and the calendar entry
 * are made from them when the message is sent, outside the transaction and off the requests'
 * thread (`renderLetter`).
 */
export type MailLetter =
  | { kind: 'booking-confirmed'; booking: BookingFacts; concert: ConcertFacts }
  | { kind: 'booking-cancelled'; booking: BookingFacts; concert: ConcertFacts }
  | {
      kind: 'waiting-list-offer';
      token: string;
      quantity: number;
      tierName: string;
      expiresAt: number;
      concert: ConcertFacts;
    }
  | {
      kind: 'booking-link';
      /** Opens the buyer's bookings on the device that follows the link. */
      token: string;
      validMinutes: number;
      bookings: number;
    };

/** An image sent with a message, shown in its HTML by `cid`: a ticket's QR code. */
export interface MailImage {
  cid: string;
  /** What the QR code says: the ticket's code. */
  qr: string;
  filename: string;
}

/** A message ready for the transport. */
export interface RenderedMail {
  subject: string;
  text: string;
  html?: string;
  calendar?: CalendarEvent;
  images: MailImage[];
}

/** What rendering needs beside the letter. */
export interface LetterContext {
  /** The web app's address, for links. */
  publicUrl: string;
  /** To make a confirmed booking's ticket codes. */
  ticketCodes: TicketCodes;
}

export function concertFacts(schedule: ConcertSchedule): ConcertFacts {
  const { name, artist, venue, startsAt, timeZone } = schedule;
  return { name, artist, venue, startsAt, timeZone };
}

export function bookingFacts(booking: BookingFacts): BookingFacts {
  const { id, concertId, confirmationCode, buyerName, totalCents, currency, cardBrand, cardLast4 } =
    booking;
  return {
    id,
    concertId,
    confirmationCode,
    buyerName,
    totalCents,
    currency,
    cardBrand,
    cardLast4,
    items: booking.items,
  };
}

export function appLink(publicUrl: string, path: string): string {
  return `${publicUrl.replace(/\/$/, '')}${path}`;
}
