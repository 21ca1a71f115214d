import type { Concert, SeatState } from '@ticket-booking/shared';
import { act, screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mockSeatMap, seatChangesEvent } from '../../test/mock-seat-map';
import { stubEventSource } from '../../test/fake-event-source';
import { concertFixture, SEAT_PLAN, seatedConcertFixture } from '../../test/fixtures';
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
});

async function renderSeatedConcert({
  concert = seatedConcertFixture(),
  taken = {},
  state,
}: { concert?: Concert; taken?: Record<string, SeatState>; state?: unknown } = {}) {
  server.use(
    http.get(`/api/concerts/${concert.id}`, () => HttpResponse.json({ concert })),
    http.get(`/api/concerts/${concert.id}/waiting-list`, () => HttpResponse.json({ entries: [] })),
  );
  const asked = mockSeatMap({ concertId: concert.id, plan: SEAT_PLAN, taken });
  const utils = renderRoute(<ConcertRoute />, {
    path: '/concerts/:concertId',
    url: `/concerts/${concert.id}`,
    state,
  });
  await screen.findAllByRole('checkbox');
  return { ...utils, asked };
}

/** A seat on the map, by its label: "Section Stalls, Row A, Seat 2". */
function seat(label: string) {
  return screen.getByRole('checkbox', { name: new RegExp(`^${label},`) });
}

function summary() {
  return within(screen.getByRole('region', { name: 'Your selection' }));
}

function tierRow(name: string) {
  const row = screen.getByRole('heading', { level: 3, name }).closest('li');
  if (!row) throw new Error(`No row for ${name}`);
  return within(row);
}

