import {
  AvailabilityEventSchema,
  SEAT_CHANGES_EVENT,
  SeatChangesEventSchema,
  SEATS_EVENT,
  SeatsEventSchema,
  type AvailabilityEvent,
  type SeatChangesEvent,
  type SeatsEvent,
} from '@ticket-booking/shared';
import { createParser } from 'eventsource-parser';
import { assertFetchDocumented } from './contract.js';

export interface StreamClient {
  status: number;
  headers: Headers;
  /** Every availability event so far, in arrival order. */
  events: AvailabilityEvent[];
  /** Every `seats` and `seat-changes` event so far, in arrival order. */
  seatEvents: (
    { type: 'seats'; event: SeatsEvent } | { type: 'seat-changes'; event: SeatChangesEvent }
  )[];
  /** The SSE `id:` of each event, in the same order. */
  ids: (string | undefined)[];
  retry: number | undefined;
  comments: string[];
  /** Resolves with the first event (already received or still to come) that matches. */
  waitFor(
    match: (event: AvailabilityEvent) => boolean,
    timeoutMs?: number,
  ): Promise<AvailabilityEvent>;
  close(): void;
}

/**
 * A real HTTP client for the availability stream: fetch reads the body as it arrives and
 * eventsource-parser splits it into events, each held against the OpenAPI document and
 * validated with the shared schema.
 */
export async function openAvailabilityStream(
  baseUrl: string,
  concertId: string,
  headers: Record<string, string> = {},
): Promise<StreamClient> {
  const controller = new AbortController();
  const path = `/api/concerts/${concertId}/availability/stream`;
  const response = await fetch(baseUrl + path, { headers, signal: controller.signal });
  // A refusal is a short JSON body, read whole; a stream's head now, and each event as it comes.
  assertFetchDocumented('GET', path, response, response.ok ? '' : await response.text());
  const listeners = new Set<() => void>();
  /** An event the document or the shared schema refuses: every wait then fails with it. */
  let refused: Error | undefined;
  const client: StreamClient = {
    status: response.status,
    headers: response.headers,
    events: [],
    seatEvents: [],
    ids: [],
    retry: undefined,
    comments: [],
    waitFor(match, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (refused) {
            clearTimeout(timer);
            listeners.delete(check);
            reject(refused);
            return;
          }
          const found = client.events.find(match);
          if (!found) return;
          clearTimeout(timer);
          listeners.delete(check);
          resolve(found);
        };
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(
            new Error(
              `no matching event; got ${JSON.stringify(client.events.map((e) => e.tiers))}`,
            ),
          );
        }, timeoutMs);
        listeners.add(check);
        check();
      });
    },
    close() {
      controller.abort();
    },
  };
  const parser = createParser({
    onEvent(message) {
      try {
        const text = `event: ${message.event ?? 'message'}\ndata: ${message.data}\n\n`;
        assertFetchDocumented('GET', path, response, text);
        if (message.event === SEATS_EVENT) {
          const event = SeatsEventSchema.parse(JSON.parse(message.data));
          client.seatEvents.push({ type: SEATS_EVENT, event });
        } else if (message.event === SEAT_CHANGES_EVENT) {
          const event = SeatChangesEventSchema.parse(JSON.parse(message.data));
          client.seatEvents.push({ type: SEAT_CHANGES_EVENT, event });
        }
        if (message.event === 'availability') {
          client.events.push(AvailabilityEventSchema.parse(JSON.parse(message.data)));
          client.ids.push(message.id);
        }
      } catch (error) {
        refused ??= error as Error;
      }
      for (const listener of [...listeners]) listener();
    },
    onRetry(retry) {
      client.retry = retry;
    },
    onComment(comment) {
      client.comments.push(comment);
    },
  });
  if (response.ok && response.body) {
    const decoder = new TextDecoder();
    const reader = response.body.getReader();
    void (async () => {
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) return;
          parser.feed(decoder.decode(value, { stream: true }));
        }
      } catch {
        // Closed by the test or by the server.
      }
    })();
  }
  return client;
}
