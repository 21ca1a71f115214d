import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { BookingRoute } from '../../../app/routes/booking';
import { BookingsRoute } from '../../../app/routes/bookings';
import { bookingFixture, concertFixture, TICKET_CODES } from '../../../test/fixtures';
import { renderRoute } from '../../../test/render';
import { server } from '../../../test/server';

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

/** Cancelled, yet still listing its tickets: none of them may be offered. */
const cancelled = {
  ...booking,
  status: 'CANCELLED' as const,
  cancelledAt: '2030-01-16T09:00:00.000Z',
};

function serve(...bookings: (typeof booking)[]) {
  server.use(
    http.get('/api/concerts/:id', () => HttpResponse.json({ concert: concertFixture() })),
    http.get('/api/bookings', () => HttpResponse.json({ bookings })),
    http.get('/api/bookings/:id', ({ params }) => {
      const found = bookings.find((b) => b.id === params.id);
      return found
        ? HttpResponse.json({ booking: found })
        : HttpResponse.json(
            { error: { code: 'BOOKING_NOT_FOUND', message: 'No such booking.' } },
            { status: 404 },
          );
    }),
  );
}

describe('a booking’s tickets', () => {
  it('are listed on the confirmation, each by number and tier, linking to its own page', async () => {
    serve(booking);

    renderRoute(<BookingRoute />, { path: '/bookings/:bookingId', url: `/bookings/${booking.id}` });

    const section = await screen.findByRole('region', { name: 'Your tickets' });
    const links = within(section).getAllByRole('link');
    expect(links.map((link) => link.textContent)).toEqual([
      'Ticket 1 — VIPShow ticket →',
      'Ticket 2 — VIPShow ticket →',
      'Ticket 3 — General AdmissionShow ticket →',
    ]);
    expect(
      within(section).getByRole('link', { name: /^Ticket 3 — General Admission/ }),
    ).toHaveAttribute('href', `/tickets/${TICKET_CODES[2]}`);
  });

  it('lead from the confirmation to the ticket’s page', async () => {
    serve(booking);
    const { user, router } = renderRoute(<BookingRoute />, {
      path: '/bookings/:bookingId',
      url: `/bookings/${booking.id}`,
    });

    await user.click(await screen.findByRole('link', { name: /^Ticket 2 — VIP/ }));

    expect(await screen.findByTestId('elsewhere')).toBeInTheDocument();
    expect(router.state.location.pathname).toBe(`/tickets/${TICKET_CODES[1]}`);
  });

  it('are listed on My bookings under their booking, outside its link', async () => {
    serve(booking);

    renderRoute(<BookingsRoute />, { path: '/bookings', url: '/bookings' });

    const tickets = await screen.findByRole('navigation', { name: 'Tickets of booking K7QP-M2XD' });
    expect(
      within(tickets)
        .getAllByRole('link')
        .map((link) => link.getAttribute('href')),
    ).toEqual(TICKET_CODES.map((code) => `/tickets/${code}`));
    expect(within(tickets).getByRole('link', { name: 'Ticket 1 — VIP' })).toBeVisible();
    expect(tickets.closest('a')).toBeNull();
  });

  it('are not offered for a cancelled booking', async () => {
    serve(cancelled);

    renderRoute(<BookingsRoute />, { path: '/bookings', url: '/bookings' });

    const [item] = await screen.findAllByRole('listitem');
    expect(within(item!).getByText('Cancelled')).toBeInTheDocument();
    expect(within(item!).queryByRole('link', { name: /^Ticket/ })).not.toBeInTheDocument();
  });
});
