import { AVAILABILITY_EVENT, type AvailabilityTier } from '@ticket-booking/shared';
import { useEffect, useState } from 'react';
import { openEventStream } from '../../../lib/event-source';
import { availabilityStreamUrl, parseAvailabilityEvent } from '../api/availability-stream';
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
 */
export function useAvailabilityStream(concertId: string): AvailabilityStream {
  const [state, setState] = useState(() => initialState(concertId));

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
