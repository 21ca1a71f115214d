import type { Concert } from '@ticket-booking/shared';
import { act, screen, within } from '@testing-library/react';
import { delay, http, HttpResponse } from 'msw';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { concertFixture, tierFixture } from '../../test/fixtures';
import { renderRoute } from '../../test/render';
import { server } from '../../test/server';
import { CONCERT_LIST_REFRESH_MS, ConcertsRoute } from './concerts';

function concertWith(id: string, name: string, tiers: Concert['tiers']): Concert {
  return concertFixture({ id, name, artist: `Artist of ${name}`, tiers });
}

const onSale = concertWith('on-sale', 'Quiet Night', [
  tierFixture({ code: 'ga', total: 1000, sold: 300, held: 50 }),
]);
const sellingFast = concertWith('selling-fast', 'Busy Night', [
  tierFixture({ code: 'ga', total: 1000, sold: 450, held: 50 }),
]);
const fewLeft = concertWith('few-left', 'Last Call', [
  tierFixture({ code: 'vip', total: 60, sold: 58 }),
  tierFixture({ code: 'ga', total: 200, sold: 190, held: 5 }),
]);
const soldOut = concertWith('sold-out', 'Full House', [
  tierFixture({ code: 'vip', total: 60, sold: 60 }),
  tierFixture({ code: 'ga', total: 200, sold: 200 }),
]);
const allHeld = concertWith('all-held', 'Held Breath', [
  tierFixture({ code: 'vip', total: 60, sold: 60 }),
  tierFixture({ code: 'ga', total: 200, sold: 195, held: 5 }),
]);

function serveConcerts(concerts: Concert[]) {
  server.use(http.get('/api/concerts', () => HttpResponse.json({ concerts })));
}

function renderConcerts() {
  return renderRoute(<ConcertsRoute />, { path: '/', url: '/' });
}

function card(name: string) {
  const link = screen.getByRole('link', { name: new RegExp(name) });
  const article = link.closest('article');
  if (!article) throw new Error(`No card around ${name}`);
  return within(article);
}

afterEach(() => {
  vi.useRealTimers();
});

describe('the concerts page', () => {
  it('shows each concert as a link to its page, with date, venue and price range', async () => {
    serveConcerts([concertFixture()]);

    renderConcerts();

    const link = await screen.findByRole('link', { name: /^Neon Harbor.*Tidelight Tour$/ });
    expect(link).toHaveAttribute('href', '/concerts/neon-harbor-tidelight');
    const tidelight = card('Tidelight Tour');
    expect(tidelight.getByText('Thu, Feb 14, 2030, 2:30 PM EST')).toBeVisible();
    expect(tidelight.getByText('Riverside Amphitheater')).toBeVisible();
    expect(tidelight.getByText('$69.00 – $249.00')).toBeVisible();
  });

  it('badges each concert by how it is selling', async () => {
    serveConcerts([onSale, sellingFast, fewLeft, soldOut]);

    renderConcerts();

    await screen.findByRole('link', { name: /Quiet Night/ });
    expect(card('Quiet Night').getByText('On sale')).toBeVisible();
    expect(card('Busy Night').getByText('Selling fast')).toBeVisible();
    expect(card('Last Call').getByText('Only 7 left')).toBeVisible();
    expect(card('Full House').getByText('Sold out')).toBeVisible();
  });

  it('shows a concert whose last tickets are all in checkouts as all held, not sold out', async () => {
    serveConcerts([allHeld]);

    renderConcerts();

    await screen.findByRole('link', { name: /Held Breath/ });
    expect(card('Held Breath').getByText('All held')).toBeVisible();
    expect(
      card('Held Breath').getByText('5 held in checkout — tickets may come back'),
    ).toBeVisible();
    expect(card('Held Breath').queryByText('Sold out')).not.toBeInTheDocument();
  });

  it('shows a loading state until the concerts arrive', async () => {
    serveConcerts([concertFixture()]);

    renderConcerts();

    expect(screen.getByRole('status')).toHaveTextContent('Loading concerts…');
    await screen.findByRole('link', { name: /Tidelight Tour/ });
    expect(screen.queryByText('Loading concerts…')).not.toBeInTheDocument();
  });

  it('says so when there are no concerts', async () => {
    serveConcerts([]);

    renderConcerts();

    expect(await screen.findByText('No concerts on sale right now')).toBeVisible();
    expect(screen.queryByRole('link')).not.toBeInTheDocument();
  });

  it('explains a failure in plain words and loads again on retry', async () => {
    serveConcerts([concertFixture()]);
    server.use(http.get('/api/concerts', () => HttpResponse.error(), { once: true }));
    const { user } = renderConcerts();

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('We could not load the concerts');
    expect(alert).toHaveTextContent(/could not reach the box office/i);

    await user.click(within(alert).getByRole('button', { name: 'Try again' }));

    expect(await screen.findByRole('link', { name: /Tidelight Tour/ })).toBeVisible();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('keeps the error and its retry on screen while it asks again in the background', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    let asked = 0;
    let up = false;
    server.use(
      http.get('/api/concerts', async () => {
        asked += 1;
        // Slow to fail, as a server that is down often is: each try is pending a while.
        await delay(2_000);
        return up ? HttpResponse.json({ concerts: [concertFixture()] }) : HttpResponse.error();
      }),
    );
    renderConcerts();
    await act(() => vi.advanceTimersByTimeAsync(2_000));
    expect(await screen.findByRole('alert')).toHaveTextContent('We could not load the concerts');

    // Through the next refresh and its pending try, half a second at a time.
    const shown = [];
    for (let elapsed = 0; elapsed < 1.5 * CONCERT_LIST_REFRESH_MS; elapsed += 500) {
      await act(() => vi.advanceTimersByTimeAsync(500));
      shown.push({
        alert: screen.queryByRole('alert') !== null,
        retry: screen.queryByRole('button', { name: 'Try again' }) !== null,
        loading: screen.queryByText('Loading concerts…') !== null,
      });
    }

    expect(asked).toBeGreaterThan(1);
    expect(shown.filter((now) => !now.alert || !now.retry || now.loading)).toEqual([]);
    up = true;
    await act(() => vi.advanceTimersByTimeAsync(CONCERT_LIST_REFRESH_MS));
    expect(await screen.findByRole('link', { name: /Tidelight Tour/ })).toBeVisible();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('refreshes the badges every few seconds without a reload', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    serveConcerts([onSale]);
    renderConcerts();
    expect(await screen.findByText('On sale')).toBeVisible();

    serveConcerts([{ ...onSale, tiers: soldOut.tiers }]);
    await act(async () => {
      await vi.advanceTimersByTimeAsync(CONCERT_LIST_REFRESH_MS);
    });

    expect(await screen.findByText('Sold out')).toBeVisible();
  });
});
