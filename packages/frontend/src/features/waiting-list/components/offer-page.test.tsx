import type { Offer } from '@ticket-booking/shared';
import { act, screen, waitFor } from '@testing-library/react';
import type { UserEvent } from '@testing-library/user-event';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BookingRoute } from '../../../app/routes/booking';
import { OfferRoute } from '../../../app/routes/offer';
import {
  bookingFixture,
  concertFixture,
  NOW,
  OFFER_TOKEN,
  offerFixture,
} from '../../../test/fixtures';
import { renderRoute } from '../../../test/render';
import { server } from '../../../test/server';
import { apiError } from '../testing/mock-waiting-list';

beforeEach(() => {
  vi.useFakeTimers({ shouldAdvanceTime: true, now: NOW });
});
afterEach(() => {
  vi.useRealTimers();
});

/** Serves the offer (as `offer` says now), its concert, and records each purchase. */
function serveOffer(offer: () => Offer | Response) {
  const bookings: { body: unknown; idempotencyKey: string | null }[] = [];
  const overrides: { booking?: () => Response } = {};
  const concert = concertFixture();
  server.use(
    http.get(`/api/offers/${OFFER_TOKEN}`, () => {
      const answer = offer();
      return answer instanceof Response ? answer : HttpResponse.json({ offer: answer });
    }),
    http.get(`/api/concerts/${concert.id}`, () => HttpResponse.json({ concert })),
    http.post('/api/bookings', async ({ request }) => {
      bookings.push({
        body: await request.json(),
        idempotencyKey: request.headers.get('Idempotency-Key'),
      });
      return (
        overrides.booking?.() ?? HttpResponse.json({ booking: bookingFixture() }, { status: 201 })
      );
    }),
  );
  return { bookings, overrides };
}

function renderOffer() {
  const utils = renderRoute(<OfferRoute />, {
    path: '/offers/:token',
    url: `/offers/${OFFER_TOKEN}`,
    extraRoutes: [{ path: '/bookings/:bookingId', element: <BookingRoute /> }],
  });
  const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
  return { ...utils, user };
}

async function fillIn(user: UserEvent) {
  await user.type(screen.getByLabelText('Full name'), 'Ada Lindqvist');
  await user.type(screen.getByLabelText('Email'), 'ada@example.com');
  await user.type(screen.getByLabelText('Card number'), '4242 4242 4242 4242');
  await user.type(screen.getByLabelText('Expiry (MM/YY)'), '12/30');
  await user.type(screen.getByLabelText('Security code (CVC)'), '123');
}

const payButton = () => screen.getByRole('button', { name: /^Pay/ });

describe('the page of an offer’s link', () => {
  it('shows what is held and for how long, and buys it with the offer, to the checkout’s confirmation', async () => {
    const { bookings } = serveOffer(() => offerFixture());
    const { user, router } = renderOffer();

    expect(
      await screen.findByRole('heading', { level: 1, name: 'Neon Harbor — Tidelight Tour' }),
    ).toBeVisible();
    expect(screen.getByRole('timer')).toHaveTextContent('30:00');
    expect(screen.getByText('2 × $249.00')).toBeVisible();
    expect(screen.getByTestId('order-total')).toHaveTextContent('$498.00');
    expect(payButton()).toHaveAccessibleName('Pay $498.00');
    expect(screen.queryByRole('button', { name: 'Cancel and release tickets' })).toBeNull();

    await fillIn(user);
    await user.click(payButton());

    expect(await screen.findByTestId('confirmation-code')).toHaveTextContent('K7QP-M2XD');
    expect(router.state.location.pathname).toBe(`/bookings/${bookingFixture().id}`);
    expect(bookings).toEqual([
      {
        body: {
          concertId: 'neon-harbor-tidelight',
          buyer: { name: 'Ada Lindqvist', email: 'ada@example.com' },
          payment: { cardNumber: '4242424242424242', expiry: '12/30', cvc: '123' },
          offer: OFFER_TOKEN,
        },
        idempotencyKey: expect.any(String),
      },
    ]);
  });

  it('keeps the offer when the card is declined, and says so', async () => {
    const { overrides } = serveOffer(() => offerFixture());
    const { user } = renderOffer();
    await screen.findByRole('timer');
    overrides.booking = () => apiError(402, 'PAYMENT_DECLINED', 'The card was declined.');

    await fillIn(user);
    await user.click(payButton());

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Your card was declined. Your tickets are still held — try another card.',
    );
    expect(screen.getByRole('timer')).toBeVisible();
  });

  it('when the offer ended as the shopper paid, says so and leads back to the concert', async () => {
    let offer = offerFixture();
    const { overrides } = serveOffer(() => offer);
    const { user } = renderOffer();
    await screen.findByRole('timer');
    overrides.booking = () => {
      offer = offerFixture({ status: 'ENDED' });
      return apiError(410, 'OFFER_ENDED', 'This offer has ended.');
    };

    await fillIn(user);
    await user.click(payButton());

    expect(await screen.findByText('This offer has ended')).toBeVisible();
    expect(screen.queryByRole('timer')).toBeNull();
    expect(screen.getByRole('link', { name: 'Back to the concert' })).toHaveAttribute(
      'href',
      '/concerts/neon-harbor-tidelight',
    );
  });

  it('ends the offer on the page as its time runs out', async () => {
    let offer = offerFixture({ expiresAt: new Date(NOW + 60_000).toISOString() });
    serveOffer(() => offer);
    renderOffer();
    expect(await screen.findByRole('timer')).toHaveTextContent('1:00');
    offer = { ...offer, status: 'ENDED' };

    await act(() => vi.advanceTimersByTimeAsync(60_000));

    expect(await screen.findByText('This offer has ended')).toBeVisible();
    expect(screen.queryByRole('button', { name: /^Pay/ })).toBeNull();
  });

  it('says an ended offer has ended, with no way to pay', async () => {
    serveOffer(() => offerFixture({ status: 'ENDED' }));
    renderOffer();

    expect(await screen.findByText('This offer has ended')).toBeVisible();
    expect(
      screen.getByText(
        'The 2 VIP tickets were held for a limited time and have passed to the next in line. You can join the waiting list again on the concert’s page.',
      ),
    ).toBeVisible();
    expect(screen.queryByRole('button', { name: /^Pay/ })).toBeNull();
  });

  it('says a bought offer is bought, with the way to the bookings', async () => {
    serveOffer(() => offerFixture({ status: 'BOUGHT' }));
    renderOffer();

    expect(await screen.findByText('These tickets are bought')).toBeVisible();
    expect(screen.getByRole('link', { name: 'My bookings' })).toHaveAttribute('href', '/bookings');
    expect(screen.getByRole('link', { name: 'Back to the concert' })).toHaveAttribute(
      'href',
      '/concerts/neon-harbor-tidelight',
    );
    expect(screen.queryByRole('button', { name: /^Pay/ })).toBeNull();
  });

  it('says a link that leads to no offer leads nowhere, and offers the concerts', async () => {
    serveOffer(() => apiError(404, 'OFFER_NOT_FOUND', 'There is no such offer.'));
    renderOffer();

    expect(await screen.findByText('We could not find this offer')).toBeVisible();
    expect(screen.getByRole('link', { name: 'See upcoming concerts' })).toHaveAttribute(
      'href',
      '/',
    );
    await waitFor(() => {
      expect(document.title).toBe('Offer not found — Encore Tickets');
    });
  });
});
