import {
  buildSeatPlan,
  CreateConcertRequestSchema,
  type CreateConcertRequest,
  type SeatPlan,
} from '@ticket-booking/shared';
import { screen, waitFor, within } from '@testing-library/react';
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

/** A plan file as the organizer's disk holds it. */
function planFile(content: unknown): File {
  const text = JSON.stringify(content);
  const file = new File([text], 'harbor-hall.json', { type: 'application/json' });
  // Browsers read a file with text(); jsdom's File has none.
  return Object.assign(file, { text: () => Promise.resolve(text) });
}

async function addTier(user: UserEvent, n: number, code: string, name: string, price: string) {
  await user.click(screen.getByRole('button', { name: 'Add a tier' }));
  await user.type(screen.getByLabelText(`Tier ${n} code`), code);
  await user.type(screen.getByLabelText(`Tier ${n} name`), name);
  await user.type(screen.getByLabelText(`Tier ${n} price (USD)`), price);
}

/** Types `text` over what the field holds. */
async function retype(user: UserEvent, label: string, text: string) {
  const field = screen.getByLabelText<HTMLInputElement>(label);
  await user.type(field, text, {
    initialSelectionStart: 0,
    initialSelectionEnd: field.value.length,
  });
}

function seatsShown(): number {
  return within(screen.getByRole('group', { name: 'Seat map' })).getAllByRole('checkbox').length;
}

function seatsPerTierShown(): string[] {
  return within(screen.getByRole('list', { name: 'Seats per tier' }))
    .getAllByRole('listitem')
    .map((item) => item.textContent);
}

/** For a walk through the plan builder, field by field as an organizer fills it in. */
const BUILDER_TIMEOUT_MS = 15_000;

