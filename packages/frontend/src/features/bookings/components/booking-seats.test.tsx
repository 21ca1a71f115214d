import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { BookingRoute } from '../../../app/routes/booking';
import { BookingsRoute } from '../../../app/routes/bookings';
import {
  bookingFixture,
  seatedConcertFixture,
  seatRefFixture,
  TICKET_CODES,
} from '../../../test/fixtures';
import { renderRoute } from '../../../test/render';
import { server } from '../../../test/server';

/** Two Stalls seats side by side and one standing ticket. */
const booking = bookingFixture({
  items: [
    {
      tier: 'stalls',
      name: 'Stalls',
      quantity: 2,
      unitPriceCents: 4_500,
      seats: [seatRefFixture('B', '4'), seatRefFixture('B', '5')],
    },
    { tier: 'ga', name: 'General Admission', quantity: 1, unitPriceCents: 2_000 },
  ],
  totalCents: 11_000,
  tickets: [
    { code: TICKET_CODES[0], number: 1, tier: 'stalls', seat: seatRefFixture('B', '4') },
    { code: TICKET_CODES[1], number: 2, tier: 'stalls', seat: seatRefFixture('B', '5') },
    { code: TICKET_CODES[2], number: 3, tier: 'ga' },
  ],
});

function serve() {
  server.use(
    http.get('/api/concerts/:id', () => HttpResponse.json({ concert: seatedConcertFixture() })),
    http.get('/api/bookings', () => HttpResponse.json({ bookings: [booking] })),
    http.get('/api/bookings/:id', () => HttpResponse.json({ booking })),
  );
}

describe('a booking of seats', () => {
  it('lists the seats of each seated line on the confirmation, and each ticket’s seat', async () => {
    serve();

    renderRoute(<BookingRoute />, { path: '/bookings/:bookingId', url: `/bookings/${booking.id}` });

    const seats = await screen.findByRole('list', { name: 'Stalls seats' });
    expect(
      within(seats)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['Section Stalls, Row B, Seat 4', 'Section Stalls, Row B, Seat 5']);
    expect(screen.queryByRole('list', { name: 'General Admission seats' })).toBeNull();
    const tickets = within(screen.getByRole('region', { name: 'Your tickets' }));
    expect(tickets.getAllByRole('link').map((link) => link.textContent)).toEqual([
      'Ticket 1 — Stalls, Section Stalls, Row B, Seat 4Show ticket →',
      'Ticket 2 — Stalls, Section Stalls, Row B, Seat 5Show ticket →',
      'Ticket 3 — General AdmissionShow ticket →',
    ]);
    expect(
      tickets.getByRole('link', { name: 'Ticket 2 — Stalls, Section Stalls, Row B, Seat 5' }),
    ).toHaveAttribute('href', `/tickets/${TICKET_CODES[1]}`);
  });

  it('names the seats on My bookings, on the booking’s line and on each ticket', async () => {
    serve();

    renderRoute(<BookingsRoute />, { path: '/bookings', url: '/bookings' });

    const card = (await screen.findByText(/2 × Stalls/)).closest('li');
    expect(card).toHaveTextContent(
      '2 × Stalls (Section Stalls, Row B, Seats 4–5), 1 × General Admission · $110.00',
    );
    const tickets = within(
      screen.getByRole('navigation', { name: 'Tickets of booking K7QP-M2XD' }),
    );
    expect(tickets.getAllByRole('link').map((link) => link.textContent)).toEqual([
      'Ticket 1 — Stalls, Section Stalls, Row B, Seat 4',
      'Ticket 2 — Stalls, Section Stalls, Row B, Seat 5',
      'Ticket 3 — General Admission',
    ]);
  });
});
