import { CurrentHoldResponseSchema } from '@ticket-booking/shared';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { setUpProduct } from './scenario.js';

const product = setUpProduct();

/** The demo's seated concert: a hall of 2,112 seats beside standing room (see the seed). */
const HALL = 'paper-lanterns-long-night';

async function seatedConcert(name: string) {
  const shopper = await product.shopper(name);
  await shopper.page.goto(`/concerts/${HALL}`);
  await shopper.page.getByText('Availability: Live').waitFor();
  await shopper.page
    .getByRole('checkbox', { name: /^Section / })
    .first()
    .waitFor();
  return shopper;
}

/** The first `count` seats of the row the page shows free, by the start of their names. */
async function freeSeats(page: Page, section: string, row: string, count: number) {
  const prefix = `Section ${section}, Row ${row}, Seat `;
  const names = await page
    .getByRole('checkbox')
    .evaluateAll((seats) => seats.map((seat) => seat.getAttribute('aria-label') ?? ''));
  return names
    .filter((name) => name.startsWith(prefix) && name.endsWith('available'))
    .slice(0, count)
    .map((name) => name.slice(0, name.indexOf(',', prefix.length)));
}

/** How the page shows a seat: free, held by another, sold or the shopper's own. */
async function stateOf(page: Page, seat: string): Promise<string> {
  const label = await page
    .getByRole('checkbox', { name: new RegExp(`^${seat},`) })
    .getAttribute('aria-label');
  if ((label ?? '').includes('held by another shopper')) return 'held';
  if ((label ?? '').includes('available')) return 'free';
  return label ?? 'missing';
}

describe('seats', () => {
  it('A sees B’s seats turn held within 2 s, takes the best two together, and sees B’s come back when B’s hold runs out', async () => {
    const a = await seatedConcert('a');
    const b = await seatedConcert('b');
    const picks = await freeSeats(b.page, 'Stalls Centre', 'T', 2);
    expect(picks).toHaveLength(2);

    for (const seat of picks) {
      await b.page.getByRole('checkbox', { name: new RegExp(`^${seat},`) }).click();
    }
    await b.checkout();
    for (const seat of picks) await b.page.getByText(seat).waitFor();

    for (const seat of picks) {
      await expect.poll(() => stateOf(a.page, seat), { timeout: 2000, interval: 50 }).toBe('held');
    }

    // A takes the best two premium seats on a page of its own, and keeps watching on the first.
    const choosing = await a.newPage();
    await choosing.goto(`/concerts/${HALL}`);
    await choosing.getByLabel('Zone').selectOption('premium');
    await choosing.getByLabel('Seats', { exact: true }).selectOption('2');
    await choosing.getByRole('button', { name: 'Add 2 best seats' }).click();
    await choosing.getByRole('button', { name: 'Checkout' }).click();
    await choosing.getByRole('timer').waitFor();
    const response = await choosing.request.get(`/api/holds/${HALL}`);
    const hold = CurrentHoldResponseSchema.parse(await response.json()).hold;
    const seats = hold?.items.find((item) => item.tier === 'premium')?.seats ?? [];
    expect(seats).toHaveLength(2);
    expect(seats[0]?.row).toBe(seats[1]?.row);
    expect(Math.abs(Number(seats[0]?.number) - Number(seats[1]?.number))).toBe(1);
    for (const seat of seats) await choosing.getByText(seat.label).waitFor();

    // B does nothing more: released once idle, and A sees the seats free again.
    for (const seat of picks) {
      await expect
        .poll(() => stateOf(a.page, seat), { timeout: 20_000, interval: 200 })
        .toBe('free');
    }
  });
});
