import type { Concert } from '@ticket-booking/shared';
import { act, screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
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
