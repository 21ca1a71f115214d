export interface DropResult {
  shoppers: number;
  sold: number;
  /** Tickets in the bookings shoppers were answered 201 for. */
  booked: number;
  oversold: number;
  serverErrors: number;
  /** Requests that got no answer at all. */
  networkErrors: number;
  /** From the first request to the booking that sold the last ticket. */
  sellOutMs: number;
}

const SHOPPERS = 5_000;
export const TICKETS = 1_000;

/** A fixed sequence of 1–4 tickets per shopper, so every run asks for the same. */
function quantityOf(shopper: number): number {
  return ((shopper * 7919) % 4) + 1;
}

/**
 * 5,000 shoppers start checkout within one second against 1,000 tickets; each one that gets a
 * hold pays for it at once. Every shopper is a new browser: its own connection and session.
 */
export async function ticketDrop(url: string, concertId: string): Promise<DropResult> {
  let serverErrors = 0;
  let networkErrors = 0;
  let soldTickets = 0;
  let sellOutAt = 0;
  const started = performance.now();

  async function shopper(index: number): Promise<void> {
    const quantity = quantityOf(index);
    const hold = await fetch(`${url}/api/holds/checkout`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ concertId, items: [{ tier: 'ga', quantity }] }),
    });
    await hold.arrayBuffer();
    if (hold.status >= 500) serverErrors += 1;
    if (hold.status !== 201) return;
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
    await booking.arrayBuffer();
    if (booking.status >= 500) serverErrors += 1;
    if (booking.status === 201) {
      soldTickets += quantity;
      if (soldTickets >= TICKETS && sellOutAt === 0) sellOutAt = performance.now();
    }
  }

  // Ten waves of 500, 100 ms apart: all 5,000 within one second.
  const all: Promise<void>[] = [];
  for (let wave = 0; wave < 10; wave += 1) {
    for (let i = 0; i < SHOPPERS / 10; i += 1) {
      all.push(
        shopper(wave * (SHOPPERS / 10) + i).catch(() => {
          networkErrors += 1;
        }),
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await Promise.all(all);

  const stored = (await fetch(`${url}/api/concerts/${concertId}`).then((r) => r.json())) as {
    concert: { tiers: { total: number; sold: number }[] };
  };
  const tier = stored.concert.tiers[0];
  const sold = tier?.sold ?? 0;
  return {
    shoppers: SHOPPERS,
    sold,
    booked: soldTickets,
    oversold: Math.max(0, sold - (tier?.total ?? 0), soldTickets - TICKETS),
    serverErrors,
    networkErrors,
    sellOutMs: sellOutAt > 0 ? sellOutAt - started : NaN,
  };
}
