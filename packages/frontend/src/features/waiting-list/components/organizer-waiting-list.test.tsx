import type { OrganizerWaitingList } from '@ticket-booking/shared';
import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../lib/api-client';
import { OrganizerWaitingListSection } from './organizer-waiting-list';

const TIER_NAMES = new Map([
  ['vip', 'VIP'],
  ['ga', 'General Admission'],
]);

function listOf(entries: OrganizerWaitingList['entries']): OrganizerWaitingList {
  return {
    concertId: 'neon-harbor-tidelight',
    offerMinutes: 45,
    entries,
    asOf: '2030-01-15T12:00:00.000Z',
  };
}

function renderSection(props: { list?: OrganizerWaitingList; error?: Error }) {
  render(
    <OrganizerWaitingListSection
      list={props.list}
      error={props.error ?? null}
      tierNames={TIER_NAMES}
      timeZone="America/New_York"
    />,
  );
}

function rows() {
  const table = screen.getByRole('table', { name: 'Waiting list entries, in the order served' });
  return within(table)
    .getAllByRole('row')
    .slice(1)
    .map((row) =>
      within(row)
        .getAllByRole('cell')
        .map((cell) => cell.textContent),
    );
}

describe('the organizer’s waiting list', () => {
  it('lists each entry in the order served: tier, tickets, email, status, joined and offer end at the venue', () => {
    renderSection({
      list: listOf([
        {
          tier: 'vip',
          quantity: 2,
          email: 'ada@example.com',
          status: 'OFFERED',
          joinedAt: '2030-01-15T11:00:00.000Z',
          offeredAt: '2030-01-15T11:50:00.000Z',
          offerExpiresAt: '2030-01-15T12:35:00.000Z',
        },
        {
          tier: 'vip',
          quantity: 1,
          email: 'bo@example.com',
          status: 'WAITING',
          joinedAt: '2030-01-15T11:05:00.000Z',
        },
        {
          tier: 'ga',
          quantity: 4,
          email: 'cy@example.com',
          status: 'LAPSED',
          joinedAt: '2030-01-15T10:00:00.000Z',
        },
      ]),
    });

    expect(rows()).toEqual([
      [
        'VIP',
        '2',
        'ada@example.com',
        'Offered',
        expect.stringMatching(/^Tue, Jan 15, 2030, 6:00\sAM EST$/),
        expect.stringMatching(/^Tue, Jan 15, 2030, 7:35\sAM EST$/),
      ],
      [
        'VIP',
        '1',
        'bo@example.com',
        'Waiting',
        expect.stringMatching(/^Tue, Jan 15, 2030, 6:05\sAM EST$/),
        '—',
      ],
      [
        'General Admission',
        '4',
        'cy@example.com',
        'Offer ended',
        expect.stringMatching(/^Tue, Jan 15, 2030, 5:00\sAM EST$/),
        '—',
      ],
    ]);
    expect(
      screen.getByText(
        '1 shopper waiting, 1 holding an offer. Tickets that come back are held for the first in line whose quantity fits, for 45 minutes.',
      ),
    ).toBeVisible();
  });

  it('says when no one is waiting', () => {
    renderSection({ list: listOf([]) });

    expect(screen.getByText('No one is on the waiting list.')).toBeVisible();
    expect(screen.queryByRole('table')).toBeNull();
  });

  it('says when the list could not be loaded', () => {
    renderSection({
      error: new ApiError(500, 'INTERNAL_ERROR', 'Something went wrong on our side.'),
    });

    expect(screen.getByRole('alert')).toHaveTextContent(
      'We could not load the waiting listSomething went wrong on our side.',
    );
  });
});
