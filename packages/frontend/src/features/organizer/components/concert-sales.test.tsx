import {
  buildSeatPlan,
  encodeSeatStates,
  type AvailabilityEvent,
  type ConcertSales,
  type SeatChangesEvent,
  type SeatMap,
} from '@ticket-booking/shared';
import { focusManager } from '@tanstack/react-query';
import { act, screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { stubEventSource } from '../../../test/fake-event-source';
import { concertFixture } from '../../../test/fixtures';
import { server } from '../../../test/server';
import { SALES_POLL_MS } from '../api/organizer';
import {
  apiError,
  CONCERT_ID,
  mockOrganizerApi,
  renderOrganizer,
  salesFixture,
  TOKEN,
  TOKEN_KEY,
  waitingListFixture,
} from '../testing/mock-organizer';

let streams: ReturnType<typeof stubEventSource>;

beforeEach(() => {
  sessionStorage.setItem(TOKEN_KEY, TOKEN);
  streams = stubEventSource();
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  sessionStorage.clear();
});

function sendCounts(version: number, vip: { sold: number; held: number }) {
  const event: AvailabilityEvent = {
    concertId: CONCERT_ID,
    version,
    tiers: [{ code: 'vip', total: 60, ...vip, available: 60 - vip.sold - vip.held }],
    serverTime: '2030-01-15T12:00:00.000Z',
  };
  act(() => {
    streams.latest().emit('availability', event);
  });
}

function vipRow() {
  const row = screen.getByRole('heading', { level: 3, name: 'VIP' }).closest('li');
  if (!row) throw new Error('No VIP row');
  return within(row);
}

/** The value of one of the concert's headline figures. */
function figure(label: string) {
  return screen.getByText(label, { selector: 'dt' }).nextElementSibling;
}

async function openSales() {
  const rendered = renderOrganizer(`/organizer/concerts/${CONCERT_ID}`);
  await screen.findByRole('heading', { level: 3, name: 'VIP' });
  return rendered;
}

describe("watching a concert's sales", () => {
  it('shows revenue, conversion, hold outcomes and the sales per minute as text', async () => {
    mockOrganizerApi();

    await openSales();

    expect(figure('Revenue')).toHaveTextContent('$498.00');
    expect(figure('Conversion')).toHaveTextContent('25%');
    expect(screen.getByText('1 bought · 1 expired · 4 started')).toBeVisible();
    expect(vipRow().getByRole('img')).toHaveAccessibleName('VIP: 2 sold, 3 held, 55 available');
    const table = screen.getByRole('table', { name: 'Tickets sold per minute' });
    expect(within(table).getAllByRole('row')[1]).toHaveTextContent(
      /^Tue, Jan 15, 2030, 6:58\sAM EST\s*2\s*\$498\.00$/,
    );
  });

  it('says “1 live hold” and “2 live holds”, each in its own number', async () => {
    mockOrganizerApi({
      sales: () => {
        const sales = salesFixture();
        const vip = sales.tiers[0]!;
        return {
          ...sales,
          tiers: [
            { ...vip, liveHolds: 1 },
            { ...vip, code: 'ga', name: 'GA' },
          ],
        };
      },
    });

    await openSales();

    expect(vipRow().getByText(/live hold/)).toHaveTextContent(/^Revenue \$498\.00 · 1 live hold$/);
    const ga = screen.getByRole('heading', { level: 3, name: 'GA' }).closest('li')!;
    expect(within(ga).getByText(/live holds/)).toHaveTextContent(
      /^Revenue \$498\.00 · 2 live holds$/,
    );
  });

  it('draws the chart with a scale of tickets and dates with their year, at the venue', async () => {
    mockOrganizerApi();

    await openSales();

    // 2 tickets at 11:58 UTC: 6:58 in New York, where the venue is.
    const labels = [...screen.getByTestId('sales-chart').querySelectorAll('text')].map(
      // Whatever spaces the locale puts before AM.
      (text) => text.textContent.replace(/\s/g, ' '),
    );
    expect(labels).toEqual([
      '0',
      '1',
      '2',
      'Tickets per minute',
      'Jan 15, 2030, 6:29 AM',
      'Jan 15, 2030, 6:44 AM',
      'Jan 15, 2030, 6:58 AM',
      'Time at the venue (EST)',
    ]);
  });

  it('moves the bars when the stream sends new counts, and fetches the revenue again', async () => {
    let revenueCents = 49_800;
    const api = mockOrganizerApi({ sales: () => salesFixture({ revenueCents }) });
    await openSales();
    const fetchesBefore = api.authorizations.length;

    revenueCents = 74_700;
    sendCounts(7, { sold: 3, held: 1 });

    expect(vipRow().getByRole('img')).toHaveAccessibleName('VIP: 3 sold, 1 held, 56 available');
    expect(vipRow().getByText('3 sold')).toBeVisible();
    await waitFor(() => {
      expect(figure('Revenue')).toHaveTextContent('$747.00');
    });
    expect(api.authorizations).toHaveLength(fetchesBefore + 1);
  });

  it('switches to another concert from the list, and listens to its stream instead', async () => {
    mockOrganizerApi();
    server.use(
      http.get('/api/admin/concerts', () =>
        HttpResponse.json({
          concerts: [concertFixture(), concertFixture({ id: 'other-show', name: 'Other Show' })],
        }),
      ),
    );
    const { user, router } = await openSales();
    await screen.findByRole('option', { name: 'Neon Harbor — Other Show' });

    await user.selectOptions(screen.getByLabelText('Concert'), 'other-show');

    expect(router.state.location.pathname).toBe('/organizer/concerts/other-show');
    expect(streams.open().map((stream) => stream.url)).toEqual([
      '/api/concerts/other-show/availability/stream',
    ]);
  });

  it('asks for the token again when the server no longer accepts it', async () => {
    server.use(
      http.get('/api/admin/concerts', () => HttpResponse.json({ concerts: [concertFixture()] })),
      http.get('/api/admin/concerts/:id/sales', () =>
        apiError(401, 'UNAUTHORIZED', 'This needs a valid organizer token.'),
      ),
      http.get('/api/admin/concerts/:id/waiting-list', () =>
        apiError(401, 'UNAUTHORIZED', 'This needs a valid organizer token.'),
      ),
      http.get('/api/concerts/:id/seats', () => HttpResponse.json({ seatMap: null })),
    );

    renderOrganizer(`/organizer/concerts/${CONCERT_ID}`);

    expect(await screen.findByRole('heading', { name: 'Organizer sign-in' })).toBeVisible();
    expect(sessionStorage.getItem(TOKEN_KEY)).toBeNull();
  });
});

/** The fixture's VIP tier (2 sold, 1 let in) and a GA tier with 4 sold, `gaCheckedIn` let in. */
function twoTiers(gaCheckedIn: number): ConcertSales {
  const sales = salesFixture();
  const vip = sales.tiers[0]!;
  return {
    ...sales,
    tiers: [vip, { ...vip, code: 'ga', name: 'GA', sold: 4, checkedIn: gaCheckedIn }],
  };
}

function gaRow() {
  const row = screen.getByRole('heading', { level: 3, name: 'GA' }).closest('li');
  if (!row) throw new Error('No GA row');
  return within(row);
}

describe('the check-ins at the doors', () => {
  it('shows how many of each tier’s sold tickets were let in, and of all of them', async () => {
    mockOrganizerApi({ sales: () => twoTiers(3) });

    await openSales();

    expect(vipRow().getByText(/^Checked in:/)).toHaveTextContent('Checked in: 1 of 2 sold (50%)');
    expect(vipRow().getByRole('progressbar', { name: 'VIP checked in' })).toHaveAttribute(
      'value',
      '1',
    );
    expect(vipRow().getByRole('progressbar', { name: 'VIP checked in' })).toHaveAttribute(
      'max',
      '2',
    );
    expect(gaRow().getByText(/^Checked in:/)).toHaveTextContent('Checked in: 3 of 4 sold (75%)');
    expect(figure('Checked in')).toHaveTextContent('4 of 6 sold (66.7%)');
  });

  it('fetches the counts again every few seconds, though check-ins move no stream', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    let gaCheckedIn = 3;
    const api = mockOrganizerApi({ sales: () => twoTiers(gaCheckedIn) });
    await openSales();
    const fetchesBefore = api.authorizations.length;

    gaCheckedIn = 4;
    await act(() => vi.advanceTimersByTimeAsync(SALES_POLL_MS - 500));
    expect(api.authorizations).toHaveLength(fetchesBefore);
    await act(() => vi.advanceTimersByTimeAsync(500));

    await waitFor(() => {
      expect(figure('Checked in')).toHaveTextContent('5 of 6 sold (83.3%)');
    });
    expect(gaRow().getByText(/^Checked in:/)).toHaveTextContent('Checked in: 4 of 4 sold (100%)');
    expect(api.authorizations).toHaveLength(fetchesBefore + 1);
  });

  it('does not fetch them while the page is out of sight', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const api = mockOrganizerApi();
    await openSales();
    const fetchesBefore = api.authorizations.length;

    focusManager.setFocused(false);
    try {
      await act(() => vi.advanceTimersByTimeAsync(3 * SALES_POLL_MS));
      expect(api.authorizations).toHaveLength(fetchesBefore);
    } finally {
      focusManager.setFocused(undefined);
    }
  });
});

