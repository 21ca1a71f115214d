import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { stubEventSource } from '../../../test/fake-event-source';
import {
  holdFixture,
  NOW,
  SEAT_PLAN,
  seatedConcertFixture,
  seatRefFixture,
} from '../../../test/fixtures';
import { mockSeatMap } from '../../../test/mock-seat-map';
import {
  apiError,
  CONCERT_ID,
  mockCheckoutApi,
  renderCheckout,
  setUpCheckoutTests,
} from '../testing/mock-checkout';

setUpCheckoutTests(NOW);

const concert = seatedConcertFixture();

let streams: ReturnType<typeof stubEventSource>;

beforeEach(() => {
  streams = stubEventSource();
});

afterEach(() => {
  vi.unstubAllGlobals();
});

/** Each seat listed under a tier of the order summary, with its price. */
async function seatsInSummary(tier: string) {
  const summary = await screen.findByRole('complementary', { name: 'Your order' });
  const list = within(summary).getByRole('list', { name: `${tier} seats` });
  return within(list)
    .getAllByRole('listitem')
    .map((item) => item.textContent);
}

describe('checking out seats', () => {
  it('holds the seats picked on the map with the other tickets, and lists each seat with its price', async () => {
    const api = mockCheckoutApi({ concert, plan: SEAT_PLAN });

    renderCheckout({
      state: { items: [{ tier: 'ga', quantity: 1 }], seats: ['Stalls-A-2', 'Stalls-A-3'] },
    });

    expect(await seatsInSummary('Stalls')).toEqual([
      'Section Stalls, Row A, Seat 2$45.00',
      'Section Stalls, Row A, Seat 3$45.00',
    ]);
    expect(api.checkouts()).toEqual([
      {
        concertId: CONCERT_ID,
        items: [{ tier: 'ga', quantity: 1 }],
        seats: ['Stalls-A-2', 'Stalls-A-3'],
      },
    ]);
    expect(screen.getByTestId('order-total')).toHaveTextContent('$110.00');
  });

  it('asks for best available by tier and quantity, and lists the seats the server found', async () => {
    const api = mockCheckoutApi({ concert, plan: SEAT_PLAN });

    renderCheckout({ state: { items: [{ tier: 'circle', quantity: 2 }] } });

    expect(await seatsInSummary('Circle')).toEqual([
      'Section Stalls, Row B, Seat 1$30.00',
      'Section Stalls, Row B, Seat 2$30.00',
    ]);
    expect(api.checkouts()).toEqual([
      { concertId: CONCERT_ID, items: [{ tier: 'circle', quantity: 2 }] },
    ]);
  });

  it('resumes the held seats after a reload, with no new hold', async () => {
    const seats = [seatRefFixture('A', '2'), seatRefFixture('A', '3')];
    const api = mockCheckoutApi({
      concert,
      plan: SEAT_PLAN,
      liveHold: holdFixture({
        items: [{ tier: 'stalls', name: 'Stalls', quantity: 2, unitPriceCents: 4_500, seats }],
        totalCents: 9_000,
      }),
    });

    renderCheckout({ state: { items: [], seats: ['Stalls-A-3', 'Stalls-A-2'] } });

    expect(await seatsInSummary('Stalls')).toEqual([
      'Section Stalls, Row A, Seat 2$45.00',
      'Section Stalls, Row A, Seat 3$45.00',
    ]);
    await waitFor(() => {
      expect(api.heartbeats()).toHaveLength(1);
    });
    expect(api.checkouts()).toEqual([]);
    expect(screen.getByTestId('order-total')).toHaveTextContent('$90.00');
  });
});

