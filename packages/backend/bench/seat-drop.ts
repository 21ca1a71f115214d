import http from 'node:http';
import { buildSeatPlan, type SeatPlan } from '@ticket-booking/shared';

export interface SeatDropResult {
  shoppers: number;
  /** Shoppers answered 201 for their seats. */
  held: number;
  /** Of the others, those told 409 SEATS_TAKEN. */
  refused: number;
  /** Seats in the bookings shoppers were answered 201 for. */
  booked: number;
  /** Seats found in more than one hold or booking answered 201. */
  twice: number;
  /** Bookings whose seats are not the seats their hold was answered with. */
  mismatched: number;
  serverErrors: number;
  /** Requests that got no answer at all. */
  networkErrors: number;
  /** From the first request to the last answer. */
  durationMs: number;
}

const SHOPPERS = 5_000;
export const DROP_SEATS = 1_000;

/** Two blocks of 20 rows of 25 seats, lettered A–V from the stage. */
export function dropPlan(): SeatPlan {
  return buildSeatPlan({
    curved: true,
    sections: ['Left', 'Right'].map((name) => ({
      name,
      rows: 20,
      seatsPerRow: 25,
      zones: [{ tier: 'seats', rows: 20 }],
    })),
  });
}

/** An arena of `sections` blocks of 50 rows of 50 seats, two levels. */
export function arenaPlan(seats: number): SeatPlan {
  const blocks = Math.max(1, Math.round(seats / 2_500));
  return buildSeatPlan({
    curved: true,
    sections: Array.from({ length: blocks }, (_, i) => ({
      name: String(101 + i),
      rows: 50,
      seatsPerRow: seats < 2_500 ? Math.round(seats / 50) : 50,
      zones: [{ tier: 'seats', rows: 50 }],
      level: i % 2,
    })),
  });
}

/** The same 1–4 seats side by side for a shopper in every run: many want the same ones. */
function seatsOf(plan: SeatPlan, shopper: number): string[] {
  let state = (shopper + 1) * 2_654_435_761;
  const random = () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
  const section = plan.sections[Math.floor(random() * plan.sections.length)];
  // Most want the front rows.
  const rows = section?.rows ?? [];
  const row = rows[Math.floor(rows.length * random() * random())];
  const seats = row?.seats ?? [];
  const count = 1 + Math.floor(random() * 4);
  const first = Math.floor(random() * Math.max(1, seats.length - count + 1));
  return seats
    .slice(first, first + count)
    .map((seat) => `${section?.name}-${row?.label}-${seat.number}`);
}

interface SeatsBody {
  hold?: { items: { seats?: { id: string }[] }[] };
  booking?: { items: { seats?: { id: string }[] }[] };
  error?: { code: string };
}

function seatIds(items: { seats?: { id: string }[] }[] | undefined): string[] {
  return (items ?? []).flatMap((item) => (item.seats ?? []).map((seat) => seat.id));
}

/**
 * 5,000 shoppers, within one second, each hold the 1–4 seats they picked out of 1,000, many the
 * same; each that gets them pays at once. Every shopper is a new browser: its own connection
 * and session.
 */
export async function seatDrop(url: string, concertId: string): Promise<SeatDropResult> {
  const plan = dropPlan();
  const result: SeatDropResult = {
    shoppers: SHOPPERS,
    held: 0,
    refused: 0,
    booked: 0,
    twice: 0,
    mismatched: 0,
    serverErrors: 0,
    networkErrors: 0,
    durationMs: 0,
  };
  const owners = new Map<string, number>();
  const started = performance.now();

  async function shopper(index: number): Promise<void> {
    const hold = await fetch(`${url}/api/holds/checkout`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ concertId, items: [], seats: seatsOf(plan, index) }),
    });
    const held = (await hold.json()) as SeatsBody;
    if (hold.status >= 500) result.serverErrors += 1;
    if (held.error?.code === 'SEATS_TAKEN') result.refused += 1;
    if (hold.status !== 201) return;
    result.held += 1;
    const seats = seatIds(held.hold?.items);
    for (const seat of seats) {
      if (owners.has(seat)) result.twice += 1;
      owners.set(seat, index);
    }
    const cookie = hold.headers.get('set-cookie')?.split(';')[0] ?? '';
    const booking = await fetch(`${url}/api/bookings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({
        concertId,
        buyer: { name: `Shopper ${index}`, email: `shopper${index}@example.com` },
        payment: { cardNumber: '4242424242424242', expiry: '12/35', cvc: '123' },
      }),
    });
    const bought = (await booking.json()) as SeatsBody;
    if (booking.status >= 500) result.serverErrors += 1;
    if (booking.status !== 201) return;
    const boughtSeats = seatIds(bought.booking?.items);
    result.booked += boughtSeats.length;
    if (boughtSeats.join() !== seats.join()) result.mismatched += 1;
  }

  // Ten waves of 500, 100 ms apart: all 5,000 within one second.
  const all: Promise<void>[] = [];
  for (let wave = 0; wave < 10; wave += 1) {
    for (let i = 0; i < SHOPPERS / 10; i += 1) {
      all.push(
        shopper(wave * (SHOPPERS / 10) + i).catch(() => {
          result.networkErrors += 1;
        }),
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await Promise.all(all);
  result.durationMs = performance.now() - started;
  return result;
}

export interface StreamSizes {
  /** Bytes of the `seats` event a watcher gets on connect. */
  snapshotBytes: number;
  /** Bytes of each `seat-changes` event that came during the rush. */
  deltaBytes: number[];
  /** Seats each of those events named. */
  deltaSeats: number[];
}

/**
 * Watches the concert's availability stream while `shoppers` shoppers each take the best 1–4
 * seats together, and measures its seat events: the snapshot on connect and the deltas after.
 */
export async function seatStreamSizes(
  url: string,
  concertId: string,
  shoppers: number,
): Promise<StreamSizes> {
  const sizes: StreamSizes = { snapshotBytes: 0, deltaBytes: [], deltaSeats: [] };
  let text = '';
  const request = http.get(`${url}/api/concerts/${concertId}/availability/stream`);
  const opened = new Promise<void>((resolve, reject) => {
    request.on('error', reject);
    request.on('response', (response) => {
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        text += chunk;
        let end = text.indexOf('\n\n');
        while (end >= 0) {
          const frame = text.slice(0, end + 2);
          text = text.slice(end + 2);
          const bytes = Buffer.byteLength(frame);
          if (frame.startsWith('event: seats\n')) {
            sizes.snapshotBytes = bytes;
            resolve();
          } else if (frame.startsWith('event: seat-changes\n')) {
            const data = JSON.parse(frame.slice(frame.indexOf('data: ') + 6)) as {
              free: number[];
              held: number[];
              sold: number[];
            };
            sizes.deltaBytes.push(bytes);
            sizes.deltaSeats.push(data.free.length + data.held.length + data.sold.length);
          }
          end = text.indexOf('\n\n');
        }
      });
    });
  });
  await opened;
  await Promise.all(
    Array.from({ length: shoppers }, async (_, i) => {
      const response = await fetch(`${url}/api/holds/checkout`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ concertId, items: [{ tier: 'seats', quantity: 1 + (i % 4) }] }),
      });
      await response.arrayBuffer();
    }),
  );
  // The last changes go out within a coalescing window or two.
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  request.destroy();
  return sizes;
}
