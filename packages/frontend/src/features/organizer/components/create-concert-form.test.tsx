import type { CreateConcertRequest } from '@ticket-booking/shared';
import { screen, waitFor } from '@testing-library/react';
import type { UserEvent } from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { stubEventSource } from '../../../test/fake-event-source';
import { concertFixture } from '../../../test/fixtures';
import { server } from '../../../test/server';
import {
  apiError,
  mockOrganizerApi,
  renderOrganizer,
  TOKEN,
  TOKEN_KEY,
} from '../testing/mock-organizer';

beforeEach(() => {
  sessionStorage.setItem(TOKEN_KEY, TOKEN);
  // The concert's sales page, opened after creating it, listens to its stream.
  stubEventSource();
});
afterEach(() => {
  vi.unstubAllGlobals();
});

/** Records each creation request and answers it with `answer`, a created concert by default. */
function serveCreation(answer?: () => Response) {
  const created: { body: unknown; authorization: string | null }[] = [];
  server.use(
    http.post('/api/concerts', async ({ request }) => {
      const body = (await request.json()) as CreateConcertRequest;
      created.push({ body, authorization: request.headers.get('Authorization') });
      return (
        answer?.() ??
        HttpResponse.json(
          { concert: concertFixture({ id: 'aurora-live', name: body.name }) },
          { status: 201 },
        )
      );
    }),
  );
  return created;
}

async function fillIn(user: UserEvent) {
  await user.type(screen.getByLabelText('Name'), 'Aurora Live');
  await user.type(screen.getByLabelText('Artist'), 'The Northern Lights');
  await user.type(screen.getByLabelText('Venue'), 'Harbor Hall');
  await user.type(screen.getByLabelText('Starts at'), '2030-03-01T20:00');
  await user.type(screen.getByLabelText('Tier 1 code'), 'vip');
  await user.type(screen.getByLabelText('Tier 1 name'), 'VIP');
  await user.clear(screen.getByLabelText('Tier 1 price'));
  await user.type(screen.getByLabelText('Tier 1 price'), '49.90');
  await user.clear(screen.getByLabelText('Tier 1 capacity'));
  await user.type(screen.getByLabelText('Tier 1 capacity'), '150');
}

const createButton = () => screen.getByRole('button', { name: 'Create concert' });

describe('creating a concert', () => {
  it('names what is wrong under each field, and sends nothing', async () => {
    mockOrganizerApi();
    const created = serveCreation();
    const { user } = renderOrganizer('/organizer/new');
    await user.type(await screen.findByLabelText('Tier 1 code'), 'VIP!');
    await user.clear(screen.getByLabelText('Tier 1 capacity'));
    await user.type(screen.getByLabelText('Tier 1 capacity'), '0');
    await user.click(screen.getByRole('button', { name: 'Add a tier' }));
    await user.type(screen.getByLabelText('Tier 2 code'), 'VIP!');
    await user.type(screen.getByLabelText('Tier 2 price'), 'lots');

    await user.click(createButton());

    await waitFor(() => {
      expect(screen.getByLabelText('Name')).toHaveAccessibleDescription('A name must not be empty');
    });
    expect(screen.getByLabelText('Artist')).toHaveAccessibleDescription(
      'An artist must not be empty',
    );
    expect(screen.getByLabelText('Starts at')).toHaveAccessibleDescription(
      'Expected an ISO date and time',
    );
    expect(screen.getByLabelText('Tier 1 code')).toHaveAccessibleDescription(
      'Tier code must be up to 32 lowercase letters, digits and dashes, such as vip',
    );
    expect(screen.getByLabelText('Tier 1 capacity')).toHaveAccessibleDescription(
      'Capacity must be at least 1',
    );
    expect(screen.getByLabelText('Tier 2 price')).toHaveAccessibleDescription(
      'Price must be a whole number of cents',
    );
    expect(screen.getByLabelText('Tier 2 name')).toHaveAccessibleDescription(
      'A tier name must not be empty',
    );
    expect(created).toEqual([]);
  });

  it('sends the concert with prices in cents and the start as an instant, then opens its sales', async () => {
    mockOrganizerApi();
    const created = serveCreation();
    const { user, router } = renderOrganizer('/organizer/new');
    await screen.findByLabelText('Name');
    await fillIn(user);

    await user.click(createButton());

    await waitFor(() => {
      expect(router.state.location.pathname).toBe('/organizer/concerts/aurora-live');
    });
    expect(created).toEqual([
      {
        authorization: `Bearer ${TOKEN}`,
        body: {
          name: 'Aurora Live',
          artist: 'The Northern Lights',
          venue: 'Harbor Hall',
          startsAt: new Date('2030-03-01T20:00').toISOString(),
          tiers: [{ code: 'vip', name: 'VIP', priceCents: 4990, currency: 'USD', capacity: 150 }],
        },
      },
    ]);
  });

  it('shows what the server found wrong at the fields it names', async () => {
    mockOrganizerApi();
    const created = serveCreation(() =>
      apiError(400, 'VALIDATION_FAILED', 'The concert is not valid.', [
        { field: 'startsAt', message: 'The concert must start in the future' },
        { field: 'tiers.0.code', message: 'Tier code is reserved' },
      ]),
    );
    const { user, router } = renderOrganizer('/organizer/new');
    await screen.findByLabelText('Name');
    await fillIn(user);

    await user.click(createButton());

    await waitFor(() => {
      expect(screen.getByLabelText('Starts at')).toHaveAccessibleDescription(
        'The concert must start in the future',
      );
    });
    expect(screen.getByLabelText('Tier 1 code')).toHaveAccessibleDescription(
      'Tier code is reserved',
    );
    expect(screen.getByRole('alert')).toHaveTextContent('The concert is not valid.');
    expect(created).toHaveLength(1);
    expect(router.state.location.pathname).toBe('/organizer/new');
  });
});