describe('when seats picked were taken first', () => {
  function refuseSeats(api: ReturnType<typeof mockCheckoutApi>) {
    api.overrides.checkout = () => {
      api.overrides.checkout = undefined;
      return apiError(409, 'SEATS_TAKEN', 'Section Stalls, Row A, Seat 3 was just taken.', [
        {
          taken: [seatRefFixture('A', '3')],
          alternatives: [seatRefFixture('A', '1'), seatRefFixture('A', '2')],
        },
      ]);
    };
  }

  it('names the seat, marks it on the map, and holds the seats offered instead on request', async () => {
    const api = mockCheckoutApi({ concert, plan: SEAT_PLAN });
    mockSeatMap({ concertId: CONCERT_ID, plan: SEAT_PLAN, taken: { 'Stalls-A-3': 'held' } });
    refuseSeats(api);
    const { user } = renderCheckout({
      state: { items: [{ tier: 'ga', quantity: 1 }], seats: ['Stalls-A-2', 'Stalls-A-3'] },
    });

    const problem = await screen.findByRole('alert');
    expect(problem).toHaveTextContent('Some of your seats were just taken');
    expect(problem).toHaveTextContent(
      'Another shopper got to Section Stalls, Row A, Seat 3 first.',
    );
    expect(problem).toHaveTextContent(
      'We found seats together nearby: Section Stalls, Row A, Seats 1–2.',
    );
    const lost = await screen.findByRole('checkbox', {
      name: 'Section Stalls, Row A, Seat 3, Stalls, $45.00, held by another shopper',
    });
    expect(lost).toBeChecked();
    expect(screen.getByRole('list', { name: 'Seat map key' })).toHaveTextContent(
      'Your pick, taken by another shopper',
    );
    expect(streams.all).toHaveLength(1);

    await user.click(
      within(problem).getByRole('button', {
        name: 'Take Section Stalls, Row A, Seats 1–2 instead',
      }),
    );

    expect(await seatsInSummary('Stalls')).toEqual([
      'Section Stalls, Row A, Seat 1$45.00',
      'Section Stalls, Row A, Seat 2$45.00',
    ]);
    expect(api.checkouts()).toEqual([
      {
        concertId: CONCERT_ID,
        items: [{ tier: 'ga', quantity: 1 }],
        seats: ['Stalls-A-2', 'Stalls-A-3'],
      },
      {
        concertId: CONCERT_ID,
        items: [{ tier: 'ga', quantity: 1 }],
        seats: ['Stalls-A-1', 'Stalls-A-2'],
      },
    ]);
  });

  it('goes back to choose other seats, keeping the rest of the order', async () => {
    const api = mockCheckoutApi({ concert, plan: SEAT_PLAN });
    mockSeatMap({ concertId: CONCERT_ID, plan: SEAT_PLAN, taken: { 'Stalls-A-3': 'held' } });
    refuseSeats(api);
    const { user, router } = renderCheckout({
      state: { items: [{ tier: 'ga', quantity: 1 }], seats: ['Stalls-A-2', 'Stalls-A-3'] },
    });

    await user.click(await screen.findByRole('link', { name: 'Choose other seats' }));

    expect(router.state.location.pathname).toBe(`/concerts/${CONCERT_ID}`);
    expect(router.state.location.state).toEqual({
      items: [{ tier: 'ga', quantity: 1 }],
      seats: ['Stalls-A-2'],
    });
    expect(api.checkouts()).toHaveLength(1);
  });
});

describe('when best available finds too few seats together', () => {
  function refuseApart(api: ReturnType<typeof mockCheckoutApi>) {
    api.overrides.checkout = () => {
      api.overrides.checkout = undefined;
      return apiError(409, 'NO_SEATS_TOGETHER', 'No 4 seats together.', [
        { tier: 'stalls', requested: 4, together: 3 },
      ]);
    };
  }

  it('says how many are left together, and holds those on request', async () => {
    const api = mockCheckoutApi({ concert, plan: SEAT_PLAN });
    refuseApart(api);
    const { user } = renderCheckout({
      state: {
        items: [
          { tier: 'stalls', quantity: 4 },
          { tier: 'ga', quantity: 1 },
        ],
      },
    });

    const problem = await screen.findByRole('alert');
    expect(problem).toHaveTextContent('Not enough seats together');
    await waitFor(() => {
      expect(problem).toHaveTextContent(
        'Only 3 seats together are left in Stalls; you asked for 4.',
      );
    });
    await user.click(
      within(problem).getByRole('button', { name: 'Hold 3 seats together instead' }),
    );

    expect(await seatsInSummary('Stalls')).toHaveLength(3);
    expect(api.checkouts().at(-1)).toEqual({
      concertId: CONCERT_ID,
      items: [
        { tier: 'stalls', quantity: 3 },
        { tier: 'ga', quantity: 1 },
      ],
    });
  });

  it('offers picking seats on the map instead, keeping the rest of the order', async () => {
    const api = mockCheckoutApi({ concert, plan: SEAT_PLAN });
    refuseApart(api);
    const { user, router } = renderCheckout({
      state: {
        items: [
          { tier: 'stalls', quantity: 4 },
          { tier: 'ga', quantity: 1 },
        ],
        seats: ['Stalls-B-2'],
      },
    });

    await user.click(await screen.findByRole('link', { name: 'Pick seats on the map' }));

    expect(router.state.location.pathname).toBe(`/concerts/${CONCERT_ID}`);
    expect(router.state.location.state).toEqual({
      items: [{ tier: 'ga', quantity: 1 }],
      seats: ['Stalls-B-2'],
    });
  });
});
