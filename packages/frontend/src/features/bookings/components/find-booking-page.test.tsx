import type { Booking, ErrorCode } from '@ticket-booking/shared';
import { configure, screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { afterEach, describe, expect, it } from 'vitest';
import { BookingRoute } from '../../../app/routes/booking';
import { BookingsRoute } from '../../../app/routes/bookings';
import { FindBookingRoute } from '../../../app/routes/find-booking';
import { bookingFixture, concertFixture } from '../../../test/fixtures';
import { renderRoute } from '../../../test/render';
import { server } from '../../../test/server';
import { bookingKeys } from '../api/bookings';

const TOKEN = 'eyJlIjoiYWRhQGV4YW1wbGUuY29tIn0.c2lnbmF0dXJl';

const booking = bookingFixture();
const other = bookingFixture({
  id: '2c5ea4c0-4067-41d2-8a1c-7a1f3bb1f0a1',
  confirmationCode: 'ZX9R-4KQM',
});

afterEach(() => {
  configure({ reactStrictMode: false });
});

function apiError(status: number, code: ErrorCode, message: string, details?: unknown) {
  return HttpResponse.json({ error: { code, message, details } }, { status });
}

/** The concert the bookings are for, and this browser's bookings as `listed` says now. */
function serveBookings(listed: () => Booking[]) {
  let listFetches = 0;
  server.use(
    http.get('/api/concerts/:id', () => HttpResponse.json({ concert: concertFixture() })),
    http.get('/api/bookings', () => {
      listFetches += 1;
      return HttpResponse.json({ bookings: listed() });
    }),
  );
  return { listFetches: () => listFetches };
}

/** Records each request's body to `path` and answers with `answer`. */
function record(path: string, answer: () => Response | Promise<Response>) {
  const bodies: unknown[] = [];
  server.use(
    http.post(path, async ({ request }) => {
      bodies.push(await request.json());
      return answer();
    }),
  );
  return bodies;
}

function renderFindPage(url = '/bookings/find') {
  return renderRoute(<FindBookingRoute />, {
    path: '/bookings/find',
    url,
    extraRoutes: [
      { path: '/bookings', element: <BookingsRoute /> },
      { path: '/bookings/:bookingId', element: <BookingRoute /> },
    ],
  });
}

const linkSection = () => screen.getByRole('region', { name: 'Email me a link' });
const codeSection = () => screen.getByRole('region', { name: 'I have my confirmation code' });

describe('asking for a link by email', () => {
  it('says a link is on its way and for how long, whether or not the address has bookings', async () => {
    const requests = record('/api/booking-links', () =>
      HttpResponse.json({ email: 'ada@example.com', validMinutes: 60 }, { status: 202 }),
    );
    const { user } = renderFindPage();

    expect(
      await screen.findByRole('heading', { level: 1, name: 'Find your booking' }),
    ).toBeVisible();
    await user.type(within(linkSection()).getByLabelText('Email'), 'ada@example.com');
    await user.click(within(linkSection()).getByRole('button', { name: 'Email me a link' }));

    expect(
      await within(linkSection()).findByText(
        'If there are bookings for ada@example.com, a link to them is on its way. It works for 60 minutes.',
      ),
    ).toBeVisible();
    expect(within(linkSection()).getByRole('status')).toHaveTextContent(/on its way/);
    expect(requests).toEqual([{ email: 'ada@example.com' }]);
  });

  it('says so when too many links were asked for, and confirms nothing', async () => {
    record('/api/booking-links', () =>
      apiError(
        429,
        'RATE_LIMITED',
        'Several links were sent already. Please check your email, or wait an hour.',
      ),
    );
    const { user } = renderFindPage();

    await user.type(within(linkSection()).getByLabelText('Email'), 'ada@example.com');
    await user.click(within(linkSection()).getByRole('button', { name: 'Email me a link' }));

    expect(await within(linkSection()).findByRole('alert')).toHaveTextContent(
      'Several links were sent already. Please check your email, or wait an hour.',
    );
    expect(within(linkSection()).getByRole('status')).toBeEmptyDOMElement();
  });

  it('shows what the server found wrong with the address at the field', async () => {
    record('/api/booking-links', () =>
      apiError(400, 'VALIDATION_FAILED', 'The request is not valid.', [
        { field: 'email', message: 'This address cannot receive mail' },
      ]),
    );
    const { user } = renderFindPage();

    const email = within(linkSection()).getByLabelText('Email');
    await user.type(email, 'ada@example.invalid');
    await user.click(within(linkSection()).getByRole('button', { name: 'Email me a link' }));

    await waitFor(() => {
      expect(email).toHaveAccessibleDescription('This address cannot receive mail');
    });
    expect(email).toHaveAttribute('aria-invalid', 'true');
    expect(within(linkSection()).queryByRole('alert')).toBeNull();
  });
});

describe('opening a booking by its confirmation code', () => {
  it('opens the booking, typed any which way, and shows its confirmation', async () => {
    serveBookings(() => [booking]);
    const requests = record('/api/booking-access', () =>
      HttpResponse.json({ bookings: [booking] }),
    );
    const { user, router } = renderFindPage();

    const code = within(codeSection()).getByLabelText('Confirmation code');
    expect(code).toHaveAttribute('placeholder', 'ABCD-2345');
    expect(code).toHaveAttribute('autocapitalize', 'characters');
    expect(code).toHaveAttribute('autocomplete', 'off');
    await user.type(within(codeSection()).getByLabelText('Email'), 'ada@example.com');
    await user.type(code, 'k7qp m2xd');
    await user.click(within(codeSection()).getByRole('button', { name: 'Find my booking' }));

    expect(await screen.findByTestId('confirmation-code')).toHaveTextContent('K7QP-M2XD');
    expect(router.state.location.pathname).toBe(`/bookings/${booking.id}`);
    expect(requests).toEqual([{ email: 'ada@example.com', confirmationCode: 'K7QP-M2XD' }]);
  });

  it('says when no booking has that email and code, and shows the server’s field issues', async () => {
    let answer = () =>
      apiError(
        404,
        'BOOKING_NOT_FOUND',
        'No booking has this email address and confirmation code. Check both against your confirmation email, or ask for a link by email.',
      );
    const requests = record('/api/booking-access', () => answer());
    const { user, router } = renderFindPage();

    const email = within(codeSection()).getByLabelText('Email');
    const code = within(codeSection()).getByLabelText('Confirmation code');
    await user.type(email, 'ada@example.com');
    await user.type(code, 'K7QP-M2XE');
    await user.click(within(codeSection()).getByRole('button', { name: 'Find my booking' }));

    const alert = await within(codeSection()).findByRole('alert');
    expect(alert).toHaveTextContent('We could not find that booking');
    expect(alert).toHaveTextContent(
      'No booking has this email address and confirmation code. Check both against your confirmation email, or ask for a link by email.',
    );
    expect(router.state.location.pathname).toBe('/bookings/find');

    answer = () =>
      apiError(400, 'VALIDATION_FAILED', 'The request is not valid.', [
        { field: 'email', message: 'Enter a valid email address' },
        { field: 'confirmationCode', message: 'Enter the confirmation code from your email' },
      ]);
    await user.click(within(codeSection()).getByRole('button', { name: 'Find my booking' }));

    await waitFor(() => {
      expect(code).toHaveAccessibleDescription('Enter the confirmation code from your email');
    });
    expect(email).toHaveAccessibleDescription('Enter a valid email address');
    expect(code).toHaveAttribute('aria-invalid', 'true');
    expect(within(codeSection()).queryByRole('alert')).toBeNull();
    expect(requests).toHaveLength(2);
  });
});

describe('the emailed link', () => {
  it('opens its bookings once under StrictMode, clears the token from the address, and lands on My bookings with a notice', async () => {
    let opened = false;
    const { listFetches } = serveBookings(() => (opened ? [other, booking] : []));
    let answer: (response: Response) => void = () => undefined;
    const requests = record(
      '/api/booking-access/link',
      () =>
        new Promise<Response>((resolve) => {
          answer = resolve;
        }),
    );
    configure({ reactStrictMode: true });
    const { router, queryClient } = renderFindPage(`/bookings/find#token=${TOKEN}`);
    // Listed earlier and not stale for an hour: only opening the link makes it so.
    queryClient.setDefaultOptions({ queries: { retry: false, staleTime: 3_600_000 } });
    queryClient.setQueryData(bookingKeys.all, []);

    expect(await screen.findByRole('status')).toHaveTextContent('Opening your bookings…');
    await waitFor(() => {
      expect(requests).toEqual([{ token: TOKEN }]);
    });
    expect(router.state.location.pathname).toBe('/bookings/find');
    expect(router.state.location.hash).toBe('');

    opened = true;
    answer(HttpResponse.json({ bookings: [other, booking] }));

    const notice = await screen.findByText('Opened 2 bookings from your email on this device.');
    expect(notice.closest('[role="status"]')).not.toBeNull();
    expect(router.state.location.pathname).toBe('/bookings');
    expect(await screen.findAllByRole('listitem')).toHaveLength(2);
    expect(listFetches()).toBe(1);
    expect(requests).toHaveLength(1);
  });

  it.each([
    [
      'BOOKING_LINK_EXPIRED' as const,
      410,
      'This link has expired',
      'This link worked for 60 minutes and has run out. Ask for a new one: it comes at once.',
    ],
    [
      'BOOKING_LINK_INVALID' as const,
      404,
      'This link does not work',
      'This link opens no bookings. Use the whole link from the email, or ask for a new one.',
    ],
  ])(
    'when the server answers %s, says so and offers to email a new link right there',
    async (code, status, title, message) => {
      record('/api/booking-access/link', () => apiError(status, code, message));
      const newLinks = record('/api/booking-links', () =>
        HttpResponse.json({ email: 'ada@example.com', validMinutes: 60 }, { status: 202 }),
      );
      const { user, router } = renderFindPage(`/bookings/find#token=${TOKEN}`);

      const alert = await screen.findByRole('alert');
      expect(alert).toHaveTextContent(title);
      expect(alert).toHaveTextContent(message);
      expect(router.state.location.hash).toBe('');

      await user.type(within(linkSection()).getByLabelText('Email'), 'ada@example.com');
      await user.click(within(linkSection()).getByRole('button', { name: 'Email me a link' }));

      expect(await within(linkSection()).findByText(/a link to them is on its way/)).toBeVisible();
      expect(newLinks).toEqual([{ email: 'ada@example.com' }]);
    },
  );
});

describe('the way to this page', () => {
  it('is offered where a booking from another browser cannot be found', async () => {
    server.use(
      http.get('/api/bookings/:id', () =>
        apiError(404, 'BOOKING_NOT_FOUND', 'There is no such booking.'),
      ),
    );

    renderRoute(<BookingRoute />, { path: '/bookings/:bookingId', url: `/bookings/${booking.id}` });

    const alert = await screen.findByRole('alert');
    expect(within(alert).getByRole('link', { name: 'Find your booking' })).toHaveAttribute(
      'href',
      '/bookings/find',
    );
  });

  it.each([
    ['no bookings yet', []],
    ['some bookings', [booking]],
  ])('is offered on My bookings with %s', async (_, listed) => {
    serveBookings(() => listed);

    renderRoute(<BookingsRoute />, { path: '/bookings', url: '/bookings' });

    expect(await screen.findByRole('link', { name: 'Find your booking' })).toHaveAttribute(
      'href',
      '/bookings/find',
    );
  });
});
