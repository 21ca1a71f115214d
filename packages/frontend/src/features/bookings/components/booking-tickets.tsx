import type { Booking, BookingTicket } from '@ticket-booking/shared';
import { useId } from 'react';
import { Link } from 'react-router';
import { ticketPath } from '../../tickets';

/** "Ticket 1 — VIP": a ticket by its number in the booking and its tier's name. */
function ticketName(booking: Booking, ticket: BookingTicket): string {
  const tierName = booking.items.find((item) => item.tier === ticket.tier)?.name ?? ticket.tier;
  return `Ticket ${ticket.number} — ${tierName}`;
}

/** "Ticket 1 — Stalls, Section Stalls, Row B, Seat 4": with its seat, in a seated tier. */
function ticketNameWithSeat(booking: Booking, ticket: BookingTicket): string {
  const name = ticketName(booking, ticket);
  return ticket.seat ? `${name}, ${ticket.seat.label}` : name;
}

/**
 * A confirmed booking's tickets, each a link to its page with the QR code to show at the door.
 * Nothing for a booking without tickets (a cancelled one).
 */
export function BookingTickets({
  booking,
  compact = false,
}: {
  booking: Booking;
  /** In a list of bookings: a row of small links rather than a list of wide ones. */
  compact?: boolean;
}) {
  const headingId = useId();
  const tickets = booking.tickets ?? [];
  if (booking.status !== 'CONFIRMED' || tickets.length === 0) return null;

  if (compact) {
    return (
      <nav aria-labelledby={headingId} className="mb-3 text-sm">
        <h3 id={headingId} className="sr-only">
          Tickets of booking {booking.confirmationCode}
        </h3>
        <ul className="flex flex-wrap gap-2">
          {tickets.map((ticket) => (
            <li key={ticket.code}>
              <Link
                to={ticketPath(ticket.code)}
                className="inline-flex min-h-11 items-center rounded-lg bg-indigo-50 px-3 font-medium text-indigo-700 hover:bg-indigo-100 focus-visible:outline-2 focus-visible:outline-indigo-600"
              >
                {ticketNameWithSeat(booking, ticket)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
    );
  }

  return (
    <section aria-labelledby={headingId} className="mt-6">
      <h2 id={headingId} className="text-sm font-semibold text-slate-900">
        Your tickets
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        Each ticket has its own QR code, to show at the door from your phone.
      </p>
      <ul className="mt-3 divide-y divide-slate-200 rounded-xl ring-1 ring-slate-200">
        {tickets.map((ticket) => (
          <li key={ticket.code}>
            <Link
              to={ticketPath(ticket.code)}
              className="flex items-center justify-between gap-4 px-4 py-3 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-indigo-600"
            >
              <span>
                <span className="font-medium">{ticketName(booking, ticket)}</span>
                {ticket.seat && <span className="text-slate-600">, {ticket.seat.label}</span>}
              </span>
              <span aria-hidden="true" className="text-sm font-semibold text-indigo-700">
                Show ticket →
              </span>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