describe("the organizer's concerts", () => {
  it('lists every concert, past ones and those whose sales ended marked as such', async () => {
    mockOrganizerApi();
    server.use(
      http.get('/api/admin/concerts', () =>
        HttpResponse.json({
          concerts: [
            concertFixture({ id: 'last-week', name: 'Last Week', status: 'STARTED' }),
            concertFixture({ id: 'closed', name: 'Closed', status: 'SALES_CLOSED' }),
            concertFixture(),
          ],
        }),
      ),
    );

    renderOrganizer('/organizer');

    const link = (name: string) => screen.findByRole('link', { name: new RegExp(name) });
    expect(await link('Last Week')).toHaveTextContent(/Riverside Amphitheater · Past$/);
    expect(await link('Closed')).toHaveTextContent(/Riverside Amphitheater · Sales ended$/);
    expect(await link('Tidelight Tour')).toHaveTextContent(
      'Thu, Feb 14, 2030, 2:30 PM EST · Riverside Amphitheater',
    );
  });
});

describe("changing a tier's capacity", () => {
  it('says how far the capacity can go down when the server refuses it', async () => {
    mockOrganizerApi();
    const sent: unknown[] = [];
    server.use(
      http.patch(`/api/concerts/${CONCERT_ID}/tiers/vip`, async ({ request }) => {
        sent.push(await request.json());
        return apiError(409, 'CAPACITY_BELOW_COMMITTED', 'Too many tickets are sold or held.', [
          { tier: 'vip', requested: 3, sold: 2, held: 3, minimum: 5 },
        ]);
      }),
    );
    const { user } = await openSales();

    await user.click(vipRow().getByRole('button', { name: 'Change capacity or price of VIP' }));
    await user.clear(screen.getByLabelText('VIP capacity'));
    await user.type(screen.getByLabelText('VIP capacity'), '3');
    await user.click(screen.getByRole('button', { name: 'Save' }));

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The capacity cannot go below 5: 2 sold and 3 held right now (you asked for 3).',
    );
    expect(sent).toEqual([{ capacity: 3 }]);
    expect(screen.getByLabelText('VIP capacity')).toHaveValue('3');
  });

  it('sends only what changed and shows the new figures', async () => {
    let priceCents = 24_900;
    mockOrganizerApi({
      sales: () => {
        const sales = salesFixture();
        return { ...sales, tiers: sales.tiers.map((tier) => ({ ...tier, priceCents })) };
      },
    });
    const sent: unknown[] = [];
    server.use(
      http.patch(`/api/concerts/${CONCERT_ID}/tiers/vip`, async ({ request }) => {
        sent.push({ body: await request.json(), auth: request.headers.get('Authorization') });
        priceCents = 29_900;
        return HttpResponse.json({ concert: concertFixture() });
      }),
    );
    const { user } = await openSales();

    await user.click(vipRow().getByRole('button', { name: 'Change capacity or price of VIP' }));
    await user.clear(screen.getByLabelText('VIP price (USD)'));
    await user.type(screen.getByLabelText('VIP price (USD)'), '299');
    await user.click(screen.getByRole('button', { name: 'Save' }));

    expect(await vipRow().findByText(/\$299\.00 · 60 tickets/)).toBeVisible();
    expect(sent).toEqual([{ body: { priceCents: 29_900 }, auth: `Bearer ${TOKEN}` }]);
    expect(screen.queryByLabelText('VIP price (USD)')).not.toBeInTheDocument();
  });

  it('changes the limit per buyer, or lifts it, and shows the new one', async () => {
    let maxTicketsPerBuyer: number | null = 8;
    mockOrganizerApi({ sales: () => ({ ...salesFixture(), maxTicketsPerBuyer }) });
    const sent: unknown[] = [];
    server.use(
      http.patch(`/api/concerts/${CONCERT_ID}`, async ({ request }) => {
        const body = (await request.json()) as { maxTicketsPerBuyer: number | null };
        sent.push(body);
        maxTicketsPerBuyer = body.maxTicketsPerBuyer;
        return HttpResponse.json({ concert: concertFixture({ maxTicketsPerBuyer }) });
      }),
    );
    const { user } = await openSales();
    expect(screen.getByText(/At most 8 tickets per buyer/)).toBeVisible();

    await user.click(screen.getByRole('button', { name: 'Change the limit per buyer' }));
    await user.clear(screen.getByLabelText('Tickets per buyer'));
    await user.type(screen.getByLabelText('Tickets per buyer'), '0');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(screen.getByLabelText('Tickets per buyer')).toHaveAccessibleDescription(
      /At least 1 ticket/,
    );
    expect(sent).toEqual([]);

    await user.clear(screen.getByLabelText('Tickets per buyer'));
    await user.type(screen.getByLabelText('Tickets per buyer'), '4');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText(/At most 4 tickets per buyer/)).toBeVisible();

    await user.click(screen.getByRole('button', { name: 'Change the limit per buyer' }));
    await user.clear(screen.getByLabelText('Tickets per buyer'));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('No limit on the tickets one buyer may buy.')).toBeVisible();
    expect(sent).toEqual([{ maxTicketsPerBuyer: 4 }, { maxTicketsPerBuyer: null }]);
  });

  it('shows the waiting list, fetched again with the figures as the counts move', async () => {
    let waitingList = waitingListFixture();
    mockOrganizerApi({ waitingList: () => waitingList });
    await openSales();
    expect(await screen.findByText('No one is on the waiting list.')).toBeVisible();

    waitingList = waitingListFixture({
      entries: [
        {
          tier: 'vip',
          quantity: 2,
          email: 'ada@example.com',
          status: 'WAITING',
          joinedAt: '2030-01-15T11:00:00.000Z',
        },
      ],
    });
    sendCounts(7, { sold: 3, held: 1 });

    const table = await screen.findByRole('table', {
      name: 'Waiting list entries, in the order served',
    });
    expect(within(table).getByText('ada@example.com')).toBeVisible();
  });

  it('changes how long an offer holds its tickets, within 1 to 1,440 minutes', async () => {
    let offerMinutes = 30;
    mockOrganizerApi({ concert: () => concertFixture({ offerMinutes }) });
    const sent: unknown[] = [];
    server.use(
      http.patch(`/api/concerts/${CONCERT_ID}`, async ({ request }) => {
        const body = (await request.json()) as { offerMinutes: number };
        sent.push(body);
        offerMinutes = body.offerMinutes;
        return HttpResponse.json({ concert: concertFixture({ offerMinutes }) });
      }),
    );
    const { user } = await openSales();
    expect(await screen.findByText(/waiting list for 30 minutes\./)).toBeVisible();

    await user.click(screen.getByRole('button', { name: 'Change the offer time' }));
    await user.clear(screen.getByLabelText('Offer minutes'));
    await user.type(screen.getByLabelText('Offer minutes'), '1441');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(screen.getByLabelText('Offer minutes')).toHaveAccessibleDescription(
      'From 1 to 1,440 (a day). Enter a whole number of minutes, from 1 to 1,440 (a day)',
    );
    expect(sent).toEqual([]);

    await user.clear(screen.getByLabelText('Offer minutes'));
    await user.type(screen.getByLabelText('Offer minutes'), '45');
    await user.click(screen.getByRole('button', { name: 'Save' }));

    expect(await screen.findByText(/waiting list for 45 minutes\./)).toBeVisible();
    expect(sent).toEqual([{ offerMinutes: 45 }]);
  });
});

