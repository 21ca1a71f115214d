import type { Concert, WaitingRoomPlace } from '@ticket-booking/shared';
import { screen, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { passFor } from '../../features/waiting-room';
import { sendCounts } from '../../features/waiting-list/testing/mock-waiting-list';
import { stubEventSource } from '../../test/fake-event-source';
import { concertFixture } from '../../test/fixtures';
import { renderRoute } from '../../test/render';
import { server } from '../../test/server';
import { ConcertRoute } from './concert';

const ON_SALE = '2030-01-15T12:10:00.000Z';

function roomConcert(overrides: Partial<Concert> = {}): Concert {
  return concertFixture({
    status: 'SCHEDULED',
    onSaleAt: ON_SALE,
    waitingRoom: { admitPerMinute: 60 },
    ...overrides,
  });
}

function placeFixture(overrides: Partial<WaitingRoomPlace> = {}): WaitingRoomPlace {
  return {
    concertId: 'neon-harbor-tidelight',
    state: 'WAITING',
    joinedAt: '2030-01-15T12:00:00.000Z',
    onSaleAt: ON_SALE,
    admitPerMinute: 60,
    serverTime: new Date().toISOString(),
    ...overrides,
  };
}

/** Serves the concert and a waiting room whose answers `places` gives, one per request. */
function serve(concert: Concert, places: { get: () => WaitingRoomPlace | null }) {
  const joins: number[] = [];
  server.use(
    http.get(`/api/concerts/${concert.id}`, () => HttpResponse.json({ concert })),
    http.get(`/api/concerts/${concert.id}/waiting-list`, () => HttpResponse.json({ entries: [] })),
    http.get(`/api/concerts/${concert.id}/waiting-room`, () =>
      HttpResponse.json({ place: places.get() }),
    ),
    http.post(`/api/concerts/${concert.id}/waiting-room`, () => {
      joins.push(1);
      return HttpResponse.json({ place: placeFixture() }, { status: 201 });
    }),
  );
  return joins;
}

async function renderConcert(concert: Concert) {
  const utils = renderRoute(<ConcertRoute />, {
    path: '/concerts/:concertId',
    url: `/concerts/${concert.id}`,
  });
  await screen.findByRole('heading', { level: 1, name: `${concert.artist} — ${concert.name}` });
  return utils;
}

let streams: ReturnType<typeof stubEventSource>;

beforeEach(() => {
  streams = stubEventSource();
  sessionStorage.clear();
});
afterEach(() => {
  vi.unstubAllGlobals();
});

describe('a concert with a waiting room', () => {
  it('before on-sale, lets the shopper join, and says places are drawn at random at on-sale', async () => {
    const concert = roomConcert();
    let place: WaitingRoomPlace | null = null;
    const joins = serve(concert, { get: () => place });
    const { user } = await renderConcert(concert);

    await user.click(await screen.findByRole('button', { name: 'Join the waiting room' }));
    place = placeFixture();

    expect(await screen.findByText(/given a place in line at random/)).toBeVisible();
    expect(joins).toHaveLength(1);
    expect(screen.queryByRole('button', { name: 'Checkout' })).toBeNull();
  });

  it('shows the place and the wait, and no way to buy until the place is let in', async () => {
    const concert = roomConcert({ status: 'ON_SALE' });
    const admittedAt = new Date(Date.now() + 125_000).toISOString();
    serve(concert, { get: () => placeFixture({ place: 7, admittedAt }) });

    await renderConcert(concert);

    expect(await screen.findByText(/Your place in line:/)).toHaveTextContent(
      /Your place in line: 7/,
    );
    expect(screen.getByRole('timer')).toHaveTextContent(/2:0[45]/);
    expect(screen.queryByRole('button', { name: 'Checkout' })).toBeNull();
  });

  it('once let in, shows the tickets and keeps the pass for the checkout', async () => {
    const concert = roomConcert({ status: 'ON_SALE' });
    serve(concert, {
      get: () =>
        placeFixture({
          state: 'ADMITTED',
          place: 1,
          admittedAt: ON_SALE,
          pass: 'kr5x0.pass-of-this-session-123',
          passExpiresAt: '2030-01-15T12:20:00.000Z',
        }),
    });

    await renderConcert(concert);

    expect(await screen.findByRole('button', { name: 'Checkout' })).toBeVisible();
    await waitFor(() => {
      expect(passFor(concert.id)).toBe('kr5x0.pass-of-this-session-123');
    });
  });

  it('when every tier sells out, tells those waiting at once and offers each tier’s waiting list', async () => {
    const concert = roomConcert({ status: 'ON_SALE' });
    const admittedAt = new Date(Date.now() + 125_000).toISOString();
    serve(concert, { get: () => placeFixture({ place: 7, admittedAt }) });
    await renderConcert(concert);
    await screen.findByText(/Your place in line:/);

    const soldOut = {
      ...concert,
      tiers: concert.tiers.map((tier) => ({ ...tier, sold: tier.total, held: 0, available: 0 })),
    };
    sendCounts(streams.latest(), soldOut, 2);

    expect(await screen.findByText(/Every ticket is sold or held right now/)).toBeVisible();
    for (const tier of concert.tiers) {
      expect(
        await screen.findByRole('button', { name: `Join the waiting list for ${tier.name}` }),
      ).toBeVisible();
    }
    expect(screen.queryByText(/Your place in line:/)).toBeNull();
  });
});
