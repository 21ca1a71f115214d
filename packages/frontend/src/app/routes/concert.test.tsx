import type { AvailabilityEvent, Concert } from '@ticket-booking/shared';
import { act, screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ANNOUNCE_INTERVAL_MS } from '../../features/availability/components/live-announcer';
import { stubEventSource } from '../../test/fake-event-source';
import { concertFixture, tierFixture } from '../../test/fixtures';
import { renderRoute } from '../../test/render';
import { server } from '../../test/server';
import { ConcertRoute } from './concert';

const CONCERT_ID = 'neon-harbor-tidelight';

let streams: ReturnType<typeof stubEventSource>;

beforeEach(() => {
  streams = stubEventSource();
});

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
  vi.unstubAllEnvs();
});

function serveConcert(concert: Concert) {
  server.use(
    http.get(`/api/concerts/${concert.id}`, () => HttpResponse.json({ concert })),
    http.get(`/api/concerts/${concert.id}/waiting-list`, () => HttpResponse.json({ entries: [] })),
  );
}

async function renderConcert(concert: Concert = concertFixture()) {
  serveConcert(concert);
  const utils = renderRoute(<ConcertRoute />, {
    path: '/concerts/:concertId',
    url: `/concerts/${concert.id}`,
  });
  await screen.findByRole('heading', { level: 1, name: `${concert.artist} — ${concert.name}` });
  return utils;
}

let version = 0;

/**
 * The server sends the concert's counts, with `available` and `held` per tier code changed; the
 * rest of each tier is sold.
 */
function sendAvailability(
  concert: Concert,
  available: Record<string, number> = {},
  held: Record<string, number> = {},
) {
  version += 1;
  const event: AvailabilityEvent = {
    concertId: concert.id,
    version,
    tiers: concert.tiers.map((tier) => {
      const left = available[tier.code] ?? tier.available;
      const inCheckout = held[tier.code] ?? tier.held;
      return {
        code: tier.code,
        total: tier.total,
        sold: tier.total - inCheckout - left,
        held: inCheckout,
        available: left,
      };
    }),
    serverTime: '2030-01-15T12:00:00.000Z',
  };
  act(() => {
    streams.latest().emit('availability', event);
  });
}

function tierRow(name: string) {
  const row = screen.getByRole('heading', { level: 3, name }).closest('li');
  if (!row) throw new Error(`No row for ${name}`);
  return within(row);
}

function quantityOf(name: string) {
  return screen.getByRole('spinbutton', { name: `${name} quantity` });
}

function addButton(name: string) {
  return screen.getByRole('button', { name: `Add one ${name} ticket` });
}

function announcements() {
  return screen.getByRole('status', { name: 'Availability updates' });
}

