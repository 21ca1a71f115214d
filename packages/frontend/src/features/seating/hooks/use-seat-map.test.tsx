import {
  buildSeatPlan,
  encodeSeatStates,
  type SeatChangesEvent,
  type SeatMap as SeatMapBody,
  type SeatState,
} from '@ticket-booking/shared';
import { QueryClientProvider } from '@tanstack/react-query';
import { act, render, screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createQueryClient } from '../../../app/providers';
import { stubEventSource, type FakeEventSource } from '../../../test/fake-event-source';
import { server } from '../../../test/server';
import { SeatMap } from '../components/seat-map';
import type { SeatMapTier } from '../utils/seat-zones';
import { useSeatMap } from './use-seat-map';

const CONCERT = 'neon-harbor-tidelight';

/** One row of four seats, Stalls: `Stalls-A-1` … `Stalls-A-4`, seats 0–3 in plan order. */
const PLAN = buildSeatPlan({
  curved: false,
  sections: [{ name: 'Stalls', rows: 1, seatsPerRow: 4, zones: [{ tier: 'stalls', rows: 1 }] }],
});
const TIERS: SeatMapTier[] = [
  { code: 'stalls', name: 'Stalls', priceCents: 4_500, currency: 'EUR' },
];
const NONE: ReadonlySet<string> = new Set();

function seatMapBody(version: number, taken: [number, SeatState][] = []): SeatMapBody {
  return {
    concertId: CONCERT,
    plan: PLAN,
    seatCount: 4,
    version,
    states: encodeSeatStates(4, taken),
  };
}

/** Serves the map as `answer` gives it at each request, and counts the requests. */
function serveSeatMap(answer: () => SeatMapBody) {
  const asked = { count: 0 };
  server.use(
    http.get(`/api/concerts/${CONCERT}/seats`, () => {
      asked.count += 1;
      return HttpResponse.json({ seatMap: answer() });
    }),
  );
  return asked;
}

function LiveSeatMap({ own = NONE }: { own?: ReadonlySet<string> }) {
  const { map } = useSeatMap(CONCERT);
  if (!map) return <p>Loading the seats…</p>;
  return (
    <SeatMap
      plan={map.plan}
      states={map.states}
      tiers={TIERS}
      selected={NONE}
      own={own}
      onToggle={vi.fn()}
    />
  );
}

function renderLiveMap(own?: ReadonlySet<string>) {
  const queryClient = createQueryClient();
  queryClient.setDefaultOptions({ queries: { retry: false } });
  return render(
    <QueryClientProvider client={queryClient}>
      <LiveSeatMap own={own} />
    </QueryClientProvider>,
  );
}

/** Each seat's state as its accessible name tells it, in plan order. */
function statesShown(): string[] {
  return screen
    .getAllByRole('checkbox')
    .map((seat) => seat.getAttribute('aria-label')?.split(', ').at(-1) ?? '');
}

function changes(
  from: number,
  version: number,
  seats: Partial<Pick<SeatChangesEvent, 'free' | 'held' | 'sold'>>,
): SeatChangesEvent {
  return { concertId: CONCERT, from, version, free: [], held: [], sold: [], ...seats };
}

function send(stream: FakeEventSource, type: string, data: unknown) {
  act(() => {
    stream.emit(type, data);
  });
}

let streams: ReturnType<typeof stubEventSource>;

beforeEach(() => {
  streams = stubEventSource();
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('useSeatMap', () => {
  it('shows the map as read, then turns seats held and sold as changes arrive', async () => {
    serveSeatMap(() => seatMapBody(5, [[1, 'held']]));
    renderLiveMap();
    expect(await screen.findAllByRole('checkbox')).toHaveLength(4);
    expect(statesShown()).toEqual([
      'available',
      'held by another shopper',
      'available',
      'available',
    ]);
    expect(streams.latest().url).toBe(`/api/concerts/${CONCERT}/availability/stream`);

    send(streams.latest(), 'seat-changes', changes(5, 6, { held: [0] }));
    send(streams.latest(), 'seat-changes', changes(6, 8, { free: [1], sold: [0, 3] }));

    expect(statesShown()).toEqual(['sold', 'available', 'available', 'sold']);
  });

  it('ignores changes and snapshots not newer than the seats shown', async () => {
    const asked = serveSeatMap(() => seatMapBody(5, [[1, 'held']]));
    renderLiveMap();
    await screen.findAllByRole('checkbox');

    send(streams.latest(), 'seat-changes', changes(4, 5, { sold: [2] }));
    send(streams.latest(), 'seats', {
      concertId: CONCERT,
      version: 5,
      seatCount: 4,
      states: encodeSeatStates(4, [[3, 'sold']]),
    });
    send(streams.latest(), 'seats', {
      concertId: CONCERT,
      version: 9,
      seatCount: 4,
      states: encodeSeatStates(4, [[2, 'sold']]),
    });
    send(streams.latest(), 'seats', {
      concertId: CONCERT,
      version: 8,
      seatCount: 4,
      states: encodeSeatStates(4, [[0, 'sold']]),
    });

    expect(statesShown()).toEqual(['available', 'available', 'sold', 'available']);
    expect(asked.count).toBe(1);
  });

  it('when a change shows others were missed, reads the whole map again and shows it', async () => {
    let current = seatMapBody(5);
    const asked = serveSeatMap(() => current);
    renderLiveMap();
    await screen.findAllByRole('checkbox');

    // The change from 5 to 6 never came; the server has moved on to 7.
    current = seatMapBody(7, [
      [0, 'sold'],
      [2, 'held'],
    ]);
    send(streams.latest(), 'seat-changes', changes(6, 7, { held: [2] }));

    await vi.waitFor(() => {
      expect(statesShown()).toEqual(['sold', 'available', 'held by another shopper', 'available']);
    });
    expect(asked.count).toBe(2);

    // Changes from the map read carry on from it.
    send(streams.latest(), 'seat-changes', changes(7, 8, { free: [0] }));
    expect(statesShown()).toEqual([
      'available',
      'available',
      'held by another shopper',
      'available',
    ]);
  });

  it('marks the shopper’s own held seats as theirs while the stream says they are held', async () => {
    serveSeatMap(() => seatMapBody(5));
    renderLiveMap(new Set(['Stalls-A-2', 'Stalls-A-3']));
    await screen.findAllByRole('checkbox');

    send(streams.latest(), 'seat-changes', changes(5, 6, { held: [0, 1, 2] }));

    expect(statesShown()).toEqual([
      'held by another shopper',
      'your seat',
      'your seat',
      'available',
    ]);
    expect(screen.getByRole('checkbox', { name: /Seat 2,.*your seat$/ })).toBeChecked();
    expect(screen.getByRole('checkbox', { name: /Seat 1,/ })).not.toBeChecked();
  });

  it('after a reconnect, takes the new connection’s snapshot even with a lower version', async () => {
    serveSeatMap(() => seatMapBody(50));
    renderLiveMap();
    await screen.findAllByRole('checkbox');
    vi.useFakeTimers();
    act(() => {
      streams.latest().fail();
    });
    act(() => {
      vi.advanceTimersByTime(1_000);
    });

    // The database was reset: versions number from scratch again.
    send(streams.latest(), 'seats', {
      concertId: CONCERT,
      version: 3,
      seatCount: 4,
      states: encodeSeatStates(4, [[3, 'sold']]),
    });
    send(streams.latest(), 'seat-changes', changes(3, 4, { held: [0] }));

    expect(streams.all).toHaveLength(2);
    expect(statesShown()).toEqual(['held by another shopper', 'available', 'available', 'sold']);
  });
});