describe('the concert page of a seated concert', () => {
  it('shows the map with each zone’s price, over one stream, and no quantity picker for seated tiers', async () => {
    await renderSeatedConcert();

    const key = within(screen.getByRole('list', { name: 'Seat map key' }));
    expect(key.getByText('Stalls').closest('li')).toHaveTextContent('Stalls $45.00');
    expect(key.getByText('Circle').closest('li')).toHaveTextContent('Circle $30.00');
    expect(screen.getAllByRole('checkbox')).toHaveLength(8);
    expect(tierRow('Stalls').getByText('Choose seats on the map')).toBeVisible();
    expect(screen.queryByRole('spinbutton', { name: 'Stalls quantity' })).toBeNull();
    expect(screen.getByRole('spinbutton', { name: 'General Admission quantity' })).toBeVisible();
    expect(tierRow('Stalls').queryByRole('button', { name: /waiting list/i })).toBeNull();
    expect(streams.all).toHaveLength(1);
  });

  it('lists the seats picked with their price and a running total, and lets one go', async () => {
    const { user } = await renderSeatedConcert();

    await user.click(seat('Section Stalls, Row A, Seat 2'));
    await user.click(seat('Section Stalls, Row B, Seat 3'));

    const picked = summary().getAllByRole('listitem');
    expect(picked.map((item) => item.textContent)).toEqual([
      'Section Stalls, Row A, Seat 2Stalls$45.00×',
      'Section Stalls, Row B, Seat 3Circle$30.00×',
    ]);
    expect(screen.getByTestId('selection-total')).toHaveTextContent('$75.00');
    expect(summary().getByText('(2 tickets)')).toBeVisible();

    await user.click(
      summary().getByRole('button', { name: 'Remove Section Stalls, Row A, Seat 2' }),
    );

    expect(seat('Section Stalls, Row A, Seat 2')).not.toBeChecked();
    expect(seat('Section Stalls, Row B, Seat 3')).toBeChecked();
    expect(screen.getByTestId('selection-total')).toHaveTextContent('$30.00');
  });

  it('goes to checkout with the seats picked and the other tiers’ quantities', async () => {
    const { user, router } = await renderSeatedConcert();

    await user.click(seat('Section Stalls, Row B, Seat 1'));
    await user.click(seat('Section Stalls, Row A, Seat 4'));
    await user.click(screen.getByRole('button', { name: 'Add one General Admission ticket' }));
    await user.click(screen.getByRole('button', { name: 'Checkout' }));

    expect(router.state.location.pathname).toBe(`/concerts/${CONCERT_ID}/checkout`);
    expect(router.state.location.state).toEqual({
      items: [{ tier: 'ga', quantity: 1 }],
      seats: ['Stalls-A-4', 'Stalls-B-1'],
    });
  });

  it('asks for the best seats together in a zone by how many, replacing seats picked there', async () => {
    const { user, router } = await renderSeatedConcert();
    await user.click(seat('Section Stalls, Row B, Seat 1'));
    await user.click(seat('Section Stalls, Row A, Seat 1'));
    const best = within(screen.getByRole('region', { name: 'Best available' }));

    await user.selectOptions(best.getByRole('combobox', { name: 'Zone' }), 'circle');
    expect(best.getByText('Replaces the 1 seat you picked in Circle on the map.')).toBeVisible();
    await user.selectOptions(best.getByRole('combobox', { name: 'Seats' }), '3');
    await user.click(best.getByRole('button', { name: 'Add 3 best seats' }));

    expect(seat('Section Stalls, Row B, Seat 1')).not.toBeChecked();
    expect(summary().getByText('3 × Circle').closest('li')).toHaveTextContent(
      '3 × CircleBest available, together$90.00',
    );
    expect(screen.getByTestId('selection-total')).toHaveTextContent('$135.00');

    await user.click(screen.getByRole('button', { name: 'Checkout' }));

    expect(router.state.location.state).toEqual({
      items: [{ tier: 'circle', quantity: 3 }],
      seats: ['Stalls-A-1'],
    });
  });

  it('offers no more best seats than are free together in the zone', async () => {
    await renderSeatedConcert({ taken: { 'Stalls-A-3': 'sold' } });
    const best = within(screen.getByRole('region', { name: 'Best available' }));

    const counts = within(best.getByRole('combobox', { name: 'Seats' })).getAllByRole('option');

    expect(counts.map((option) => option.textContent)).toEqual(['1', '2']);
    expect(best.getByText('At most 2 seats together are left in Stalls.')).toBeVisible();
  });

  it('when another shopper takes a picked seat, drops it from the selection and says so', async () => {
    const { user } = await renderSeatedConcert();
    await user.click(seat('Section Stalls, Row A, Seat 2'));
    await user.click(seat('Section Stalls, Row A, Seat 3'));

    act(() => {
      streams
        .latest()
        .emit(
          'seat-changes',
          seatChangesEvent(
            CONCERT_ID,
            SEAT_PLAN,
            { from: 1, version: 2 },
            { held: ['Stalls-A-2'] },
          ),
        );
    });

    const message =
      'Section Stalls, Row A, Seat 2 was just taken by another shopper — removed from your selection';
    expect(seat('Section Stalls, Row A, Seat 2')).not.toBeChecked();
    expect(seat('Section Stalls, Row A, Seat 2')).toHaveAccessibleName(/held by another shopper$/);
    expect(summary().getByText(message)).toBeVisible();
    expect(
      summary().queryByRole('button', { name: /Remove Section Stalls, Row A, Seat 2/ }),
    ).toBeNull();
    expect(screen.getByTestId('selection-total')).toHaveTextContent('$45.00');
    // Read out after the picks just before it, a second apart.
    await vi.waitFor(
      () => {
        expect(screen.getByRole('status', { name: 'Seat updates' })).toHaveTextContent(
          `${message}.`,
        );
      },
      { timeout: 3_000 },
    );

    // The notice stays until the shopper changes their seats.
    await user.click(seat('Section Stalls, Row A, Seat 4'));
    expect(summary().queryByText(message)).toBeNull();
  });

  it('picks no more seats than one order may have, and says so', async () => {
    const { user } = await renderSeatedConcert({
      concert: seatedConcertFixture({ maxTicketsPerOrder: 2 }),
    });

    await user.click(seat('Section Stalls, Row A, Seat 1'));
    await user.click(seat('Section Stalls, Row A, Seat 2'));
    await user.click(seat('Section Stalls, Row A, Seat 3'));

    expect(seat('Section Stalls, Row A, Seat 3')).not.toBeChecked();
    expect(summary().getByText('That is the most for one order: 2 tickets.')).toBeVisible();
    expect(screen.getByRole('status', { name: 'Selection updates' })).toHaveTextContent(
      'That is the most for one order: 2 tickets.',
    );
    expect(
      screen.getByRole('button', { name: 'Add one General Admission ticket' }),
    ).toHaveAttribute('aria-disabled', 'true');
  });

  it('starts from what the shopper had when checkout sends them back to choose again', async () => {
    const { asked } = await renderSeatedConcert({
      taken: { 'Stalls-A-2': 'held' },
      state: { items: [{ tier: 'ga', quantity: 2 }], seats: ['Stalls-A-1', 'Stalls-A-2'] },
    });

    expect(seat('Section Stalls, Row A, Seat 1')).toBeChecked();
    expect(seat('Section Stalls, Row A, Seat 2')).not.toBeChecked();
    expect(screen.getByRole('spinbutton', { name: 'General Admission quantity' })).toHaveValue(2);
    expect(screen.getByTestId('selection-total')).toHaveTextContent('$85.00');
    expect(asked.count).toBe(1);
  });
});

describe('the concert page of a concert sold by quantity only', () => {
  it('reads no seat map and shows none', async () => {
    const concert = concertFixture();
    const asked = mockSeatMap({ concertId: concert.id, plan: SEAT_PLAN });
    server.use(
      http.get(`/api/concerts/${concert.id}`, () => HttpResponse.json({ concert })),
      http.get(`/api/concerts/${concert.id}/waiting-list`, () =>
        HttpResponse.json({ entries: [] }),
      ),
    );

    renderRoute(<ConcertRoute />, { path: '/concerts/:concertId', url: `/concerts/${concert.id}` });

    expect(await screen.findByRole('spinbutton', { name: 'VIP quantity' })).toBeVisible();
    expect(screen.queryByRole('heading', { name: 'Choose your seats' })).toBeNull();
    expect(screen.queryByRole('checkbox')).toBeNull();
    expect(asked.count).toBe(0);
    expect(streams.all).toHaveLength(1);
  });
});
