import type {
  Concert,
  ConcertSales,
  ErrorCode,
  OrganizerWaitingList,
  SeatMap,
} from '@ticket-booking/shared';
import { QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { createQueryClient } from '../../../app/providers';
import { organizerRoutes } from '../../../app/routes/organizer';
import { concertFixture } from '../../../test/fixtures';
import { server } from '../../../test/server';

export const TOKEN = 'a-very-long-organizer-token-for-tests';
export const TOKEN_KEY = 'encore.organizer-token';
export const CONCERT_ID = 'neon-harbor-tidelight';

export function apiError(status: number, code: ErrorCode, message: string, details?: unknown) {
  return HttpResponse.json({ error: { code, message, details } }, { status });
}

export function salesFixture(overrides: Partial<ConcertSales> = {}): ConcertSales {
  return {
    concertId: CONCERT_ID,
    timeZone: 'America/New_York',
    asOf: '2030-01-15T12:00:00.000Z',
    currency: 'USD',
    maxTicketsPerBuyer: 8,
    revenueCents: 49_800,
    holds: { created: 4, expired: 1, converted: 1, conversionRate: 0.25 },
    tiers: [
      {
        code: 'vip',
        name: 'VIP',
        priceCents: 24_900,
        currency: 'USD',
        total: 60,
        sold: 2,
        held: 3,
        available: 55,
        seated: false,
        revenueCents: 49_800,
        liveHolds: 2,
        checkedIn: 1,
      },
    ],
    buckets: [{ at: '2030-01-15T11:58:00.000Z', tickets: 2, revenueCents: 49_800 }],
    ...overrides,
  };
}

export function waitingListFixture(
  overrides: Partial<OrganizerWaitingList> = {},
): OrganizerWaitingList {
  return {
    concertId: CONCERT_ID,
    offerMinutes: 30,
    entries: [],
    asOf: '2030-01-15T12:00:00.000Z',
    ...overrides,
  };
}

/**
 * Serves the organizer's API as a server with `TOKEN` would, recording the bearer token of each
 * call; `sales` answers the sales endpoint, `waitingList` the waiting list's, `seatMap` the
 * concert's seats (none: sold by tier only), and `concert` is the one concert listed.
 */
export function mockOrganizerApi({
  sales = () => salesFixture(),
  waitingList = () => waitingListFixture(),
  seatMap = () => null,
  concert = () => concertFixture(),
}: {
  sales?: () => ConcertSales;
  waitingList?: () => OrganizerWaitingList;
  seatMap?: () => SeatMap | null;
  concert?: () => Concert;
} = {}) {
  const authorizations: (string | null)[] = [];
  const authorized = (request: Request) => {
    authorizations.push(request.headers.get('Authorization'));
    return request.headers.get('Authorization') === `Bearer ${TOKEN}`;
  };
  server.use(
    // Not among the recorded calls: those are the sales figures' fetches.
    http.get('/api/admin/concerts', ({ request }) =>
      request.headers.get('Authorization') === `Bearer ${TOKEN}`
        ? HttpResponse.json({ concerts: [concert()] })
        : apiError(401, 'UNAUTHORIZED', 'This needs a valid organizer token.'),
    ),
    http.get('/api/admin/concerts/:id/sales', ({ request, params }) => {
      if (!authorized(request))
        return apiError(401, 'UNAUTHORIZED', 'This needs a valid organizer token.');
      if (params.id !== CONCERT_ID) return apiError(404, 'CONCERT_NOT_FOUND', 'No such concert.');
      return HttpResponse.json({ sales: sales() });
    }),
    // Not among the recorded calls either: it is fetched alongside each of the sales figures.
    http.get('/api/admin/concerts/:id/waiting-list', ({ request, params }) => {
      if (request.headers.get('Authorization') !== `Bearer ${TOKEN}`)
        return apiError(401, 'UNAUTHORIZED', 'This needs a valid organizer token.');
      if (params.id !== CONCERT_ID) return apiError(404, 'CONCERT_NOT_FOUND', 'No such concert.');
      return HttpResponse.json(waitingList());
    }),
    // Public, as shoppers read it too; a concert created in a test has no seats.
    http.get('/api/concerts/:id/seats', ({ params }) =>
      HttpResponse.json({ seatMap: params.id === CONCERT_ID ? seatMap() : null }),
    ),
  );
  return { authorizations };
}

/** Renders the organizer's pages at `url` with the app's query client and a memory router. */
export function renderOrganizer(url: string) {
  const queryClient = createQueryClient();
  queryClient.setDefaultOptions({ queries: { retry: false, staleTime: 0 } });
  const router = createMemoryRouter([organizerRoutes], { initialEntries: [url] });
  const user = userEvent.setup();
  const utils = render(
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
  return { ...utils, user, router, queryClient };
}