/** Row A of Stalls in VIP and row B in GA, four seats each: seats 0–3 and 4–7 in plan order. */
const PLAN = buildSeatPlan({
  curved: false,
  sections: [
    {
      name: 'Stalls',
      rows: 2,
      seatsPerRow: 4,
      zones: [
        { tier: 'vip', rows: 1 },
        { tier: 'ga', rows: 1 },
      ],
    },
  ],
});

function seatedSales(): ConcertSales {
  const sales = salesFixture();
  const vip = { ...sales.tiers[0]!, seated: true, total: 4, sold: 1, held: 1, available: 2 };
  return { ...sales, tiers: [vip, { ...vip, code: 'ga', name: 'GA', sold: 0, available: 3 }] };
}

/** Version 5 of the seats: VIP's seat 1 sold, its seat 2 and GA's seat 1 held. */
function seatMapAt5(): SeatMap {
  return {
    concertId: CONCERT_ID,
    plan: PLAN,
    seatCount: 8,
    version: 5,
    states: encodeSeatStates(8, [
      [0, 'sold'],
      [1, 'held'],
      [4, 'held'],
    ]),
  };
}

/** Each zone's free, held and sold seats as the table shows them. */
function seatsByZone(): string[][] {
  const table = screen.getByRole('table', { name: 'Seats by zone' });
  return within(table)
    .getAllByRole('row')
    .slice(1)
    .map((row) => [...row.children].map((cell) => cell.textContent));
}

