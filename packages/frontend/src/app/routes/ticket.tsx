import { useParams } from 'react-router';
import { Alert } from '../../components/alert';
import { Button } from '../../components/button';
import { Spinner } from '../../components/spinner';
import { useBooking } from '../../features/bookings/api/bookings';
import { useTicket } from '../../features/tickets/api/tickets';
import { TicketNotFound, TicketView } from '../../features/tickets/components/ticket-view';
import { ApiError, messageOf } from '../../lib/api-client';
import { usePageTitle } from '../page-title';

/**
 * `/tickets/:code`: one ticket, for its holder to show at the door. The link works for anyone
 * who has it; the browser that bought the booking also learns how many tickets it holds.
 */
export function TicketRoute() {
  const { code = '' } = useParams();
  const ticket = useTicket(code);
  // Only the buyer's browser may read the booking; anywhere else the ticket goes without "of N".
  const booking = useBooking(ticket.data?.bookingId ?? '', undefined, {
    enabled: ticket.isSuccess,
  });
  const missing = ticket.error instanceof ApiError && ticket.error.code === 'TICKET_NOT_FOUND';
  let title: string | undefined;
  if (ticket.isError) title = missing ? 'Ticket not found' : 'Ticket';
  else if (ticket.data) title = `Ticket ${ticket.data.number} — ${ticket.data.concertName}`;
  usePageTitle(title);

  if (ticket.isPending) return <Spinner label="Loading your ticket…" />;
  if (missing) return <TicketNotFound />;
  if (ticket.isError) {
    return (
      <Alert
        tone="error"
        title="Your ticket could not be loaded"
        action={
          <Button variant="secondary" onClick={() => void ticket.refetch()}>
            Try again
          </Button>
        }
      >
        {messageOf(ticket.error)}
      </Alert>
    );
  }
  return <TicketView ticket={ticket.data} of={booking.data?.tickets?.length} />;
}
