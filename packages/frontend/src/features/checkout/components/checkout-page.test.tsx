import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { HttpResponse } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import { holdFixture, NOW } from '../../../test/fixtures';
import {
  apiError,
  CONCERT_ID,
  chosen,
  mockCheckoutApi,
  renderCheckout,
  setUpCheckoutTests,
} from '../testing/mock-checkout';

setUpCheckoutTests(NOW);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('entering checkout', () => {
  it('holds the chosen tickets and shows them with their prices and the total', async () => {
    const api = mockCheckoutApi();

    renderCheckout({ state: chosen({ tier: 'vip', quantity: 2 }, { tier: 'ga', quantity: 1 }) });

    const summary = await screen.findByRole('complementary', { name: 'Your order' });
    expect(api.checkouts()).toEqual([
      {
        concertId: CONCERT_ID,
        items: [
          { tier: 'vip', quantity: 2 },
          { tier: 'ga', quantity: 1 },
        ],
      },
    ]);
    const vip = within(summary).getByText('VIP').closest('li');
    expect(vip).toHaveTextContent('2 × $249.00');
    expect(vip).toHaveTextContent('$498.00');
    const ga = within(summary).getByText('General Admission').closest('li');
    expect(ga).toHaveTextContent('1 × $69.00');
    expect(within(summary).getByTestId('order-total')).toHaveTextContent('$567.00');
    expect(screen.getByRole('button', { name: 'Pay $567.00' })).toBeEnabled();
    expect(await screen.findByRole('heading', { level: 1, name: 'Tidelight Tour' })).toBeVisible();
  });

  it('creates exactly one hold under StrictMode, keeps it, and sends one heartbeat per interval', async () => {
    const api = mockCheckoutApi();

    renderCheckout({ strict: true, state: chosen({ tier: 'vip', quantity: 2 }) });

    await screen.findByRole('timer');
    await vi.advanceTimersByTimeAsync(30_000);
    await waitFor(() => {
      expect(api.heartbeats()).toHaveLength(1);
    });
    expect(api.checkouts()).toHaveLength(1);
    expect(api.releases()).toHaveLength(0);
    expect(screen.getByRole('timer')).toBeVisible();
  });

  it.each([
    ['the same tickets in its history state', chosen({ tier: 'vip', quantity: 2 })],
    ['no history state', undefined],
  ])(
    'resumes the live hold after a reload with %s, with an active heartbeat and no new hold',
    async (_, state) => {
      const api = mockCheckoutApi({ liveHold: holdFixture() });

      renderCheckout({ state });

      expect(await screen.findByRole('timer')).toHaveTextContent('3:00');
      await waitFor(() => {
        expect(api.heartbeats()).toEqual([{ concertId: CONCERT_ID, active: true, visible: true }]);
      });
      expect(api.checkouts()).toEqual([]);
      expect(screen.getByTestId('order-total')).toHaveTextContent('$498.00');
    },
  );

  it('replaces the live hold when the shopper chose other tickets', async () => {
    const api = mockCheckoutApi({ liveHold: holdFixture() });

    renderCheckout({ state: chosen({ tier: 'ga', quantity: 4 }) });

    expect(await screen.findByTestId('order-total')).toHaveTextContent('$276.00');
    expect(api.checkouts()).toEqual([
      { concertId: CONCERT_ID, items: [{ tier: 'ga', quantity: 4 }] },
    ]);
  });

  it('says there is nothing in checkout, with a link back, when nothing is held or chosen', async () => {
    const api = mockCheckoutApi();

    renderCheckout();

    expect(await screen.findByText('You have no tickets in checkout')).toBeVisible();
    expect(screen.getByRole('link', { name: 'Choose tickets' })).toHaveAttribute(
      'href',
      `/concerts/${CONCERT_ID}`,
    );
    expect(api.checkouts()).toEqual([]);
  });

  it('offers the tickets that are left when some sold out, and holds those', async () => {
    const api = mockCheckoutApi();
    api.overrides.checkout = () => {
      api.overrides.checkout = undefined;
      return apiError(409, 'NOT_ENOUGH_TICKETS', 'Not enough tickets left for this order.', [
        { tier: 'vip', requested: 3, available: 1 },
      ]);
    };
    const { user } = renderCheckout({
      state: chosen({ tier: 'vip', quantity: 3 }, { tier: 'ga', quantity: 2 }),
    });

    const problem = await screen.findByRole('alert');
    expect(problem).toHaveTextContent('Not all of those tickets are left');
    await waitFor(() => {
      expect(problem).toHaveTextContent('VIP: only 1 left (you asked for 3)');
    });
    expect(problem).toHaveTextContent('General Admission: all 2 tickets you asked for');
    await user.click(screen.getByRole('button', { name: 'Hold the 3 tickets that are left' }));

    expect(await screen.findByTestId('order-total')).toHaveTextContent('$387.00');
    expect(api.checkouts()).toEqual([
      {
        concertId: CONCERT_ID,
        items: [
          { tier: 'vip', quantity: 3 },
          { tier: 'ga', quantity: 2 },
        ],
      },
      {
        concertId: CONCERT_ID,
        items: [
          { tier: 'vip', quantity: 1 },
          { tier: 'ga', quantity: 2 },
        ],
      },
    ]);
  });

  it('says so, with a link back, when none of the chosen tickets are left', async () => {
    const api = mockCheckoutApi();
    api.overrides.checkout = () =>
      apiError(409, 'NOT_ENOUGH_TICKETS', 'Not enough tickets left for this order.', [
        { tier: 'vip', requested: 2, available: 0 },
      ]);

    renderCheckout({ state: chosen({ tier: 'vip', quantity: 2 }) });

    expect(await screen.findByRole('alert')).toHaveTextContent('Those tickets are sold out');
    expect(screen.queryByRole('button', { name: /hold the/i })).not.toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Back to the concert' })).toHaveAttribute(
      'href',
      `/concerts/${CONCERT_ID}`,
    );
    expect(api.checkouts()).toHaveLength(1);
  });

  it('explains other failures in plain words and tries again on request', async () => {
    const api = mockCheckoutApi();
    api.overrides.checkout = () => {
      api.overrides.checkout = undefined;
      return HttpResponse.error();
    };
    const { user } = renderCheckout({ state: chosen({ tier: 'vip', quantity: 2 }) });

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'We could not reach the box office. Check your connection and try again.',
    );
    await user.click(screen.getByRole('button', { name: 'Try again' }));

    expect(await screen.findByRole('timer')).toBeVisible();
    expect(api.checkouts()).toHaveLength(2);
  });
  it('sends an Idempotency-Key to hold the tickets, and the same one on "Try again" after no answer', async () => {
    const api = mockCheckoutApi();
    api.overrides.checkout = () => {
      api.overrides.checkout = undefined;
      return HttpResponse.error();
    };
    const { user } = renderCheckout({ state: chosen({ tier: 'vip', quantity: 2 }) });
    await screen.findByRole('alert');

    await user.click(screen.getByRole('button', { name: 'Try again' }));

    expect(await screen.findByRole('timer')).toBeVisible();
    const [first, ...again] = api.idempotencyKeys('/api/holds/checkout');
    expect(first).toMatch(UUID);
    expect(again).toEqual([first]);
  });

  it('holds the tickets that are left after a 409 as a new attempt, under a new key', async () => {
    const api = mockCheckoutApi();
    api.overrides.checkout = () => {
      api.overrides.checkout = undefined;
      return apiError(409, 'NOT_ENOUGH_TICKETS', 'Not enough tickets left for this order.', [
        { tier: 'vip', requested: 3, available: 1 },
      ]);
    };
    const { user } = renderCheckout({ state: chosen({ tier: 'vip', quantity: 3 }) });

    await user.click(await screen.findByRole('button', { name: /hold the 1 ticket/i }));

    expect(await screen.findByRole('timer')).toBeVisible();
    const [refused, held, ...more] = api.idempotencyKeys('/api/holds/checkout');
    expect(refused).toMatch(UUID);
    expect(held).toMatch(UUID);
    expect(held).not.toBe(refused);
    expect(more).toEqual([]);
  });

  it('points to the concert list, without a retry, when the concert does not exist', async () => {
    const api = mockCheckoutApi();
    api.overrides.fetch = () => apiError(404, 'CONCERT_NOT_FOUND', 'There is no such concert.');

    renderCheckout({ state: chosen({ tier: 'vip', quantity: 2 }) });

    expect(await screen.findByRole('alert')).toHaveTextContent('There is no such concert.');
    expect(screen.queryByRole('button', { name: 'Try again' })).not.toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'See upcoming concerts' })).toHaveAttribute(
      'href',
      '/',
    );
    expect(api.checkouts()).toEqual([]);
  });
});

