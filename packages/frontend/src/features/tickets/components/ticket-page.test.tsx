import type { Ticket } from '@ticket-booking/shared';
import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { TicketRoute } from '../../../app/routes/ticket';
import { formatVenueTime } from '../../../lib/format';
import {
  bookingFixture,
  seatRefFixture,
  TICKET_CODES,
  ticketFixture,
} from '../../../test/fixtures';
import { renderRoute } from '../../../test/render';
import { server } from '../../../test/server';

const ticket = ticketFixture();

/** A booking of three tickets, the second of which is `ticket`. */
const booking = bookingFixture({
  items: [
    { tier: 'vip', name: 'VIP', quantity: 2, unitPriceCents: 24_900 },
    { tier: 'ga', name: 'General Admission', quantity: 1, unitPriceCents: 6_900 },
  ],
  totalCents: 56_700,
  tickets: [
    { code: TICKET_CODES[0], number: 1, tier: 'vip' },
    { code: TICKET_CODES[1], number: 2, tier: 'vip' },
    { code: TICKET_CODES[2], number: 3, tier: 'ga' },
  ],
});

function apiError(status: number, code: string, message: string) {
  return HttpResponse.json({ error: { code, message, details: [] } }, { status });
}

/** Serves `shown` by its code; the booking only if this browser bought it. */
function serveTicket(shown: Ticket | Response, { buyer = true } = {}) {
  server.use(
    http.get('/api/tickets/:code', ({ params }) => {
      if (shown instanceof Response) return shown;
      return params.code === shown.code
        ? HttpResponse.json({ ticket: shown })
        : apiError(404, 'TICKET_NOT_FOUND', 'There is no such ticket.');
    }),
    http.get('/api/bookings/:id', () =>
      buyer
        ? HttpResponse.json({ booking })
        : apiError(404, 'BOOKING_NOT_FOUND', 'There is no such booking.'),
    ),
  );
}

function renderTicket(code: string = ticket.code) {
  return renderRoute(<TicketRoute />, { path: '/tickets/:code', url: `/tickets/${code}` });
}

