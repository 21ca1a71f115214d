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
import { server } from '../../../test/server';

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
 * of no ticket gets 404. Records every check-in call.
 * `lookups: false` makes reading a ticket by its code fail, as with the network gone.
 */
export function mockCheckIns(tickets: Ticket[], { lookups = true } = {}) {
  const stored = new Map(tickets.map((ticket) => [ticket.code, { ...ticket }]));
  const calls: CheckInCall[] = [];
  server.use(
    http.post('/api/admin/check-ins', async ({ request }) => {
      const body = (await request.json()) as CheckInCall['body'];
      const authorization = request.headers.get('Authorization');
      calls.push({ body, authorization });
      if (authorization !== `Bearer ${TOKEN}` && authorization !== `Bearer ${DOOR_TOKEN}`) {
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
      if (!lookups) return HttpResponse.error();
      const ticket = stored.get(String(params.code));
      return ticket
        ? HttpResponse.json({ ticket })
        : apiError(404, 'TICKET_NOT_FOUND', 'There is no such ticket.');
    }),
  );
  return { calls };
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