describe('creating a concert with seats', () => {
  it(
    'previews a plan built from sections of rows × seats, with the seats each tier gets',
    async () => {
      mockOrganizerApi();
      const { user } = renderOrganizer('/organizer/new');
      await user.type(await screen.findByLabelText('Tier 1 code'), 'vip');
      await user.type(screen.getByLabelText('Tier 1 name'), 'VIP');
      await user.click(screen.getByRole('button', { name: 'Add a tier' }));
      await user.type(screen.getByLabelText('Tier 2 code'), 'stalls');
      await user.type(screen.getByLabelText('Tier 2 name'), 'Stalls');
      await user.click(screen.getByRole('radio', { name: 'Build a seating plan' }));
      await user.type(screen.getByLabelText('Section 1 name'), 'Main');
      await retype(user, 'Section 1 rows', '6');
      await retype(user, 'Section 1 seats per row', '8');
      await user.selectOptions(screen.getByLabelText('Section 1 zone 1 tier'), 'vip');

      expect(await screen.findByRole('heading', { name: 'Preview: 48 seats' })).toBeVisible();
      expect(seatsShown()).toBe(48);
      expect(screen.getByLabelText('Tier 1 capacity')).toHaveValue('48');

      // Rows A–B in front, the rest in the stalls.
      await user.click(screen.getByRole('button', { name: 'Add a price zone to section 1' }));
      await user.type(screen.getByLabelText('Section 1 zone 1 rows'), '2');
      await user.selectOptions(screen.getByLabelText('Section 1 zone 2 tier'), 'stalls');

      expect(screen.getByLabelText('Section 1 zone 1 rows')).toHaveAccessibleDescription(
        'Rows A–B',
      );
      expect(screen.getByText('The rows left: Rows C–F')).toBeVisible();
      await waitFor(() => {
        expect(seatsPerTierShown()).toEqual(['VIP: 16 seats', 'Stalls: 32 seats']);
      });
      expect(screen.getByLabelText('Tier 1 capacity')).toHaveValue('16');
      expect(screen.getByLabelText('Tier 2 capacity')).toHaveValue('32');
      expect(screen.getByLabelText('Tier 2 capacity')).toHaveAttribute('readonly');

      await retype(user, 'Section 1 seats per row', '5');

      await waitFor(() => {
        expect(seatsPerTierShown()).toEqual(['VIP: 10 seats', 'Stalls: 20 seats']);
      });
      expect(seatsShown()).toBe(30);
      expect(screen.getByLabelText('Tier 2 capacity')).toHaveValue('20');
    },
    BUILDER_TIMEOUT_MS,
  );

  it(
    'sends the plan it built, and no capacity for the tiers given seats',
    async () => {
      mockOrganizerApi();
      const created = serveCreation();
      const { user, router } = renderOrganizer('/organizer/new');
      await screen.findByLabelText('Name');
      await fillIn(user);
      await addTier(user, 2, 'ga', 'Standing', '15');
      await user.click(screen.getByRole('radio', { name: 'Build a seating plan' }));
      await user.type(screen.getByLabelText('Section 1 name'), 'Stalls');
      await retype(user, 'Section 1 rows', '3');
      await retype(user, 'Section 1 seats per row', '8');
      await user.selectOptions(screen.getByLabelText('Section 1 zone 1 tier'), 'vip');
      expect(await screen.findByRole('heading', { name: 'Preview: 24 seats' })).toBeVisible();

      await user.click(createButton());

      await waitFor(() => {
        expect(router.state.location.pathname).toBe('/organizer/concerts/aurora-live');
      });
      const body = created[0]?.body as CreateConcertRequest;
      expect(body.tiers).toEqual([
        { code: 'vip', name: 'VIP', priceCents: 4_990, currency: 'USD' },
        { code: 'ga', name: 'Standing', priceCents: 1_500, currency: 'USD', capacity: 100 },
      ]);
      expect(body.seatPlan).toEqual(
        buildSeatPlan({
          curved: true,
          sections: [
            { name: 'Stalls', rows: 3, seatsPerRow: 8, zones: [{ tier: 'vip', rows: 3 }] },
          ],
        }),
      );
      expect(CreateConcertRequestSchema.safeParse(body).success).toBe(true);
    },
    BUILDER_TIMEOUT_MS,
  );

  it('names the duplicate seat of a plan file the schema refuses, and sends nothing', async () => {
    mockOrganizerApi();
    const created = serveCreation();
    const { user } = renderOrganizer('/organizer/new');
    await screen.findByLabelText('Name');
    await fillIn(user);
    await user.click(screen.getByRole('radio', { name: 'Upload a seating plan (JSON file)' }));
    const fileField = screen.getByLabelText('Seating plan file');

    await user.upload(
      fileField,
      planFile({
        width: 100,
        height: 60,
        sections: [
          {
            name: 'Stalls',
            tier: 'vip',
            rows: [
              {
                label: 'A',
                seats: [
                  { number: '1', x: 10, y: 20 },
                  { number: '1', x: 20, y: 20 },
                ],
              },
            ],
          },
        ],
      }),
    );

    await waitFor(() => {
      expect(fileField).toHaveAccessibleDescription(
        expect.stringContaining('Seat "Stalls-A-1" appears more than once'),
      );
    });
    expect(screen.queryByRole('group', { name: 'Seat map' })).toBeNull();

    await user.click(createButton());

    await waitFor(() => {
      expect(fileField).toHaveAttribute('aria-invalid', 'true');
    });
    expect(fileField).toHaveAccessibleDescription(
      expect.stringContaining('Seat "Stalls-A-1" appears more than once'),
    );
    expect(created).toEqual([]);
  });

  it('previews a good plan file and sends it, with the seats as its tiers’ capacity', async () => {
    mockOrganizerApi();
    const created = serveCreation();
    const plan: SeatPlan = {
      width: 100,
      height: 60,
      stage: { x: 30, y: 0, width: 40, height: 10 },
      sections: [
        {
          name: 'Pit',
          tier: 'vip',
          rows: ['A', 'B'].map((label, r) => ({
            label,
            seats: [1, 2, 3].map((n) => ({ number: String(n), x: n * 20, y: 20 + r * 12 })),
          })),
        },
      ],
    };
    const { user, router } = renderOrganizer('/organizer/new');
    await screen.findByLabelText('Name');
    await fillIn(user);
    await user.click(screen.getByRole('radio', { name: 'Upload a seating plan (JSON file)' }));

    await user.upload(screen.getByLabelText('Seating plan file'), planFile(plan));

    expect(await screen.findByRole('heading', { name: 'Preview: 6 seats' })).toBeVisible();
    expect(seatsShown()).toBe(6);
    expect(
      screen.getByRole('checkbox', { name: /^Section Pit, Row B, Seat 3, VIP/ }),
    ).toBeVisible();
    expect(screen.getByText('Plan read from harbor-hall.json.')).toBeVisible();
    expect(screen.getByLabelText('Tier 1 capacity')).toHaveValue('6');

    await user.click(createButton());

    await waitFor(() => {
      expect(router.state.location.pathname).toBe('/organizer/concerts/aurora-live');
    });
    expect(created[0]?.body).toMatchObject({
      tiers: [{ code: 'vip', name: 'VIP', priceCents: 4_990, currency: 'USD' }],
      seatPlan: plan,
    });
    expect((created[0]?.body as CreateConcertRequest).tiers[0]).not.toHaveProperty('capacity');
  });

  it('shows what the server says of the plan and a seated tier’s capacity at their fields', async () => {
    mockOrganizerApi();
    const created = serveCreation(() =>
      apiError(400, 'VALIDATION_FAILED', 'Some of the details sent are not valid.', [
        { field: 'seatPlan', message: 'The seating plan sells seats in tier "pit"' },
        { field: 'tiers.0.capacity', message: 'Capacity must be the 2 seats the plan gives' },
      ]),
    );
    const { user } = renderOrganizer('/organizer/new');
    await screen.findByLabelText('Name');
    await fillIn(user);
    await user.click(screen.getByRole('radio', { name: 'Upload a seating plan (JSON file)' }));
    await user.upload(
      screen.getByLabelText('Seating plan file'),
      planFile({
        width: 50,
        height: 50,
        sections: [
          {
            name: 'Pit',
            tier: 'vip',
            rows: [
              {
                label: 'A',
                seats: [
                  { number: '1', x: 10, y: 10 },
                  { number: '2', x: 20, y: 10 },
                ],
              },
            ],
          },
        ],
      }),
    );
    await screen.findByRole('heading', { name: 'Preview: 2 seats' });

    await user.click(createButton());

    await waitFor(() => {
      expect(screen.getByLabelText('Seating plan file')).toHaveAccessibleDescription(
        /The seating plan sells seats in tier "pit"$/,
      );
    });
    expect(screen.getByLabelText('Tier 1 capacity')).toHaveAccessibleDescription(
      'Its seats on the seating plan Capacity must be the 2 seats the plan gives',
    );
    expect(created).toHaveLength(1);
  });
});
