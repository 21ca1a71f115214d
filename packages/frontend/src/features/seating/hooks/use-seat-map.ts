import {
  decodeSeatStates,
  type SeatChangesEvent,
  type SeatMap,
  type SeatPlan,
  type SeatsEvent,
  type SeatState,
} from '@ticket-booking/shared';
import { useEffect, useState } from 'react';
import { useAvailabilityStream, type AvailabilityStream } from '../../availability';
import { useSeatMapQuery } from '../api/seat-map';
import { applySeatChanges, applySeatsEvent } from '../utils/seat-states';

export interface LiveSeatMap {
  /** The plan and every seat's state as of `version`, kept live; undefined until first read. */
  map: { plan: SeatPlan; states: readonly SeatState[]; version: number } | undefined;
  /** Why the map could not be read, if it could not. */
  error: Error | null;
  /** Reads the whole map again. */
  refetch: () => void;
  /**
   * The concert's availability stream the states follow, with its tiers' counts and whether it
   * is connected: a page showing the map uses this one rather than opening another.
   */
  stream: AvailabilityStream;
}

interface LiveStates {
  concertId: string;
  version: number | null;
  states: readonly SeatState[] | null;
  /** The fetched map last taken in (or found older than the states shown). */
  fetched: SeatMap | undefined;
  /** How many times the stream showed changes were missed: each reads the whole map again. */
  gaps: number;
}

function initialStates(concertId: string): LiveStates {
  return { concertId, version: null, states: null, fetched: undefined, gaps: 0 };
}

function withFetched(live: LiveStates, map: SeatMap): LiveStates {
  const fits = live.states?.length === map.seatCount;
  if (fits && live.version !== null && map.version <= live.version) {
    return { ...live, fetched: map };
  }
  return {
    ...live,
    fetched: map,
    version: map.version,
    states: decodeSeatStates(map.seatCount, map.states),
  };
}

function withSnapshot(live: LiveStates, event: SeatsEvent, fresh: boolean): LiveStates {
  if (!fresh && live.version !== null && event.version <= live.version) return live;
  const update = applySeatsEvent(live.fetched?.seatCount ?? event.seatCount, event);
  if (update.kind !== 'applied') return { ...live, gaps: live.gaps + 1 };
  return { ...live, states: update.states, version: update.version };
}

function withChanges(live: LiveStates, event: SeatChangesEvent): LiveStates {
  // With no states yet, the map being read will bring them; a gap shows on the next change.
  if (live.states === null || live.version === null) return live;
  const update = applySeatChanges(live.states, live.version, event);
  switch (update.kind) {
    case 'applied':
      return { ...live, states: update.states, version: update.version };
    case 'ignored':
      return live;
    case 'missed':
      return { ...live, gaps: live.gaps + 1 };
  }
}

/**
 * A seated concert's seat map, kept live: read from `GET /api/concerts/:id/seats`, then changed
 * by the availability stream's `seats` snapshots and `seat-changes` deltas. Events not newer than
 * the states shown are dropped; a delta that does not start where they are means changes were
 * missed, and the whole map is read again. Opens the concert's availability stream: call it once
 * per page and use its `stream`. With `enabled` false it reads no map and only opens the stream,
 * so a page that may or may not show a map still opens exactly one.
 */
export function useSeatMap(
  concertId: string,
  { enabled = true }: { enabled?: boolean } = {},
): LiveSeatMap {
  const query = useSeatMapQuery(concertId, { enabled });
  const [live, setLive] = useState(() => initialStates(concertId));
  // Updates for this concert only; states left from another concert start over.
  const update = (change: (current: LiveStates) => LiveStates) => {
    setLive((previous) =>
      change(previous.concertId === concertId ? previous : initialStates(concertId)),
    );
  };
  const stream = useAvailabilityStream(concertId, {
    onSeats(event, fresh) {
      update((current) => withSnapshot(current, event, fresh));
    },
    onSeatChanges(event) {
      update((current) => withChanges(current, event));
    },
  });

  const current = live.concertId === concertId ? live : initialStates(concertId);
  const fetched = query.data;
  // Taken in while rendering, as react.dev/learn/you-might-not-need-an-effect advises for state
  // that follows a prop: each map read is compared once with the states the stream has brought.
  if (fetched && fetched !== current.fetched) {
    update((latest) => withFetched(latest, fetched));
  }

  const { refetch } = query;
  const { gaps } = current;
  useEffect(() => {
    // A read already on its way answers this gap too, so it is not cancelled for another.
    if (gaps > 0) void refetch({ cancelRefetch: false });
  }, [gaps, refetch]);

  const plan = current.fetched?.plan;
  return {
    map:
      plan && current.states && current.version !== null
        ? { plan, states: current.states, version: current.version }
        : undefined,
    error: query.error,
    refetch: () => {
      void refetch();
    },
    stream,
  };
}
