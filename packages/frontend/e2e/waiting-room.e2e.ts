import { WaitingRoomPlaceResponseSchema } from '@ticket-booking/shared';
import { describe, expect, it } from 'vitest';
import { setUpProduct } from './scenario.js';

const ADMIN_TOKEN = 'e2e-organizer-token-0123456789abcdef';

const product = setUpProduct({ ADMIN_TOKEN });

/** Puts a concert on sale `inMs` from now through a waiting room letting in one place a second. */
async function concertOnSaleIn(inMs: number): Promise<string> {
  const response = await fetch(`${product.url}/api/concerts`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` },
    body: JSON.stringify({
      id: 'drop-night',
      name: 'Drop Night',
      artist: 'The Lanterns',
      venue: 'Pier 9',
      timeZone: 'Europe/Paris',
      startsAt: new Date(Date.now() + 30 * 24 * 3_600_000).toISOString(),
      onSaleAt: new Date(Date.now() + inMs).toISOString(),
      waitingRoom: { admitPerMinute: 60 },
      tiers: [
        { code: 'ga', name: 'General Admission', priceCents: 2_500, currency: 'EUR', capacity: 20 },
      ],
    }),
  });
  expect(response.status).toBe(201);
  return 'drop-night';
}

describe('a waiting room', () => {
  it('three shoppers join before on-sale, are given places 1 to 3 at it, are let in in turn, and the first buys', async () => {
    // Time for three pages to load and join first, on a machine busy with the rest of a test run.
    const concertId = await concertOnSaleIn(12_000);
    const shoppers = await Promise.all(['a', 'b', 'c'].map((name) => product.shopper(name)));
    for (const shopper of shoppers) {
      await shopper.page.goto(`/concerts/${concertId}`);
      await shopper.page.getByRole('button', { name: 'Join the waiting room' }).click();
      await shopper.page.getByText('You are in the waiting room').waitFor();
      expect(await shopper.page.getByRole('button', { name: 'Checkout' }).count()).toBe(0);
    }

    // At on-sale each page asks for its place: the first is let in at once, the others wait.
    await Promise.all(
      shoppers.map(({ page }) =>
        page
          .getByText(/Your place in line: \d/)
          .or(page.getByRole('button', { name: 'Checkout' }))
          .waitFor({ timeout: 15_000 }),
      ),
    );
    const places = await Promise.all(
      shoppers.map(async ({ page }) => {
        const response = await page.request.get(`/api/concerts/${concertId}/waiting-room`);
        return WaitingRoomPlaceResponseSchema.parse(await response.json()).place?.place;
      }),
    );
    expect([...places].sort()).toEqual([1, 2, 3]);

    const order = places.map((place, index) => ({ place, shopper: shoppers[index] }));
    const first = order.find((entry) => entry.place === 1)?.shopper;
    const last = order.find((entry) => entry.place === 3)?.shopper;
    if (!first || !last) throw new Error('no first or last place');
    await first.page.getByRole('button', { name: 'Checkout' }).waitFor({ timeout: 5_000 });
    await first.selectTickets('General Admission', 2);
    await first.checkout();
    await first.pay();
    await first.page.getByTestId('confirmation-code').waitFor();
    await last.page.getByRole('button', { name: 'Checkout' }).waitFor({ timeout: 10_000 });
  });
});
