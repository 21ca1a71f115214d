import type {
  AvailabilityEvent,
  Concert,
  ErrorCode,
  WaitingListEntry,
  WaitingListJoinRequest,
} from '@ticket-booking/shared';
import { act, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { vi } from 'vitest';
import { ConcertRoute } from '../../../app/routes/concert';
import type { FakeEventSource } from '../../../test/fake-event-source';
import { concertFixture, tierFixture, waitingListEntryFixture } from '../../../test/fixtures';
import { renderRoute } from '../../../test/render';
import { server } from '../../../test/server';

export const CONCERT_ID = 'neon-harbor-tidelight';

/** A JSON error in the API's shape. */
export function apiError(status: number, code: ErrorCode, message: string, details?: unknown) {
  return HttpResponse.json({ error: { code, message, details } }, { status });
}

/** On sale, VIP sold out, 3 Front Row left, General Admission plenty. */
export function soldOutConcert(overrides: Partial<Concert> = {}): Concert {
  return concertFixture({
    tiers: [
      tierFixture({ code: 'vip', name: 'VIP', priceCents: 24_900, total: 60, sold: 60 }),
      tierFixture({ code: 'front-row', name: 'Front Row', total: 200, sold: 197 }),
      tierFixture({ code: 'ga', name: 'General Admission', total: 2000, sold: 100 }),
    ],
    ...overrides,
  });
}

/**
 * A fake of the concert and its waiting lists for this browser: joining adds an entry (3 ahead
 * of it), leaving removes it; `setEntries` changes what the server has, as its jobs would.
 */
export function mockWaitingListApi({
  concert = soldOutConcert(),
  entries = [],
}: { concert?: Concert; entries?: WaitingListEntry[] } = {}) {
  let current = entries;
  const joins: unknown[] = [];
  const leaves: string[] = [];
  let entryFetches = 0;
  const overrides: { join?: (body: WaitingListJoinRequest) => Response | undefined } = {};
  const list = `/api/concerts/${concert.id}/waiting-list`;
  server.use(
    http.get(`/api/concerts/${concert.id}`, () => HttpResponse.json({ concert })),
    http.get(list, () => {
      entryFetches += 1;
      return HttpResponse.json({ entries: current });
    }),
    http.post(list, async ({ request }) => {
      const body = (await request.json()) as WaitingListJoinRequest;
      joins.push(body);
      const answer = overrides.join?.(body);
      if (answer) return answer;
      const entry = waitingListEntryFixture({ ...body, ahead: 3 });
      current = [...current, entry];
      return HttpResponse.json({ entry }, { status: 201 });
    }),
    http.delete(`${list}/:tier`, ({ params }) => {
      leaves.push(String(params.tier));
      if (!current.some((entry) => entry.tier === params.tier)) {
        return apiError(404, 'NOT_ON_WAITING_LIST', 'You are not on this waiting list.');
      }
      current = current.filter((entry) => entry.tier !== params.tier);
      return new HttpResponse(null, { status: 204 });
    }),
  );
  return {
    joins,
    leaves,
    overrides,
    entryFetches: () => entryFetches,
    setEntries(next: WaitingListEntry[]) {
      current = next;
    },
  };
}

/** The concert page, once its heading is in; user-event moves fake timers along if there are. */
export async function renderConcertPage(concert: Concert = soldOutConcert()) {
  const utils = renderRoute(<ConcertRoute />, {
    path: '/concerts/:concertId',
    url: `/concerts/${concert.id}`,
  });
  await screen.findByRole('heading', { level: 1, name: `${concert.artist} — ${concert.name}` });
  const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
  return { ...utils, user };
}

/** The availability stream sends the concert's counts as they are, under a new `version`. */
export function sendCounts(stream: FakeEventSource, concert: Concert, version: number) {
  const event: AvailabilityEvent = {
    concertId: concert.id,
    version,
    tiers: concert.tiers.map(({ code, total, sold, held, available }) => ({
      code,
      total,
      sold,
      held,
      available,
    })),
    serverTime: new Date().toISOString(),
  };
  act(() => {
    stream.emit('availability', event);
  });
}