describe('the seats of a seated concert', () => {
  it('shows the map read-only, with each zone’s free, held and sold seats', async () => {
    mockOrganizerApi({ sales: seatedSales, seatMap: seatMapAt5 });

    await openSales();

    const map = await screen.findByRole('group', { name: 'Seat map' });
    expect(within(map).getAllByRole('checkbox')).toHaveLength(8);
    expect(
      within(map).getByRole('checkbox', {
        name: 'Section Stalls, Row A, Seat 1, VIP, $249.00, sold',
      }),
    ).toHaveAttribute('aria-disabled', 'true');
    expect(
      within(map).getByRole('checkbox', {
        name: /^Section Stalls, Row A, Seat 3, VIP, .*, available$/,
      }),
    ).toHaveAttribute('aria-disabled', 'true');
    expect(seatsByZone()).toEqual([
      ['VIP', '2', '1', '1'],
      ['GA', '3', '1', '0'],
    ]);
    expect(streams.all).toHaveLength(1);
  });

  it('turns a seat sold as the stream says, on the map and in the zone’s figures', async () => {
    mockOrganizerApi({ sales: seatedSales, seatMap: seatMapAt5 });
    await openSales();
    await screen.findByRole('group', { name: 'Seat map' });

    const change: SeatChangesEvent = {
      concertId: CONCERT_ID,
      from: 5,
      version: 6,
      free: [],
      held: [],
      sold: [1, 6],
    };
    act(() => {
      streams.latest().emit('seat-changes', change);
    });

    expect(
      screen.getByRole('checkbox', { name: /^Section Stalls, Row A, Seat 2, VIP, .*, sold$/ }),
    ).toBeVisible();
    expect(
      screen.getByRole('checkbox', { name: /^Section Stalls, Row B, Seat 3, GA, .*, sold$/ }),
    ).toBeVisible();
    expect(seatsByZone()).toEqual([
      ['VIP', '2', '0', '2'],
      ['GA', '2', '1', '1'],
    ]);
  });

  it('lets the price of a seated tier change, not its capacity, which is its seats', async () => {
    mockOrganizerApi({ sales: seatedSales, seatMap: seatMapAt5 });
    const { user } = await openSales();

    await user.click(vipRow().getByRole('button', { name: 'Change price of VIP' }));

    expect(vipRow().getByLabelText('VIP capacity')).toHaveAttribute('readonly');
    expect(vipRow().getByLabelText('VIP capacity')).toHaveAccessibleDescription(
      'Its seats on the seating plan',
    );
    expect(screen.queryByRole('button', { name: /Change capacity or price/ })).toBeNull();
  });
});