describe('when the concert’s sales have closed', () => {
  it('says so in plain words, without a retry, and points to the concert list', async () => {
    const api = mockCheckoutApi();
    api.overrides.checkout = () =>
      apiError(
        409,
        'SALES_CLOSED',
        'This concert started on Thu, 14 Feb 2030, 14:30 EST, so its tickets are no longer on sale.',
      );

    renderCheckout({ state: chosen({ tier: 'vip', quantity: 2 }) });

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'This concert started on Thu, 14 Feb 2030, 14:30 EST, so its tickets are no longer on sale.',
    );
    expect(screen.queryByRole('button', { name: 'Try again' })).not.toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'See upcoming concerts' })).toHaveAttribute(
      'href',
      '/',
    );
  });
});

describe('leaving checkout', () => {
  it('gives the tickets back and returns to the concert on Cancel', async () => {
    const api = mockCheckoutApi();
    const { user, router } = renderCheckout({ state: chosen({ tier: 'vip', quantity: 2 }) });
    await screen.findByRole('timer');

    await user.click(screen.getByRole('button', { name: 'Cancel and release tickets' }));

    await waitFor(() => {
      expect(router.state.location.pathname).toBe(`/concerts/${CONCERT_ID}`);
    });
    expect(api.releases()).toHaveLength(1);
    expect(api.currentHold()).toBeNull();
  });

  it('gives the tickets back when the shopper goes elsewhere in the app', async () => {
    const api = mockCheckoutApi();
    const { router } = renderCheckout({ state: chosen({ tier: 'vip', quantity: 2 }) });
    await screen.findByRole('timer');

    await router.navigate('/bookings');

    expect(await screen.findByTestId('elsewhere')).toBeVisible();
    await waitFor(() => {
      expect(api.releases()).toHaveLength(1);
    });
  });

  it('asks only for a short grace when the tab is closed or reloaded, so a reload can resume', async () => {
    const api = mockCheckoutApi();
    renderCheckout({ state: chosen({ tier: 'vip', quantity: 2 }) });
    await screen.findByRole('timer');

    fireEvent(window, new Event('pagehide'));

    await waitFor(() => {
      expect(api.heartbeats()).toEqual([
        { concertId: CONCERT_ID, active: false, visible: false, leaving: true },
      ]);
    });
    expect(api.releases()).toHaveLength(0);
  });
});
