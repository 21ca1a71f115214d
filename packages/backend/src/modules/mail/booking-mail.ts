import { createEvent, type EventAttributes } from 'ics';
import type { ConcertSchedule } from '../concerts/concerts.repo.js';
import { venueTime } from '../concerts/concerts.service.js';
import type { BookingRecord } from '../bookings/bookings.repo.js';
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
}

/** Concerts have a start and no end: the calendar entry gives the evening three hours. */
const CALENDAR_DURATION = { hours: 3 };

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
 * UID), so that a calendar that added it removes it again.
 */
function calendarEntry(facts: BookingMailFacts, cancelled: boolean): string | undefined {
  const { booking, concert, publicUrl } = facts;
  const event: EventAttributes = {
    productId: 'ticket-booking',
    uid: `${booking.id}@${new URL(publicUrl).hostname}`,
    start: concert.startsAt,
    startInputType: 'utc',
    startOutputType: 'utc',
    duration: CALENDAR_DURATION,
    title: `${concert.artist}: ${concert.name}`,
    location: concert.venue,
    description: `Booking ${booking.confirmationCode}`,
    url: appLink(publicUrl, `/bookings/${booking.id}`),
    method: cancelled ? 'CANCEL' : 'PUBLISH',
    status: cancelled ? 'CANCELLED' : 'CONFIRMED',
    sequence: cancelled ? 1 : 0,
  };
  const { value } = createEvent(event);
  return value ?? undefined;
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
      outro: [
        'The concert is in the calendar invitation attached. Keep your confirmation code: ' +
          'it is how the box office finds your booking.',
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
