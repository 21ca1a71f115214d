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
  await user.selectOptions(screen.getByLabelText('Venue time zone'), 'Europe/Paris');
  await user.type(screen.getByLabelText('Starts at (Europe/Paris time)'), '2030-03-01T20:00');
  await user.type(screen.getByLabelText('Tier 1 code'), 'vip');
  await user.type(screen.getByLabelText('Tier 1 name'), 'VIP');
  await user.type(screen.getByLabelText('Tier 1 price (USD)'), '49.90');
  await user.clear(screen.getByLabelText('Tier 1 capacity'));
  await user.type(screen.getByLabelText('Tier 1 capacity'), '150');
}

const createButton = () => screen.getByRole('button', { name: 'Create concert' });

describe('creating a concert', () => {
  it('names what is wrong under each field in plain words, and sends nothing', async () => {
    mockOrganizerApi();
    const created = serveCreation();
    const { user } = renderOrganizer('/organizer/new');
    await user.type(await screen.findByLabelText('Tier 1 code'), 'VIP Pit');
    await user.clear(screen.getByLabelText('Tier 1 capacity'));
    await user.type(screen.getByLabelText('Tier 1 capacity'), '0');
    await user.click(screen.getByRole('button', { name: 'Add a tier' }));
    await user.type(screen.getByLabelText('Tier 2 code'), 'ga');
    await user.type(screen.getByLabelText('Tier 2 price (USD)'), 'lots');

    await user.click(createButton());

    await waitFor(() => {
      expect(screen.getByLabelText('Name')).toHaveAccessibleDescription('Enter the concert’s name');
    });
    expect(screen.getByLabelText('Artist')).toHaveAccessibleDescription('Enter the artist');
    expect(screen.getByLabelText(/^Starts at/)).toHaveAccessibleDescription(
      'Enter the date and time the concert starts',
    );
    expect(screen.getByLabelText('Tier 1 code')).toHaveAccessibleDescription(
      'Tier code must use lowercase letters, digits and hyphens, such as vip or front-row (up to 32 characters, not starting or ending with a hyphen)',
    );
    expect(screen.getByLabelText('Tier 1 capacity')).toHaveAccessibleDescription(
      'At least 1 ticket',
    );
    expect(screen.getByLabelText('Tier 1 price (USD)')).toHaveAccessibleDescription(
      'Enter a price, such as 25 or 1,000.50',
    );
    expect(screen.getByLabelText('Tier 2 price (USD)')).toHaveAccessibleDescription(
      'Enter a price in numbers, such as 25 or 1,000.50',
    );
    expect(screen.getByLabelText('Tier 2 name')).toHaveAccessibleDescription(
      'Enter the tier’s name, such as VIP',
    );
    expect(created).toEqual([]);
  });

  it('sends the start read in the venue’s time zone, prices as typed in cents, and one currency', async () => {
    mockOrganizerApi();
    const created = serveCreation();
    const { user, router } = renderOrganizer('/organizer/new');
    await screen.findByLabelText('Name');
    await fillIn(user);
    await user.selectOptions(screen.getByLabelText('Currency'), 'EUR');
    await user.clear(screen.getByLabelText('Tier 1 price (EUR)'));
    await user.type(screen.getByLabelText('Tier 1 price (EUR)'), '1,000');
    await user.click(screen.getByRole('button', { name: 'Add a tier' }));
    await user.type(screen.getByLabelText('Tier 2 code'), 'ga');
    await user.type(screen.getByLabelText('Tier 2 name'), 'General admission');
    await user.type(screen.getByLabelText('Tier 2 price (EUR)'), '1000.50');
    await user.clear(screen.getByLabelText('Tickets per buyer'));
    await user.type(screen.getByLabelText('Tickets per buyer'), '6');

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
          timeZone: 'Europe/Paris',
          // 20:00 in Paris, an hour ahead of UTC in March.
          startsAt: '2030-03-01T19:00:00.000Z',
          maxTicketsPerBuyer: 6,
          offerMinutes: 30,
          tiers: [
            { code: 'vip', name: 'VIP', priceCents: 100_000, currency: 'EUR', capacity: 150 },
            {
              code: 'ga',
              name: 'General admission',
              priceCents: 100_050,
              currency: 'EUR',
              capacity: 100,
            },
          ],
        },
      },
    ]);
  });

  it('sends a limit per buyer of 8 unless changed, and none when the field is left empty', async () => {
    mockOrganizerApi();
    const created = serveCreation();
    const { user, router } = renderOrganizer('/organizer/new');
    await screen.findByLabelText('Name');
    await fillIn(user);
    expect(screen.getByLabelText('Tickets per buyer')).toHaveValue('8');
    await user.clear(screen.getByLabelText('Tickets per buyer'));

    await user.click(createButton());

    await waitFor(() => {
      expect(router.state.location.pathname).toBe('/organizer/concerts/aurora-live');
    });
    expect(created[0]?.body).toMatchObject({ maxTicketsPerBuyer: null });
  });

  it('sends how long a waiting list’s offer holds its tickets: 30 minutes unless changed', async () => {
    mockOrganizerApi();
    const created = serveCreation();
    const { user, router } = renderOrganizer('/organizer/new');
    await screen.findByLabelText('Name');
    await fillIn(user);
    expect(screen.getByLabelText('Offer minutes')).toHaveValue('30');
    await user.clear(screen.getByLabelText('Offer minutes'));
    await user.type(screen.getByLabelText('Offer minutes'), '0');

    await user.click(createButton());

    await waitFor(() => {
      expect(screen.getByLabelText('Offer minutes')).toHaveAccessibleDescription(
        /Enter a whole number of minutes, from 1 to 1,440 \(a day\)$/,
      );
    });
    expect(created).toEqual([]);

    await user.clear(screen.getByLabelText('Offer minutes'));
    await user.type(screen.getByLabelText('Offer minutes'), '15');
    await user.click(createButton());

    await waitFor(() => {
      expect(router.state.location.pathname).toBe('/organizer/concerts/aurora-live');
    });
    expect(created[0]?.body).toMatchObject({ offerMinutes: 15 });
  });

  it('opens sales at a time of the venue, through a waiting room when given its pace', async () => {
    mockOrganizerApi();
    const created = serveCreation();
    const { user, router } = renderOrganizer('/organizer/new');
    await screen.findByLabelText('Name');
    await fillIn(user);
    await user.type(screen.getByLabelText('Sales open at (Europe/Paris time)'), '2030-02-01T10:00');
    await user.type(screen.getByLabelText('Waiting room: shoppers let in per minute'), '1,500');

    await user.click(createButton());

    await waitFor(() => {
      expect(router.state.location.pathname).toBe('/organizer/concerts/aurora-live');
    });
    expect(created[0]?.body).toMatchObject({
      // 10:00 in Paris, an hour ahead of UTC in February.
      onSaleAt: '2030-02-01T09:00:00.000Z',
      waitingRoom: { admitPerMinute: 1500 },
    });
  });

  it('refuses a pace that is no number, and sales opening after the concert starts', async () => {
    mockOrganizerApi();
    const created = serveCreation();
    const { user } = renderOrganizer('/organizer/new');
    await screen.findByLabelText('Name');
    await fillIn(user);
    const onSale = screen.getByLabelText('Sales open at (Europe/Paris time)');
    const pace = screen.getByLabelText('Waiting room: shoppers let in per minute');
    await user.type(onSale, '2030-03-02T10:00');
    await user.type(pace, 'lots');

    await user.click(createButton());
    await waitFor(() => {
      expect(pace).toHaveAccessibleDescription(/Enter how many shoppers to let in a minute/);
    });
    await user.clear(pace);
    await user.click(createButton());

    await waitFor(() => {
      expect(onSale).toHaveAccessibleDescription(/Sales must open before they end/);
    });
    expect(created).toEqual([]);
  });

  it('asks for one currency for the whole concert, not one per tier', async () => {
    mockOrganizerApi();
    const { user } = renderOrganizer('/organizer/new');
    await user.click(await screen.findByRole('button', { name: 'Add a tier' }));

    expect(screen.getAllByRole('combobox', { name: 'Currency' })).toHaveLength(1);
    expect(screen.queryByRole('combobox', { name: /Tier \d currency/ })).toBeNull();
  });

  it('says which time zone the start is in, following the venue’s', async () => {
    mockOrganizerApi();
    const { user } = renderOrganizer('/organizer/new');
    await user.selectOptions(await screen.findByLabelText('Venue time zone'), 'Europe/Paris');

    expect(screen.getByLabelText('Starts at (Europe/Paris time)')).toBeVisible();

    await user.selectOptions(screen.getByLabelText('Venue time zone'), 'America/New_York');

    expect(screen.getByLabelText('Starts at (America/New York time)')).toBeVisible();
  });

  it('refuses a start the venue’s clocks skip as they go forward, and sends nothing', async () => {
    mockOrganizerApi();
    const created = serveCreation();
    const { user } = renderOrganizer('/organizer/new');
    await screen.findByLabelText('Name');
    await fillIn(user);
    const startsAt = screen.getByLabelText('Starts at (Europe/Paris time)');
    await user.clear(startsAt);
    // Paris moves its clocks from 02:00 to 03:00 on 31 March 2030.
    await user.type(startsAt, '2030-03-31T02:30');

    await user.click(createButton());

    await waitFor(() => {
      expect(startsAt).toHaveAccessibleDescription(
        'The clocks in Europe/Paris skip that time as they go forward: choose another',
      );
    });
    expect(created).toEqual([]);
  });

  it('shows what the server found wrong at the fields it names', async () => {
    mockOrganizerApi();
    const created = serveCreation(() =>
      apiError(400, 'VALIDATION_FAILED', 'The concert is not valid.', [
        { field: 'startsAt', message: 'The concert must start in the future' },
        { field: 'tiers.0.code', message: 'Tier code is reserved' },
        { field: 'tiers.0.priceCents', message: 'Price is too high' },
      ]),
    );
    const { user, router } = renderOrganizer('/organizer/new');
    await screen.findByLabelText('Name');
    await fillIn(user);

    await user.click(createButton());

    await waitFor(() => {
      expect(screen.getByLabelText(/^Starts at/)).toHaveAccessibleDescription(
        'The concert must start in the future',
      );
    });
    expect(screen.getByLabelText('Tier 1 code')).toHaveAccessibleDescription(
      'Tier code is reserved',
    );
    expect(screen.getByLabelText('Tier 1 price (USD)')).toHaveAccessibleDescription(
      'Price is too high',
    );
    expect(screen.getByRole('alert')).toHaveTextContent('The concert is not valid.');
    expect(created).toHaveLength(1);
    expect(router.state.location.pathname).toBe('/organizer/new');
  });
});
