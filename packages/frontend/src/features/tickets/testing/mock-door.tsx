import type { ErrorCode, Ticket } from '@ticket-booking/shared';
import { QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { vi } from 'vitest';
import { createQueryClient } from '../../../app/providers';
import { DoorRoute } from '../../../app/routes/door';
import { organizerRoutes } from '../../../app/routes/organizer';
import { ticketFixture } from '../../../test/fixtures';
import { server } from '../../../test/server';
import type { DoorKey } from '../api/door-keys';
import { doorKey, signTicket } from './sign-ticket';

export const TOKEN = 'a-very-long-organizer-token-for-tests';
/** Where the organizer's token is kept, as signing in keeps it. */
export const TOKEN_KEY = 'encore.organizer-token';
/** The server's door token: it opens the check-ins and nothing else. */
export const DOOR_TOKEN = 'a-door-token-for-tests-0123456789abcdef';
/** Where the door page keeps the token it signed in with. */
export const DOOR_TOKEN_KEY = 'encore.door-token';
export const DOOR_KEY = 'encore.door';
/** 7:42 PM in New York, the fixtures' venue. */
export const CHECKED_IN_AT = '2030-02-15T00:42:00.000Z';

/** Tonight's concert, as the door keys name it, with the key its tickets are signed with. */
export const TONIGHT: DoorKey = {
  concertId: 'neon-harbor-tidelight',
  name: 'Tidelight Tour',
  artist: 'Neon Harbor',
  startsAt: '2030-01-15T23:30:00.000Z',
  timeZone: 'America/New_York',
  key: doorKey(7),
};

/** A ticket of tonight's concert, its code signed with tonight's key as the server signs it. */
export function signedTicket(overrides: Partial<Ticket> & { number: number }): Ticket {
  const ticket = ticketFixture(overrides);
  return { ...ticket, code: signTicket(TONIGHT.key, ticket.bookingId, ticket.number) };
}

export function apiError(
  status: number,
  code: ErrorCode,
  message: string,
  details: unknown[] = [],
) {
  return HttpResponse.json({ error: { code, message, details } }, { status });
}

export interface CheckInCall {
  body: { code?: string; door?: string };
  authorization: string | null;
}

/**
 * Serves check-ins as the server does for `tickets`, to `TOKEN` or `DOOR_TOKEN`: the first scan of
 * a valid one checks it in (at CHECKED_IN_AT), later ones answer 409 with when and where; a code
 * of no ticket gets 404. Records every check-in call. Serves `keys` as the door keys.
 * `lookups: false` makes reading a ticket by its code fail, as with the network gone;
 * `network.fail()` makes every request fail so (fetch rejects with a TypeError), until
 * `network.restore()`.
 */
export function mockCheckIns(tickets: Ticket[], { lookups = true, keys = [] as DoorKey[] } = {}) {
  const stored = new Map(tickets.map((ticket) => [ticket.code, { ...ticket }]));
  const calls: CheckInCall[] = [];
  let down = false;
  const network = {
    fail() {
      down = true;
    },
    restore() {
      down = false;
    },
  };
  const authorized = (request: Request) => {
    const authorization = request.headers.get('Authorization');
    return authorization === `Bearer ${TOKEN}` || authorization === `Bearer ${DOOR_TOKEN}`;
  };
  server.use(
    http.get('/api/admin/door-keys', ({ request }) => {
      if (down) return HttpResponse.error();
      if (!authorized(request)) {
        return apiError(401, 'UNAUTHORIZED', 'This needs a valid door or organizer token.');
      }
      return HttpResponse.json({ keys });
    }),
    http.post('/api/admin/check-ins', async ({ request }) => {
      if (down) return HttpResponse.error();
      const body = (await request.json()) as CheckInCall['body'];
      const authorization = request.headers.get('Authorization');
      calls.push({ body, authorization });
      if (!authorized(request)) {
        return apiError(401, 'UNAUTHORIZED', 'This needs a valid door or organizer token.');
      }
      const ticket = stored.get(body.code ?? '');
      if (!ticket) return apiError(404, 'TICKET_NOT_FOUND', 'There is no such ticket.');
      if (ticket.status === 'CANCELLED') {
        return apiError(409, 'TICKET_CANCELLED', 'This ticket’s booking was cancelled.');
      }
      if (ticket.status === 'CHECKED_IN') {
        return apiError(409, 'ALREADY_CHECKED_IN', 'This ticket was already checked in.', [
          { checkedInAt: ticket.checkedInAt, door: ticket.door },
        ]);
      }
      Object.assign(ticket, {
        status: 'CHECKED_IN',
        checkedInAt: CHECKED_IN_AT,
        door: body.door ?? null,
      });
      return HttpResponse.json({ ticket });
    }),
    http.get('/api/tickets/:code', ({ params }) => {
      if (!lookups || down) return HttpResponse.error();
      const ticket = stored.get(String(params.code));
      return ticket
        ? HttpResponse.json({ ticket })
        : apiError(404, 'TICKET_NOT_FOUND', 'There is no such ticket.');
    }),
  );
  return { calls, network };
}

/** Renders the door page (or `url`) among the organizer's routes, signed in with `token`. */
export function renderDoor({ token = TOKEN, url = '/organizer/door' } = {}) {
  sessionStorage.setItem(TOKEN_KEY, token);
  const queryClient = createQueryClient();
  queryClient.setDefaultOptions({ queries: { retry: false, staleTime: 0 } });
  const router = createMemoryRouter([organizerRoutes], { initialEntries: [url] });
  const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
  const utils = render(
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
  return { ...utils, user, router };
}

/**
 * Renders the door staff's page at `/door`, beside the organizer's routes, signed in with `token`
 * when one is given and at its sign-in otherwise.
 */
export function renderDoorPage({ token }: { token?: string } = {}) {
  if (token !== undefined) sessionStorage.setItem(DOOR_TOKEN_KEY, token);
  const queryClient = createQueryClient();
  queryClient.setDefaultOptions({ queries: { retry: false, staleTime: 0 } });
  const router = createMemoryRouter([{ path: '/door', element: <DoorRoute /> }, organizerRoutes], {
    initialEntries: ['/door'],
  });
  const user = userEvent.setup();
  const utils = render(
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
  return { ...utils, user, router, queryClient };
}