describe('the concert page', () => {
  it('marks a concert that has started as past, with no way to buy and no live stream', async () => {
    const concert = concertFixture({ status: 'STARTED' });
    await renderConcert(concert);

    expect(screen.getByText('Past concert')).toBeVisible();
    expect(screen.getByRole('status')).toHaveTextContent(
      'This concert has already startedIt started on Thu, Feb 14, 2030, 2:30 PM EST, so tickets are no longer sold.',
    );
    expect(screen.getByRole('link', { name: 'See upcoming concerts' })).toHaveAttribute(
      'href',
      '/',
    );
    expect(screen.queryByRole('spinbutton')).toBeNull();
    expect(screen.queryByRole('button', { name: /checkout/i })).toBeNull();
    expect(streams.all).toHaveLength(0);
  });

  it('says when sales ended for a concert whose sales closed before its start', async () => {
    const concert = concertFixture({
      status: 'SALES_CLOSED',
      salesEndAt: '2030-02-14T17:00:00.000Z',
    });
    await renderConcert(concert);

    expect(screen.getByText('Sales ended')).toBeVisible();
    expect(screen.getByRole('status')).toHaveTextContent(
      'Sales closed on Thu, Feb 14, 2030, 12:00 PM EST, before the concert.',
    );
    expect(screen.queryByRole('spinbutton')).toBeNull();
  });

  it('shows the concert and its tiers, then live counts as they change', async () => {
    // The browser is in Los Angeles; the concert, in New York, is told in New York's time.
    vi.stubEnv('TZ', 'America/Los_Angeles');
    const concert = concertFixture();
    await renderConcert(concert);

    expect(screen.getByText('Thu, Feb 14, 2030, 2:30 PM EST')).toBeVisible();
    expect(screen.getByText(concert.venue)).toBeVisible();
    expect(tierRow('VIP').getByText('$249.00')).toBeVisible();
    expect(tierRow('VIP').getByText('60 left')).toBeVisible();
    expect(screen.getByText('Connecting…')).toBeVisible();

    act(() => {
      streams.latest().open();
    });
    sendAvailability(concert, { vip: 3, 'front-row': 0 });

    expect(screen.getByText('Live')).toBeVisible();
    expect(tierRow('VIP').getByText('Only 3 left')).toBeVisible();
    expect(tierRow('Front Row').getByText('Sold out')).toBeVisible();
    expect(announcements()).toHaveTextContent('VIP: 3 left. Front Row sold out.');
    expect(streams.all).toHaveLength(1);
  });

  it('says it is reconnecting when the live connection drops', async () => {
    await renderConcert();
    act(() => {
      streams.latest().open();
    });

    act(() => {
      streams.latest().fail();
    });

    expect(screen.getByText('Reconnecting…')).toBeVisible();
    expect(screen.queryByText('Live')).not.toBeInTheDocument();
  });

  it('never lets the shopper pick more of a tier than is left', async () => {
    const concert = concertFixture({
      tiers: [tierFixture({ code: 'vip', name: 'VIP', total: 60, sold: 58 })],
    });
    const { user } = await renderConcert(concert);

    await user.click(addButton('VIP'));
    await user.click(addButton('VIP'));
    await user.click(addButton('VIP'));

    expect(quantityOf('VIP')).toHaveValue(2);
    expect(addButton('VIP')).toHaveAttribute('aria-disabled', 'true');

    await user.clear(quantityOf('VIP'));
    await user.type(quantityOf('VIP'), '5');

    expect(quantityOf('VIP')).toHaveValue(2);
  });

  it('says how many tickets one buyer may buy of the concert, where its organizer set a limit', async () => {
    await renderConcert(concertFixture({ maxTicketsPerBuyer: 6 }));

    expect(
      screen.getByText('At most 6 tickets per buyer for this concert, over all their orders.'),
    ).toBeVisible();
  });

  it('says nothing of a limit per buyer where there is none', async () => {
    await renderConcert(concertFixture({ maxTicketsPerBuyer: null }));

    expect(screen.getByText('Up to 10 tickets per order.')).toBeVisible();
    expect(screen.queryByText(/per buyer/)).toBeNull();
  });

  it('keeps the whole order within the per-order limit, across tiers', async () => {
    const { user } = await renderConcert(concertFixture({ maxTicketsPerOrder: 4 }));

    await user.clear(quantityOf('VIP'));
    await user.type(quantityOf('VIP'), '3');
    await user.click(addButton('Front Row'));
    await user.click(addButton('Front Row'));
    await user.type(quantityOf('General Admission'), '9');

    expect(quantityOf('VIP')).toHaveValue(3);
    expect(quantityOf('Front Row')).toHaveValue(1);
    expect(quantityOf('General Admission')).toHaveValue(0);
    expect(addButton('Front Row')).toHaveAttribute('aria-disabled', 'true');
    expect(addButton('General Admission')).toHaveAttribute('aria-disabled', 'true');
    expect(screen.getByText('That is the most for one order: 4 tickets.')).toBeVisible();

    await user.click(screen.getByRole('button', { name: 'Remove one VIP ticket' }));

    expect(addButton('General Admission')).toHaveAttribute('aria-disabled', 'false');
  });

  it('works from the keyboard alone', async () => {
    const { user } = await renderConcert();

    await user.click(quantityOf('VIP'));
    await user.keyboard('{Shift>}{Tab}{/Shift}');
    expect(screen.getByRole('button', { name: 'Remove one VIP ticket' })).toHaveFocus();
    await user.tab();
    await user.tab();
    expect(addButton('VIP')).toHaveFocus();
    await user.keyboard('{Enter}{Enter} ');

    expect(quantityOf('VIP')).toHaveValue(3);
  });

  it('when a tier the shopper picked sells out, removes it, says so and announces it', async () => {
    const concert = concertFixture();
    const { user } = await renderConcert(concert);
    sendAvailability(concert);
    await user.click(addButton('VIP'));
    await user.click(addButton('VIP'));
    await user.click(addButton('General Admission'));
    expect(screen.getByTestId('selection-total')).toHaveTextContent('$567.00');

    sendAvailability(concert, { vip: 0 });

    const message = 'VIP just sold out — removed from your selection';
    expect(quantityOf('VIP')).toHaveValue(0);
    expect(tierRow('VIP').getByText(message)).toBeVisible();
    expect(tierRow('VIP').getByText('Sold out')).toBeVisible();
    expect(announcements()).toHaveTextContent(`${message}.`);
    expect(announcements()).not.toHaveTextContent('VIP sold out');
    expect(screen.getByTestId('selection-total')).toHaveTextContent('$69.00');
    expect(quantityOf('General Admission')).toHaveValue(1);
  });

  it('when the last tickets are only held, says all held (not sold out) until they come back or sell', async () => {
    const concert = concertFixture();
    const { user } = await renderConcert(concert);
    sendAvailability(concert);
    await user.click(addButton('VIP'));
    await user.click(addButton('VIP'));
    vi.useFakeTimers();

    sendAvailability(concert, { vip: 0 }, { vip: 3 });

    const notice =
      'VIP is all held by other shoppers — removed from your selection; tickets may come back';
    expect(quantityOf('VIP')).toHaveValue(0);
    expect(tierRow('VIP').getByText('All held')).toBeVisible();
    expect(tierRow('VIP').getByText('3 held in checkout — tickets may come back')).toBeVisible();
    expect(tierRow('VIP').queryByText(/sold out/i)).not.toBeInTheDocument();
    expect(tierRow('VIP').getByText(notice)).toBeVisible();
    expect(announcements()).toHaveTextContent(`${notice}.`);

    sendAvailability(concert, { vip: 2 }, { vip: 0 });
    act(() => {
      vi.advanceTimersByTime(ANNOUNCE_INTERVAL_MS);
    });

    expect(tierRow('VIP').getByText('Only 2 left')).toBeVisible();
    expect(tierRow('VIP').queryByText(notice)).not.toBeInTheDocument();
    expect(tierRow('VIP').queryByText(/held/)).not.toBeInTheDocument();
    expect(announcements()).toHaveTextContent(/^VIP available again: 2 left\.$/);

    sendAvailability(concert, { vip: 0 }, { vip: 0 });
    act(() => {
      vi.advanceTimersByTime(ANNOUNCE_INTERVAL_MS);
    });

    expect(tierRow('VIP').getByText('Sold out')).toBeVisible();
    expect(tierRow('VIP').queryByText('All held')).not.toBeInTheDocument();
    expect(announcements()).toHaveTextContent(/^VIP sold out\.$/);
  });

  it('when fewer are left than the shopper picked, lowers the pick and says so', async () => {
    const concert = concertFixture();
    const { user } = await renderConcert(concert);
    await user.clear(quantityOf('VIP'));
    await user.type(quantityOf('VIP'), '3');

    sendAvailability(concert, { vip: 2 });

    const message = 'Only 2 VIP left — we lowered your selection';
    expect(quantityOf('VIP')).toHaveValue(2);
    expect(tierRow('VIP').getByText(message)).toBeVisible();
    expect(announcements()).toHaveTextContent(`${message}.`);

    // The notice stays until the shopper changes that tier again.
    await user.click(screen.getByRole('button', { name: 'Remove one VIP ticket' }));
    expect(tierRow('VIP').queryByText(message)).not.toBeInTheDocument();
  });

  it('goes to checkout with the picked tiers only', async () => {
    const { user, router } = await renderConcert();
    const checkout = screen.getByRole('button', { name: 'Checkout' });
    expect(checkout).toBeDisabled();

    await user.click(addButton('VIP'));
    await user.click(addButton('VIP'));
    await user.click(addButton('General Admission'));
    await user.click(checkout);

    expect(router.state.location.pathname).toBe(`/concerts/${CONCERT_ID}/checkout`);
    expect(router.state.location.state).toEqual({
      items: [
        { tier: 'vip', quantity: 2 },
        { tier: 'ga', quantity: 1 },
      ],
    });
  });

  it('says kindly when there is no such concert, with a way home', async () => {
    server.use(
      http.get('/api/concerts/nope', () =>
        HttpResponse.json(
          { error: { code: 'CONCERT_NOT_FOUND', message: 'No such concert.' } },
          { status: 404 },
        ),
      ),
    );

    renderRoute(<ConcertRoute />, { path: '/concerts/:concertId', url: '/concerts/nope' });

    expect(
      await screen.findByRole('heading', { name: 'We could not find this concert' }),
    ).toBeVisible();
    expect(screen.getByRole('link', { name: 'See upcoming concerts' })).toHaveAttribute(
      'href',
      '/',
    );
    expect(streams.all).toHaveLength(0);
  });

  it('explains other failures in plain words and loads again on retry', async () => {
    const concert = concertFixture();
    serveConcert(concert);
    server.use(
      http.get(`/api/concerts/${CONCERT_ID}`, () => new HttpResponse(null, { status: 502 }), {
        once: true,
      }),
    );
    const { user } = renderRoute(<ConcertRoute />, {
      path: '/concerts/:concertId',
      url: `/concerts/${CONCERT_ID}`,
    });

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('We could not load this concert');
    await user.click(within(alert).getByRole('button', { name: 'Try again' }));

    expect(
      await screen.findByRole('heading', { level: 1, name: 'Neon Harbor — Tidelight Tour' }),
    ).toBeVisible();
  });
});
