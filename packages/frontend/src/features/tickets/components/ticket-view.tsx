import type { Ticket } from '@ticket-booking/shared';
import { ButtonLink } from '../../../components/button';
import { Card } from '../../../components/card';
import { formatVenueTime } from '../../../lib/format';
import { atDoor, ticketNumberText } from '../utils/ticket-text';
import { TicketQr } from './ticket-qr';

function TicketStatus({ ticket }: { ticket: Ticket }) {
  switch (ticket.status) {
    case 'VALID':
      return (
        <div className="bg-emerald-700 px-6 py-4 text-white">
          <p className="text-2xl font-bold">
            <span aria-hidden="true">✓ </span>Valid ticket
          </p>
          <p className="mt-1 text-sm text-white">
            Show this code at the door. It lets one person in, once.
          </p>
        </div>
      );
    case 'CHECKED_IN':
      return (
        <div className="bg-slate-800 px-6 py-4 text-white">
          <p className="text-2xl font-bold">
            Checked in
            {ticket.checkedInAt && ` at ${formatVenueTime(ticket.checkedInAt, ticket.timeZone)}`}
            {atDoor(ticket.door)}
          </p>
          <p className="mt-1 text-sm text-slate-200">This ticket has been used. Enjoy the show!</p>
        </div>
      );
    case 'CANCELLED':
      return (
        <div className="bg-rose-700 px-6 py-5 text-white">
          <p className="text-3xl font-extrabold tracking-tight uppercase">
            <span aria-hidden="true">✕ </span>Cancelled
          </p>
          <p className="mt-1 text-sm text-rose-50">
            This ticket was cancelled with its booking and will not get anyone in.
          </p>
        </div>
      );
  }
}

function Detail({ label, children }: { label: string; children: string }) {
  return (
    <div className="flex justify-between gap-4 py-2">
      <dt className="text-slate-600">{label}</dt>
      <dd className="text-right font-medium">{children}</dd>
    </div>
  );
}

/**
 * One admission, as its holder shows it at the door: the QR code with its text beneath for
 * typing in, what it is for, and whether it still lets anyone in. `of` is its booking's number of
 * tickets, where this browser knows the booking.
 */
export function TicketView({ ticket, of }: { ticket: Ticket; of?: number | undefined }) {
  const numberText = ticketNumberText(ticket.number, of);
  const cancelled = ticket.status === 'CANCELLED';
  return (
    <article className="mx-auto max-w-md">
      <header className="text-center">
        <p className="text-sm font-semibold text-indigo-600">{numberText}</p>
        <h1 className="mt-1 text-3xl font-bold tracking-tight">
          {ticket.artist} — {ticket.concertName}
        </h1>
        <p className="mt-2 text-slate-600">
          {formatVenueTime(ticket.startsAt, ticket.timeZone)} · {ticket.venue}
        </p>
      </header>

      <Card className="mt-6 overflow-hidden">
        <div role="status" aria-label="Ticket status">
          <TicketStatus ticket={ticket} />
        </div>
        <div className="flex flex-col items-center px-6 pt-6">
          {/* A cancelled ticket's code would only send its holder to the door for nothing. */}
          {!cancelled && <TicketQr code={ticket.code} label={`QR code of ${numberText}`} />}
          <p className="mt-4 text-xs font-medium tracking-wide text-slate-500 uppercase">
            Ticket code
          </p>
          <p
            className="mt-1 w-full rounded-lg bg-slate-100 px-3 py-2 text-center font-mono text-sm break-all text-slate-900 select-all"
            data-testid="ticket-code"
          >
            {ticket.code}
          </p>
        </div>
        <dl className="mx-6 mt-4 mb-4 divide-y divide-slate-200 text-sm">
          <Detail label="Tier">{ticket.tierName}</Detail>
          {ticket.seat && <Detail label="Seat">{ticket.seat.label}</Detail>}
          <Detail label="Holder">{ticket.holder}</Detail>
          <Detail label="Ticket">{numberText}</Detail>
          <Detail label="Confirmation code">{ticket.confirmationCode}</Detail>
        </dl>
      </Card>
      <p className="mt-4 text-center text-sm text-slate-600">
        Turn your screen brightness up at the door. If the code will not scan, the door can type the
        ticket code instead.
      </p>
    </article>
  );
}

/** What a code nobody issued gets: no ticket, and no hint of whose it might have been. */
export function TicketNotFound() {
  return (
    <div className="mx-auto max-w-md py-12 text-center">
      <p className="text-sm font-semibold text-rose-700">Ticket not found</p>
      <h1 className="mt-2 text-3xl font-bold tracking-tight">This is not a ticket of ours</h1>
      <p className="mt-3 text-slate-600">
        No Encore ticket has this code. Check that the link was copied whole, or open the ticket
        from your booking.
      </p>
      <ButtonLink to="/bookings" variant="secondary" className="mt-6">
        My bookings
      </ButtonLink>
    </div>
  );
}
