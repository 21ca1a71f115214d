import type { BookingTicket } from '@ticket-booking/shared';
import type { ConcertSchedule } from '../concerts/concerts.repo.js';
import { venueTime } from '../concerts/concerts.service.js';
import type { BookingRecord } from '../bookings/bookings.repo.js';
import type { CalendarEvent } from './calendar.js';
import { formatMoney, renderMail, type MailContent } from './compose.js';
import type { MailMessage } from './mail.repo.js';

/** What a booking's messages say, of the booking and its concert. */
export interface BookingMailFacts {
  booking: Pick<
    BookingRecord,
    | 'id'
    | 'confirmationCode'
    | 'buyerName'
    | 'buyerEmail'
    | 'totalCents'
    | 'currency'
    | 'cardBrand'
    | 'cardLast4'
    | 'items'
  >;
  concert: ConcertSchedule;
  /** The web app's address, for links. */
  publicUrl: string;
  /** A confirmed booking's tickets. */
  tickets?: BookingTicket[];
}

function appLink(publicUrl: string, path: string): string {
  return `${publicUrl.replace(/\/$/, '')}${path}`;
}

function orderDetails({ booking, concert }: BookingMailFacts): [string, string][] {
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
 * UID), so that a calendar that added it removes it again. Kept as the event's fields: the
 * iCalendar text is made when the message is sent, outside the purchase's transaction.
 */
function calendarEntry(facts: BookingMailFacts, cancelled: boolean): string {
  const { booking, concert, publicUrl } = facts;
  const event: CalendarEvent = {
    uid: `${booking.id}@${new URL(publicUrl).hostname}`,
    start: concert.startsAt,
    title: `${concert.artist}: ${concert.name}`,
    location: concert.venue,
    description: `Booking ${booking.confirmationCode}`,
    url: appLink(publicUrl, `/bookings/${booking.id}`),
    cancelled,
  };
  return JSON.stringify(event);
}

function message(
  facts: BookingMailFacts,
  subject: string,
  content: MailContent,
  cancelled: boolean,
  createdAt: number,
): MailMessage {
  return {
    recipient: facts.booking.buyerEmail,
    subject,
    ...renderMail(content),
    calendar: calendarEntry(facts, cancelled),
    createdAt,
  };
}

/** The confirmation of a purchase, with the order and the concert in the buyer's calendar. */
export function confirmationMail(facts: BookingMailFacts, createdAt: number): MailMessage {
  const { booking, concert, publicUrl } = facts;
  return message(
    facts,
    `Your tickets for ${concert.name} (${booking.confirmationCode})`,
    {
      heading: `You're going to ${concert.name}`,
      intro: [
        `Hi ${booking.buyerName}, thank you for your order. ` +
          `${formatMoney(booking.totalCents, booking.currency)} was charged to your ` +
          `${booking.cardBrand} card ending ${booking.cardLast4}.`,
      ],
      details: orderDetails(facts),
      action: { label: 'See your booking', url: appLink(publicUrl, `/bookings/${booking.id}`) },
      links: facts.tickets && {
        heading: facts.tickets.length === 1 ? 'Your ticket' : 'Your tickets',
        items: facts.tickets.map((ticket) => ({
          label: `Ticket ${ticket.number} of ${facts.tickets?.length ?? 0} (${
            booking.items.find((item) => item.tier === ticket.tier)?.name ?? ticket.tier
          })`,
          url: appLink(publicUrl, `/tickets/${ticket.code}`),
        })),
      },
      outro: [
        'Show each ticket’s QR code at the door, from your phone or printed. The concert is ' +
          'in the calendar invitation attached.',
      ],
    },
    false,
    createdAt,
  );
}

/** The cancellation of a booking: what was given back, and the calendar entry taken away. */
export function cancellationMail(facts: BookingMailFacts, createdAt: number): MailMessage {
  const { booking, concert } = facts;
  return message(
    facts,
    `Booking cancelled: ${concert.name} (${booking.confirmationCode})`,
    {
      heading: `Your booking for ${concert.name} is cancelled`,
      intro: [
        `Hi ${booking.buyerName}, your booking ${booking.confirmationCode} is cancelled and ` +
          `its tickets are back on sale. ${formatMoney(booking.totalCents, booking.currency)} ` +
          `goes back to your ${booking.cardBrand} card ending ${booking.cardLast4}.`,
      ],
      details: orderDetails(facts),
    },
    true,
    createdAt,
  );
}
