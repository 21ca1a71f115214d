import { screen, waitFor } from '@testing-library/react';
import type { UserEvent } from '@testing-library/user-event';
import { HttpResponse } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import { bookingFixture, NOW } from '../../../test/fixtures';
import { bookingKeys } from '../../bookings';
import { concertKeys } from '../../concerts';
import {
  apiError,
  CONCERT_ID,
  chosen,
  mockCheckoutApi,
  renderCheckout,
  setUpCheckoutTests,
} from '../testing/mock-checkout';

setUpCheckoutTests(NOW);

async function enterCheckout() {
  const api = mockCheckoutApi();
  const rendered = renderCheckout({ state: chosen({ tier: 'vip', quantity: 2 }) });
  await screen.findByRole('timer');
  return { api, ...rendered };
}

async function fillIn(user: UserEvent, card = '4242 4242 4242 4242') {
  await user.type(screen.getByLabelText('Full name'), 'Ada Lindqvist');
  await user.type(screen.getByLabelText('Email'), 'ada@example.com');
  await user.type(screen.getByLabelText('Card number'), card);
  await user.type(screen.getByLabelText('Expiry (MM/YY)'), '12/30');
  await user.type(screen.getByLabelText('Security code (CVC)'), '123');
}

const payButton = () => screen.getByRole('button', { name: /^Pay/ });

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('the payment form', () => {
  it('labels every field, with autofill hints and a number pad for the card', async () => {
    await enterCheckout();

    expect(screen.getByLabelText('Full name')).toHaveAttribute('autocomplete', 'name');
    expect(screen.getByLabelText('Email')).toHaveAttribute('autocomplete', 'email');
    for (const [label, autocomplete] of [
      ['Card number', 'cc-number'],
      ['Expiry (MM/YY)', 'cc-exp'],
      ['Security code (CVC)', 'cc-csc'],
    ] as const) {
      const field = screen.getByLabelText(label);
      expect(field).toHaveAttribute('autocomplete', autocomplete);
      expect(field).toHaveAttribute('inputmode', 'numeric');
    }
    expect(screen.getByText(/4242 4242 4242 4242/).parentElement).toHaveTextContent(
      /4242 4242 4242 4242 works, 4000 0000 0000 0002 is declined/,
    );
    expect(payButton()).toHaveAccessibleName('Pay $498.00');
  });

  it('says under each field what is wrong with it as the shopper moves on', async () => {
    const { user } = await enterCheckout();
    const name = screen.getByLabelText('Full name');

    await user.click(name);
    await user.tab();
    // The resolver validates asynchronously.
    await waitFor(() => {
      expect(name).toHaveAccessibleDescription('Enter the name for the tickets');
    });
    expect(name).toHaveAttribute('aria-invalid', 'true');

    await user.type(screen.getByLabelText('Email'), 'ada@');
    await user.type(screen.getByLabelText('Card number'), '4242 4242 4242 4241');
    await user.type(screen.getByLabelText('Expiry (MM/YY)'), '12/3');
    await user.type(screen.getByLabelText('Security code (CVC)'), '12');
    await user.tab();

    await waitFor(() => {
      expect(screen.getByLabelText('Security code (CVC)')).toHaveAccessibleDescription(
        'Security code must be 3 or 4 digits',
      );
    });
    expect(screen.getByLabelText('Email')).toHaveAccessibleDescription(
      'Enter a valid email address',
    );
    expect(screen.getByLabelText('Card number')).toHaveAccessibleDescription(
      'Card number is not valid',
    );
    expect(screen.getByLabelText('Expiry (MM/YY)')).toHaveAccessibleDescription(
      'Expiry must look like MM/YY',
    );

    await user.type(name, 'Ada');
    await waitFor(() => {
      expect(name).not.toHaveAttribute('aria-invalid');
    });
    expect(screen.queryByText('Enter the name for the tickets')).not.toBeInTheDocument();
  });

  it('lays the expiry out as it is typed, "1230" as "12/30", and pays with that', async () => {
    const { api, user } = await enterCheckout();
    await fillIn(user);
    const expiry = screen.getByLabelText('Expiry (MM/YY)');
    await user.clear(expiry);

    await user.type(expiry, '1230');
    await user.click(payButton());

    expect(expiry).toHaveValue('12/30');
    await waitFor(() => {
      expect(api.bookings()).toMatchObject([{ payment: { expiry: '12/30' } }]);
    });
  });

  it('does not pay with an incomplete form, and points at the first problem', async () => {
    const { api, user } = await enterCheckout();

    await user.click(payButton());

    expect(await screen.findByText('Enter the name for the tickets')).toBeVisible();
    expect(screen.getByText('Enter a card number')).toBeVisible();
    expect(screen.getByLabelText('Full name')).toHaveFocus();
    expect(api.bookings()).toEqual([]);
  });
});