describe('the ticket page', () => {
  it('shows a valid ticket’s QR code, its code to type, and what it is for', async () => {
    serveTicket(ticket);

    renderTicket();

    const qr = await screen.findByRole('img', { name: /^QR code of Ticket 2/ });
    expect(qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml;charset=utf-8,%3Csvg/);
    expect(screen.getByTestId('ticket-code')).toHaveTextContent(ticket.code);
    expect(screen.getByTestId('ticket-code')).toHaveClass('font-mono', 'select-all');
    expect(
      screen.getByRole('heading', { level: 1, name: 'Neon Harbor — Tidelight Tour' }),
    ).toBeVisible();
    expect(screen.getByRole('article')).toHaveTextContent(
      // As the page's text is matched: with its narrow no-break spaces as plain ones.
      `${formatVenueTime(ticket.startsAt, ticket.timeZone).replace(/\s+/g, ' ')} · Riverside Amphitheater`,
    );
    expect(screen.getByText('Tier').nextElementSibling).toHaveTextContent('VIP');
    expect(screen.getByText('Holder').nextElementSibling).toHaveTextContent('Ada Lindqvist');
    expect(screen.getByText('Confirmation code').nextElementSibling).toHaveTextContent('K7QP-M2XD');
    expect(screen.getByRole('status', { name: 'Ticket status' })).toHaveTextContent('Valid ticket');
  });

  it('shows the seat of a ticket in a seated tier, by its label', async () => {
    serveTicket(
      ticketFixture({ tier: 'stalls', tierName: 'Stalls', seat: seatRefFixture('B', '4') }),
    );

    renderTicket();

    expect(await screen.findByText('Seat', { selector: 'dt' })).toBeInTheDocument();
    expect(screen.getByText('Seat', { selector: 'dt' }).nextElementSibling).toHaveTextContent(
      'Section Stalls, Row B, Seat 4',
    );
    expect(screen.getByText('Tier').nextElementSibling).toHaveTextContent('Stalls');
  });

  it('shows no seat for a ticket sold by tier only', async () => {
    serveTicket(ticket);

    renderTicket();

    expect(await screen.findByText('Tier', { selector: 'dt' })).toBeInTheDocument();
    expect(screen.queryByText('Seat', { selector: 'dt' })).not.toBeInTheDocument();
  });

  it('tells the date in the venue’s time zone, whatever zone the browser is in', async () => {
    serveTicket(ticket);

    renderTicket();

    // 19:30 UTC is 2:30 PM in New York.
    expect(await screen.findByText(/2:30\sPM EST · Riverside Amphitheater/)).toBeVisible();
  });

  it('says “Ticket 2 of 3” in the browser that bought the booking', async () => {
    serveTicket(ticket);

    renderTicket();

    expect(await screen.findByText('Ticket', { selector: 'dt' })).toBeInTheDocument();
    await waitFor(() => {
      expect(screen.getByText('Ticket', { selector: 'dt' }).nextElementSibling).toHaveTextContent(
        'Ticket 2 of 3',
      );
    });
    expect(document.title).toBe('Ticket 2 — Tidelight Tour — Encore Tickets');
  });

  it('says “Ticket 2” where the booking cannot be read, and still shows the ticket', async () => {
    serveTicket(ticket, { buyer: false });

    renderTicket();

    expect(await screen.findByRole('img', { name: /^QR code of Ticket 2$/ })).toBeVisible();
    expect(screen.getByText('Ticket', { selector: 'dt' }).nextElementSibling).toHaveTextContent(
      /^Ticket 2$/,
    );
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('says when and at which door a used ticket was checked in, in the venue’s time', async () => {
    serveTicket(
      ticketFixture({
        status: 'CHECKED_IN',
        checkedInAt: '2030-02-15T00:42:00.000Z',
        door: 'Door 2',
      }),
    );

    renderTicket();

    expect(await screen.findByRole('status', { name: 'Ticket status' })).toHaveTextContent(
      /Checked in at Thu, Feb 14, 2030, 7:42\sPM EST at Door 2/,
    );
  });

  it('says plainly that a cancelled ticket will not get anyone in, and shows no QR code', async () => {
    serveTicket(ticketFixture({ status: 'CANCELLED' }));

    renderTicket();

    const status = await screen.findByRole('status', { name: 'Ticket status' });
    expect(status).toHaveTextContent('Cancelled');
    expect(status).toHaveTextContent('will not get anyone in');
    expect(screen.queryByRole('img')).not.toBeInTheDocument();
    expect(screen.getByTestId('ticket-code')).toHaveTextContent(TICKET_CODES[1]);
  });

  it('says a code nobody issued is not a ticket of ours', async () => {
    serveTicket(ticket);

    renderTicket(TICKET_CODES[0]);

    expect(
      await screen.findByRole('heading', { level: 1, name: 'This is not a ticket of ours' }),
    ).toBeVisible();
    expect(screen.queryByRole('img')).not.toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'My bookings' })).toHaveAttribute('href', '/bookings');
    expect(document.title).toBe('Ticket not found — Encore Tickets');
  });

  it('explains a failure to load in plain words, and loads on Try again', async () => {
    let up = false;
    server.use(
      http.get('/api/tickets/:code', () =>
        up ? HttpResponse.json({ ticket }) : HttpResponse.error(),
      ),
      http.get('/api/bookings/:id', () => HttpResponse.json({ booking })),
    );
    const { user } = renderTicket();

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Your ticket could not be loaded');
    expect(alert).toHaveTextContent(/could not reach the box office/i);
    up = true;
    await user.click(within(alert).getByRole('button', { name: 'Try again' }));

    expect(await screen.findByRole('img', { name: /^QR code of Ticket 2/ })).toBeVisible();
  });
});
