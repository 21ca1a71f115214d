import {
  AVAILABILITY_EVENT,
  SEAT_CHANGES_EVENT,
  SEATS_EVENT,
  type AvailabilityTier,
  type SeatChangesEvent,
  type SeatsEvent,
} from '@ticket-booking/shared';
import { useEffect, useRef, useState } from 'react';
import { openEventStream } from '../../../lib/event-source';
import {
  availabilityStreamUrl,
  parseAvailabilityEvent,
  parseSeatChangesEvent,
  parseSeatsEvent,
} from '../api/availability-stream';
import { reconnectDelay } from '../utils/reconnect-delay';

export type StreamStatus = 'connecting' | 'live' | 'reconnecting';

export interface AvailabilityStream {
  /** The latest counts, or null until the first event arrives. */
  tiers: AvailabilityTier[] | null;
  version: number | null;
  status: StreamStatus;
  /** When this browser applied the latest counts. */
  lastUpdated: Date | null;
}

/** What a seated concert's stream says of its seats, for a seat map to follow. */
export interface SeatEventListeners {
  /**
   * A `seats` event: every seat's state. `fresh` is true for the first one of each connection,
   * read from the database as it connected, so current even if its version is lower.
   */
  onSeats?: (event: SeatsEvent, fresh: boolean) => void;
  /** A `seat-changes` event: the seats that changed between `from` and `version`. */
  onSeatChanges?: (event: SeatChangesEvent) => void;
}

interface StreamState extends AvailabilityStream {
  concertId: string;
}

function initialState(concertId: string): StreamState {
  return { concertId, tiers: null, version: null, status: 'connecting', lastUpdated: null };
}

/**
 * A concert's live availability from its SSE stream. Call it once per page and pass the result
 * down: each call opens its own connection.
 *
 * Events are checked against the shared schema and applied only if newer than the last one. When
 * the connection fails, this closes it and opens a new one after a growing back-off instead of
 * leaving it to the browser, whose fixed retry would hammer a server that is down.
 *
 * `listeners` hear a seated concert's `seats` and `seat-changes` events on the same connection.
 */
export function useAvailabilityStream(
  concertId: string,
  listeners?: SeatEventListeners,
): AvailabilityStream {
  const [state, setState] = useState(() => initialState(concertId));
  // The latest listeners, read as each event arrives: new ones must not reopen the stream.
  const listenersRef = useRef(listeners);
  useEffect(() => {
    listenersRef.current = listeners;
  });

  useEffect(() => {
    // Updates for this concert only; state left from another concert starts over.
    const update = (change: (current: StreamState) => StreamState) => {
      setState((previous) =>
        change(previous.concertId === concertId ? previous : initialState(concertId)),
      );
    };

    let close: (() => void) | undefined;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    let failures = 0;

    function connect() {
      // A new connection's first event is read from the database as it connects, so it is the
      // current state even if its version is lower (a reset database numbers from scratch again).
      let first = true;
      let firstSeats = true;
      close = openEventStream(availabilityStreamUrl(concertId), {
        onOpen() {
          failures = 0;
          update((current) => ({ ...current, status: 'live' }));
        },
        onError() {
          close?.();
          close = undefined;
          retryTimer = setTimeout(connect, reconnectDelay(failures));
          failures += 1;
          update((current) => ({ ...current, status: 'reconnecting' }));
        },
        events: {
          [AVAILABILITY_EVENT](data) {
            const event = parseAvailabilityEvent(data);
            if (event?.concertId !== concertId) return;
            const acceptOlder = first;
            first = false;
            update((current) => {
              const newer = current.version === null || event.version > current.version;
              if (!newer && !acceptOlder) return current;
              return {
                ...current,
                tiers: event.tiers,
                version: event.version,
                lastUpdated: new Date(),
              };
            });
          },
          [SEATS_EVENT](data) {
            const event = parseSeatsEvent(data);
            if (event?.concertId !== concertId) return;
            const fresh = firstSeats;
            firstSeats = false;
            listenersRef.current?.onSeats?.(event, fresh);
          },
          [SEAT_CHANGES_EVENT](data) {
            const event = parseSeatChangesEvent(data);
            if (event?.concertId !== concertId) return;
            listenersRef.current?.onSeatChanges?.(event);
          },
        },
      });
    }

    connect();
    return () => {
      clearTimeout(retryTimer);
      close?.();
    };
  }, [concertId]);

  const current = state.concertId === concertId ? state : initialState(concertId);
  return {
    tiers: current.tiers,
    version: current.version,
    status: current.status,
    lastUpdated: current.lastUpdated,
  };
}
