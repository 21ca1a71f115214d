import { venueTime } from '../concerts/concerts.service.js';
import { bookingTickets } from '../tickets/tickets.service.js';
import { formatMoney, type MailContent } from './compose.js';
import {
  appLink,
  type BookingFacts,
  type ConcertFacts,
  type LetterContext,
  type MailImage,
} from './letters.js';
import type { CalendarEvent } from './calendar.js';

/** A booking's message, as `renderLetter` finishes it. */
export interface BookingMessage {
  content: MailContent;
  calendar: CalendarEvent;
  images: MailImage[];
}

interface BookingLetter {
  booking: BookingFacts;
  concert: ConcertFacts;
}

export function confirmationSubject({ booking, concert }: BookingLetter): string {
  return `Your tickets for ${concert.name} (${booking.confirmationCode})`;
}

export function cancellationSubject({ booking, concert }: BookingLetter): string {
  return `Booking cancelled: ${concert.name} (${booking.confirmationCode})`;
}

function orderDetails({ booking, concert }: BookingLetter): [string, string][] {
  return [
    ['Concert', `${concert.name}: ${concert.artist}`],
    ['When', venueTime(concert, concert.startsAt)],
    ['Where', concert.venue],
    ...booking.items.map(({ name, quantity, unitPriceCents }): [string, string] => [
      `${quantity} × ${name}`,
      formatMoney(quantity * unitPriceCents, booking.currency),
    ]),
    ['Total', formatMoney(booking.totalCents, booking.currency)],
    ['Confirmation code', booking.confirmationCode],
  ];
}

/**
 * The calendar entry of the booking, the same for the confirmation and the cancellation (by its
 * UID), so that a calendar that added it removes it again.
 */
function calendarEntry(
  { booking, concert }: BookingLetter,
  publicUrl: string,
  cancelled: boolean,
): CalendarEvent {
  return {
    uid: `${booking.id}@${new URL(publicUrl).hostname}`,
    start: concert.startsAt,
    title: `${concert.artist}: ${concert.name}`,
    location: concert.venue,
    description: `Booking ${booking.confirmationCode}`,
    url: appLink(publicUrl, `/bookings/${booking.id}`),
    cancelled,
  };
}

/**
 * The confirmation of a purchase: the order, each ticket with its QR code (an image attached to
 * the message, so it shows with no network at the door), and the concert in the calendar.
 */
export function confirmationMessage(
  letter: BookingLetter,
  context: LetterContext,
  imageSrc: (image: MailImage) => string,
): BookingMessage {
  const { booking } = letter;
  const { publicUrl } = context;
  const tickets = bookingTickets(context.ticketCodes, { ...booking, status: 'CONFIRMED' }) ?? [];
  const images = tickets.map((ticket): MailImage => ({
    cid: `ticket-${ticket.number}.${booking.id}@tickets`,
    qr: ticket.code,
    filename: `ticket-${ticket.number}.png`,
  }));
  return {
    content: {
      heading: `You're going to ${letter.concert.name}`,
      intro: [
        `Hi ${booking.buyerName}, thank you for your order. ` +
          `${formatMoney(booking.totalCents, booking.currency)} was charged to your ` +
          `${booking.cardBrand} card ending ${booking.cardLast4}.`,
      ],
      details: orderDetails(letter),
      action: { label: 'See your booking', url: appLink(publicUrl, `/bookings/${booking.id}`) },
      links: {
        heading: tickets.length === 1 ? 'Your ticket' : 'Your tickets',
        items: tickets.map((ticket, i) => {
          const tier = booking.items.find((item) => item.tier === ticket.tier)?.name ?? ticket.tier;
          const what = ticket.seat ? `${tier}, ${ticket.seat.label}` : tier;
          const label = `Ticket ${ticket.number} of ${tickets.length} (${what})`;
          const image = images[i];
          return {
            label,
            url: appLink(publicUrl, `/tickets/${ticket.code}`),
            image: image && { src: imageSrc(image), alt: `QR code of ${label}` },
          };
        }),
      },
      outro: [
        'Show each ticket’s QR code at the door, from your phone or printed. The concert is ' +
          'in the calendar invitation attached.',
      ],
    },
    calendar: calendarEntry(letter, publicUrl, false),
    images,
  };
}

/** The cancellation of a booking: what was given back, and the calendar entry taken away. */
export function cancellationMessage(letter: BookingLetter, context: LetterContext): BookingMessage {
  const { booking } = letter;
  return {
    content: {
      heading: `Your booking for ${letter.concert.name} is cancelled`,
      intro: [
        `Hi ${booking.buyerName}, your booking ${booking.confirmationCode} is cancelled and ` +
          `its tickets are back on sale. ${formatMoney(booking.totalCents, booking.currency)} ` +
          `goes back to your ${booking.cardBrand} card ending ${booking.cardLast4}.`,
      ],
      details: orderDetails(letter),
    },
    calendar: calendarEntry(letter, context.publicUrl, true),
    images: [],
  };
}
