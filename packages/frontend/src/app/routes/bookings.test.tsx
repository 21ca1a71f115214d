import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { bookingFixture, concertFixture } from '../../test/fixtures';
import { renderRoute } from '../../test/render';
import { server } from '../../test/server';
import { BookingRoute } from './booking';
import { BookingsRoute } from './bookings';

const concert = concertFixture();

/** The concert by its id; the list has none, as once its sales are over. */
function serveConcerts(shown = concert) {
  server.use(
    http.get('/api/concerts', () => HttpResponse.json({ concerts: [] })),
    http.get('/api/concerts/:id', ({ params }) =>
      params.id === shown.id
        ? HttpResponse.json({ concert: shown })
        : HttpResponse.json(
            { error: { code: 'CONCERT_NOT_FOUND', message: 'No.' } },
            { status: 404 },
          ),
    ),
  );
}

describe('My bookings', () => {
  it('lists this browser’s bookings with their concert, code and total, each linking to its confirmation', async () => {
    serveConcerts();
    const newer = bookingFixture({
      id: '2c5ea4c0-4067-41d2-8a1c-7a1f3bb1f0a1',
      confirmationCode: 'ZX9R-4KQM',
    });
    const older = bookingFixture();
    server.use(http.get('/api/bookings', () => HttpResponse.json({ bookings: [newer, older] })));

    renderRoute(<BookingsRoute />, { path: '/bookings', url: '/bookings' });

    const items = await screen.findAllByRole('listitem');
    expect(items).toHaveLength(2);
    expect(within(items[0]!).getByText('ZX9R-4KQM')).toBeInTheDocument();
    expect(await within(items[0]!).findByText('Neon Harbor — Tidelight Tour')).toBeInTheDocument();
    expect(within(items[1]!).getByText(/2 × VIP/)).toHaveTextContent('$498.00');
    expect(within(items[1]!).getByRole('link')).toHaveAttribute('href', `/bookings/${older.id}`);
  });

  it('says so when there are no bookings yet, and points to the concerts', async () => {
    serveConcerts();
    server.use(http.get('/api/bookings', () => HttpResponse.json({ bookings: [] })));

    renderRoute(<BookingsRoute />, { path: '/bookings', url: '/bookings' });

    expect(await screen.findByText('No bookings yet')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Find a concert' })).toHaveAttribute('href', '/');
  });

  it('shows an error in plain words, with a way to try again', async () => {
    serveConcerts();
    server.use(http.get('/api/bookings', () => HttpResponse.error()));

    renderRoute(<BookingsRoute />, { path: '/bookings', url: '/bookings' });

    expect(await screen.findByRole('alert')).toHaveTextContent(/could not reach the box office/i);
    expect(screen.getByRole('button', { name: 'Try again' })).toBeInTheDocument();
  });
});

describe('the confirmation', () => {
  it('shows the confirmation code, the items and the total of a booking', async () => {
    serveConcerts();
    const booking = bookingFixture();
    server.use(http.get(`/api/bookings/${booking.id}`, () => HttpResponse.json({ booking })));

    renderRoute(<BookingRoute />, { path: '/bookings/:bookingId', url: `/bookings/${booking.id}` });

    expect(await screen.findByTestId('confirmation-code')).toHaveTextContent('K7QP-M2XD');
    expect(screen.getByText('2 × VIP')).toBeInTheDocument();
    expect(screen.getByText('Total').nextSibling).toHaveTextContent('$498.00');
    expect(screen.getByText(/Visa ending in 4242/)).toBeInTheDocument();
    expect(
      await screen.findByRole('heading', { name: 'Neon Harbor — Tidelight Tour' }),
    ).toBeInTheDocument();
  });

  it('still names the concert, at its venue’s time, once it is over and off the list', async () => {
    serveConcerts(concertFixture({ status: 'STARTED' }));
    const booking = bookingFixture();
    server.use(http.get(`/api/bookings/${booking.id}`, () => HttpResponse.json({ booking })));

    renderRoute(<BookingRoute />, { path: '/bookings/:bookingId', url: `/bookings/${booking.id}` });

    expect(
      await screen.findByRole('heading', { name: 'Neon Harbor — Tidelight Tour' }),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Thu, Feb 14, 2030, 2:30 PM EST · Riverside Amphitheater'),
    ).toBeInTheDocument();
  });

  it('shows the booking handed over by checkout at once, without asking the server', async () => {
    serveConcerts();
    const booking = bookingFixture();

    renderRoute(<BookingRoute />, {
      path: '/bookings/:bookingId',
      url: `/bookings/${booking.id}`,
      state: { booking },
    });

    expect(await screen.findByTestId('confirmation-code')).toHaveTextContent('K7QP-M2XD');
  });

  it('explains that a booking from another browser cannot be seen', async () => {
    serveConcerts();
    server.use(
      http.get('/api/bookings/:id', () =>
        HttpResponse.json(
          { error: { code: 'BOOKING_NOT_FOUND', message: 'There is no such booking.' } },
          { status: 404 },
        ),
      ),
    );

    renderRoute(<BookingRoute />, {
      path: '/bookings/:bookingId',
      url: '/bookings/1b4e28ba-2fa1-41d2-883f-0016d3cca427',
    });

    expect(await screen.findByRole('alert')).toHaveTextContent(/could not find this booking/i);
  });
});
