import autocannon from 'autocannon';
import type { LoadResult } from './load.js';

const JSON_HEADERS = { 'content-type': 'application/json' };

/** Tickets per booking: the most one order may hold. */
const TICKETS_PER_BOOKING = 10;

/**
 * Buys `tickets` tickets of `concertId` through the API, `parallel` purchases at a time, each
 * by a buyer of its own; resolves their codes.
 */
export async function buyTickets(
  url: string,
  concertId: string,
  tickets: number,
  parallel = 20,
): Promise<string[]> {
  const codes: string[] = [];
  let bought = 0;
  const buyer = async () => {
    while (bought < tickets) {
      const n = bought;
      bought += TICKETS_PER_BOOKING;
      const hold = await fetch(`${url}/api/holds/checkout`, {
        method: 'POST',
        headers: JSON_HEADERS,
        body: JSON.stringify({
          concertId,
          items: [{ tier: 'ga', quantity: TICKETS_PER_BOOKING }],
        }),
      });
      await hold.arrayBuffer();
      const cookie = hold.headers.getSetCookie()[0]?.split(';')[0] ?? '';
      const booking = await fetch(`${url}/api/bookings`, {
        method: 'POST',
        headers: { ...JSON_HEADERS, cookie },
        body: JSON.stringify({
          concertId,
          buyer: { name: 'Door Bench', email: `door-${n}@example.com` },
          payment: { cardNumber: '4242424242424242', expiry: '12/35', cvc: '123' },
        }),
      });
      const body = (await booking.json()) as { booking?: { tickets?: { code: string }[] } };
      if (booking.status !== 201) throw new Error(`a purchase answered ${booking.status}`);
      codes.push(...(body.booking?.tickets ?? []).map((ticket) => ticket.code));
    }
  };
  await Promise.all(Array.from({ length: parallel }, buyer));
  return codes;
}

export interface DoorResult extends LoadResult {
  /** Scans answered 200: let in. */
  letIn: number;
  /** Scans answered 409 ALREADY_CHECKED_IN. */
  refused: number;
  serverErrors: number;
}

/**
 * Door scanners at `connections` doors, every code scanned once and every `repeatEvery`th also
 * scanned again (as a ticket shown twice), as fast as they answer.
 */
export async function doorLoad(
  url: string,
  token: string,
  codes: readonly string[],
  connections: number,
  repeatEvery: number,
): Promise<DoorResult> {
  const scans = codes.flatMap((code, i) => (i % repeatEvery === 0 ? [code, code] : [code]));
  let next = 0;
  const statuses = new Map<number, number>();
  const started = performance.now();
  const result = await autocannon({
    url,
    connections,
    amount: scans.length,
    requests: [
      {
        method: 'POST',
        path: '/api/admin/check-ins',
        headers: { ...JSON_HEADERS, authorization: `Bearer ${token}` },
        setupRequest: (request) => {
          const code = scans[next % scans.length];
          next += 1;
          return { ...request, body: JSON.stringify({ code, door: 'Bench door' }) };
        },
        onResponse: (status) => {
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
        },
      },
    ],
  });
  const seconds = (performance.now() - started) / 1000;
  const serverErrors = [...statuses].reduce((sum, [s, n]) => sum + (s >= 500 ? n : 0), 0);
  return {
    rps: (statuses.get(200) ?? 0) / seconds,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    letIn: statuses.get(200) ?? 0,
    refused: statuses.get(409) ?? 0,
    serverErrors,
  };
}