describe('paying', () => {
  it('buys the held tickets and opens the booking, without releasing the hold', async () => {
    const { api, user, router, queryClient } = await enterCheckout();
    queryClient.setQueryData(bookingKeys.all, []);
    queryClient.setQueryData(concertKeys.all, []);
    let answer: (response: Response) => void = () => undefined;
    api.overrides.booking = () =>
      new Promise<Response>((resolve) => {
        answer = resolve;
      });
    await fillIn(user);

    await user.click(payButton());

    expect(await screen.findByRole('button', { name: 'Paying…' })).toBeDisabled();
    answer(HttpResponse.json({ booking: bookingFixture() }, { status: 201 }));
    await waitFor(() => {
      expect(router.state.location.pathname).toBe(`/bookings/${bookingFixture().id}`);
    });
    expect(router.state.location.state).toEqual({ booking: bookingFixture() });
    expect(api.bookings()).toEqual([
      {
        concertId: CONCERT_ID,
        buyer: { name: 'Ada Lindqvist', email: 'ada@example.com' },
        payment: { cardNumber: '4242424242424242', expiry: '12/30', cvc: '123' },
      },
    ]);
    // The bookings list and the concerts' counts are out of date now.
    expect(queryClient.getQueryState(bookingKeys.all)?.isInvalidated).toBe(true);
    expect(queryClient.getQueryState(concertKeys.all)?.isInvalidated).toBe(true);
    await vi.advanceTimersByTimeAsync(10);
    expect(api.releases()).toEqual([]);
  });

  it('keeps the hold when the card is declined, and asks for another card', async () => {
    const { api, user } = await enterCheckout();
    api.overrides.booking = () =>
      apiError(402, 'PAYMENT_DECLINED', 'The card was declined.', [
        { field: 'payment.cardNumber', message: 'The card was declined.' },
      ]);
    await fillIn(user, '4000 0000 0000 0002');

    await user.click(payButton());

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Your card was declined. Your tickets are still held — try another card.',
    );
    expect(screen.getByLabelText('Card number')).toHaveFocus();
    expect(payButton()).toBeEnabled();
    // Still held: the countdown stays and the heartbeats go on.
    await vi.advanceTimersByTimeAsync(30_000);
    await waitFor(() => {
      expect(api.heartbeats()).toHaveLength(1);
    });
    expect(screen.getByRole('timer')).toBeVisible();
    expect(api.releases()).toEqual([]);
    expect(api.currentHold()).not.toBeNull();
  });

  it.each([
    { status: 410, code: 'HOLD_EXPIRED', how: 'ran out', title: 'Your tickets were released' },
    {
      status: 404,
      code: 'NO_ACTIVE_HOLD',
      how: 'was given back or bought in another tab',
      title: 'These tickets are no longer held here',
    },
    {
      status: 409,
      code: 'SALES_CLOSED',
      how: 'ended with the sales',
      title: 'Ticket sales have closed',
    },
  ] as const)(
    'says why the tickets went when paying is answered $status $code (the hold $how)',
    async ({ status, code, title }) => {
      const { api, user } = await enterCheckout();
      api.overrides.booking = () => apiError(status, code, 'Your tickets are no longer held.');
      await fillIn(user);

      await user.click(payButton());

      expect(await screen.findByText(title)).toBeVisible();
      expect(screen.queryByRole('button', { name: /^Pay/ })).not.toBeInTheDocument();
    },
  );

  it('shows what the server found wrong with a field under that field', async () => {
    const { api, user } = await enterCheckout();
    api.overrides.booking = () =>
      apiError(400, 'VALIDATION_FAILED', 'The card has expired.', [
        { field: 'payment.expiry', message: 'This card has expired' },
      ]);
    await fillIn(user);

    await user.click(payButton());

    await waitFor(() => {
      expect(screen.getByLabelText('Expiry (MM/YY)')).toHaveAccessibleDescription(
        'This card has expired',
      );
    });
    expect(screen.getByRole('alert')).toHaveTextContent('The card has expired.');
  });

  it('explains other failures in plain words, never the raw answer', async () => {
    const { api, user } = await enterCheckout();
    api.overrides.booking = () =>
      new HttpResponse('{"oops":true}<html>', {
        status: 502,
        headers: { 'Content-Type': 'text/html' },
      });
    await fillIn(user);

    await user.click(payButton());

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Something went wrong on our side. Please try again.');
    expect(alert.textContent).not.toMatch(/[{<]/);
    expect(screen.getByRole('timer')).toBeVisible();
  });
});

describe('paying once, however often the payment is sent', () => {
  it.each([
    ['no answer at all (the network failed)', () => HttpResponse.error()],
    ['503 BUSY', () => apiError(503, 'BUSY', 'The box office is very busy right now.')],
    ['a 502 on the way', () => new HttpResponse('<html>502</html>', { status: 502 })],
  ])(
    'sends an Idempotency-Key, and the same one when the shopper pays again after %s',
    async (_, failure) => {
      const { api, user, router } = await enterCheckout();
      api.overrides.booking = () => {
        api.overrides.booking = undefined;
        return failure();
      };
      await fillIn(user);

      await user.click(payButton());
      expect(await screen.findByRole('alert')).toBeVisible();
      await user.click(payButton());

      await waitFor(() => {
        expect(router.state.location.pathname).toBe(`/bookings/${bookingFixture().id}`);
      });
      const [first, ...again] = api.idempotencyKeys('/api/bookings');
      expect(first).toMatch(UUID);
      expect(again).toEqual([first]);
    },
  );

  it('pays under a new key once the shopper gave another card after a decline', async () => {
    const { api, user, router } = await enterCheckout();
    api.overrides.booking = () => {
      api.overrides.booking = undefined;
      return apiError(402, 'PAYMENT_DECLINED', 'The card was declined.');
    };
    await fillIn(user, '4000 0000 0000 0002');
    await user.click(payButton());
    await screen.findByText(/Your card was declined/);

    await user.clear(screen.getByLabelText('Card number'));
    await user.type(screen.getByLabelText('Card number'), '4242 4242 4242 4242');
    await user.click(payButton());

    await waitFor(() => {
      expect(router.state.location.pathname).toBe(`/bookings/${bookingFixture().id}`);
    });
    const [declined, paid, ...more] = api.idempotencyKeys('/api/bookings');
    expect(declined).toMatch(UUID);
    expect(paid).toMatch(UUID);
    expect(paid).not.toBe(declined);
    expect(more).toEqual([]);
  });
});
