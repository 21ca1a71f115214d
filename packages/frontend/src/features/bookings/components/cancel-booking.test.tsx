import type { Booking, ErrorCode } from '@ticket-booking/shared';
import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { BookingsRoute } from '../../../app/routes/bookings';
import { bookingFixture, concertFixture } from '../../../test/fixtures';
import { renderRoute } from '../../../test/render';
import { server } from '../../../test/server';

const booking = bookingFixture();
const cancelledAt = '2030-01-16T09:00:00.000Z';

/** The API as My bookings sees it; the list reflects the stored booking, as the server's does. */
function serveBookings(cancel: () => Promise<Response> | Response) {
  let stored: Booking = booking;
  const calls = { list: 0, cancel: 0 };
  server.use(
    http.get('/api/concerts/:id', () => HttpResponse.json({ concert: concertFixture() })),
    http.get('/api/bookings', () => {
      calls.list += 1;
      return HttpResponse.json({ bookings: [stored] });
    }),
    http.delete(`/api/bookings/${booking.id}`, async () => {
      calls.cancel += 1;
      const res = await cancel();
      if (res.ok) stored = { ...booking, status: 'CANCELLED', cancelledAt };
      return res;
    }),
  );
  return calls;
}

function cancelled() {
  return HttpResponse.json({ booking: { ...booking, status: 'CANCELLED', cancelledAt } });
}

function refused(status: number, code: ErrorCode, message: string) {
  return HttpResponse.json({ error: { code, message } }, { status });
}

async function openDialog() {
  const view = renderRoute(<BookingsRoute />, { path: '/bookings', url: '/bookings' });
  const [item] = await screen.findAllByRole('listitem');
  await view.user.click(within(item!).getByRole('button', { name: 'Cancel booking' }));
  const dialog = await screen.findByRole('alertdialog', { name: 'Cancel booking K7QP-M2XD?' });
  return { ...view, item: item!, dialog };
}

describe('cancelling a booking from My bookings', () => {
  it('asks first, saying the tickets are released and how the simulated payment is refunded', async () => {
    const calls = serveBookings(cancelled);

    const { dialog } = await openDialog();

    expect(dialog).toHaveAccessibleDescription(/your 2 tickets will be released/i);
    expect(dialog).toHaveAccessibleDescription(/payment in this shop is simulated/i);
    expect(dialog).toHaveAccessibleDescription(/\$498\.00 to the card ending in 4242/);
    expect(within(dialog).getByRole('button', { name: 'Keep booking' })).toHaveFocus();
    expect(calls.cancel).toBe(0);
  });

  it('once confirmed, shows progress, then the booking as cancelled without a reload', async () => {
    let answer: (res: Response) => void = () => undefined;
    const calls = serveBookings(() => new Promise<Response>((resolve) => (answer = resolve)));
    const { user, item, dialog } = await openDialog();

    await user.click(within(dialog).getByRole('button', { name: 'Yes, cancel booking' }));

    const progress = await within(dialog).findByRole('button', { name: 'Cancelling…' });
    expect(progress).toBeDisabled();
    answer(cancelled());
    await waitFor(() => {
      expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    });
    expect(await within(item).findByText('Cancelled')).toBeInTheDocument();
    expect(within(item).queryByRole('button', { name: 'Cancel booking' })).not.toBeInTheDocument();
    expect(within(item).getByRole('status')).toHaveTextContent('Booking K7QP-M2XD is cancelled.');
    expect(calls).toEqual({ list: 2, cancel: 1 });
  });

  it('dismissing with “Keep booking” cancels nothing and returns focus to the button', async () => {
    const calls = serveBookings(cancelled);
    const { user, item, dialog } = await openDialog();

    await user.click(within(dialog).getByRole('button', { name: 'Keep booking' }));

    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(within(item).getByText('Confirmed')).toBeInTheDocument();
    expect(within(item).getByRole('button', { name: 'Cancel booking' })).toHaveFocus();
    expect(calls.cancel).toBe(0);
  });

  it('dismissing with Escape cancels nothing', async () => {
    const calls = serveBookings(cancelled);
    const { user, item } = await openDialog();

    await user.keyboard('{Escape}');

    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(within(item).getByText('Confirmed')).toBeInTheDocument();
    expect(calls.cancel).toBe(0);
  });

  it.each([
    [
      'a concert that has started (409)',
      () =>
        refused(
          409,
          'BOOKING_NOT_CANCELLABLE',
          'This concert has already started, so the booking can no longer be cancelled.',
        ),
      /can no longer be cancelled.*already started/i,
    ],
    [
      'a booking the server does not know (404)',
      () => refused(404, 'BOOKING_NOT_FOUND', 'There is no such booking.'),
      /could not find this booking.*no such booking/i,
    ],
    ['no connection', () => HttpResponse.error(), /could not reach the box office/i],
  ])('%s: says why in the dialog and leaves the booking confirmed', async (_, answer, message) => {
    serveBookings(answer);
    const { user, item, dialog } = await openDialog();

    await user.click(within(dialog).getByRole('button', { name: 'Yes, cancel booking' }));

    expect(await within(dialog).findByRole('alert')).toHaveTextContent(message);
    expect(within(dialog).getByRole('button', { name: 'Yes, cancel booking' })).toBeEnabled();
    expect(within(item).getByText('Confirmed')).toBeInTheDocument();
  });

  it('a cancelled booking shows as cancelled and offers no cancellation', async () => {
    server.use(
      http.get('/api/concerts/:id', () => HttpResponse.json({ concert: concertFixture() })),
      http.get('/api/bookings', () =>
        HttpResponse.json({ bookings: [{ ...booking, status: 'CANCELLED', cancelledAt }] }),
      ),
    );

    renderRoute(<BookingsRoute />, { path: '/bookings', url: '/bookings' });

    const [item] = await screen.findAllByRole('listitem');
    expect(within(item!).getByText('Cancelled')).toBeInTheDocument();
    expect(within(item!).queryByRole('button', { name: 'Cancel booking' })).not.toBeInTheDocument();
  });
});
