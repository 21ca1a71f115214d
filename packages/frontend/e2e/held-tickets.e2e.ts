import { ConcertResponseSchema } from '@ticket-booking/shared';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { setUpProduct } from './scenario.js';

const ADMIN_TOKEN = 'e2e-organizer-token-0123456789abcdef';

const product = setUpProduct({ ADMIN_TOKEN });

/** A concert of one tier with only `capacity` tickets, so one shopper can hold all of them. */
async function smallConcert(page: Page, capacity: number): Promise<string> {
  const response = await page.request.post('/api/concerts', {
    headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    data: {
      name: 'Last Few',
      artist: 'The Holdouts',
      venue: 'Small Room',
      timeZone: 'America/New_York',
      startsAt: new Date(Date.now() + 30 * 24 * 3600_000).toISOString(),
      tiers: [
        { code: 'ga', name: 'General Admission', priceCents: 2500, currency: 'USD', capacity },
      ],
    },
  });
  expect(response.status()).toBe(201);
  return ConcertResponseSchema.parse(await response.json()).concert.id;
}

function tierRow(page: Page, tier: string) {
  return page.locator('li', { has: page.getByRole('heading', { name: tier, exact: true }) });
}

it('a second shopper sees the last tickets as all held while the first holds them, sees them come back, and sold out only once bought', async () => {
  const a = await product.shopper('a');
  const b = await product.shopper('b');
  const concertId = await smallConcert(a.page, 2);
  const concertPath = `/concerts/${concertId}`;
  await b.page.goto(concertPath);
  await b.page.getByText('Availability: Live').waitFor();
  await b.selectTickets('General Admission', 1);
  const list = await b.newPage();
  await list.goto('/');
  const card = list.locator('article', { hasText: 'Last Few' });
  await card.getByText('Only 2 left').waitFor();
  const row = tierRow(b.page, 'General Admission');
  const announcements = b.page.getByRole('status', { name: 'Availability updates' });

  await a.page.goto(concertPath);
  await a.selectTickets('General Admission', 2);
  await a.checkout();

  await row.getByText('All held', { exact: true }).waitFor({ timeout: 5000 });
  expect(await row.innerText()).toContain('2 held in checkout — tickets may come back');
  expect(await row.innerText()).toContain(
    'General Admission is all held by other shoppers — removed from your selection',
  );
  expect(await row.innerText()).not.toMatch(/sold out/i);
  expect(
    await b.page.getByRole('spinbutton', { name: 'General Admission quantity' }).inputValue(),
  ).toBe('0');
  await list.reload();
  await card.getByText('All held', { exact: true }).waitFor();
  expect(await card.innerText()).toContain('2 held in checkout — tickets may come back');
  expect(await card.innerText()).not.toMatch(/sold out/i);

  await a.page.getByRole('button', { name: 'Cancel and release tickets' }).click();

  await row.getByText('Only 2 left', { exact: true }).waitFor({ timeout: 5000 });
  expect(await row.innerText()).not.toMatch(/held|sold out/i);
  await expect
    .poll(() => announcements.innerText(), { timeout: 10_000 })
    .toContain('General Admission available again: 2 left');
  await list.reload();
  await card.getByText('Only 2 left').waitFor();

  await a.page.goto(concertPath);
  await a.page.getByText('Availability: Live').waitFor();
  await a.selectTickets('General Admission', 2);
  await a.checkout();
  await row.getByText('All held', { exact: true }).waitFor({ timeout: 5000 });
  await a.pay();
  await a.page.getByTestId('confirmation-code').waitFor();

  await row.getByText('Sold out', { exact: true }).waitFor({ timeout: 5000 });
  expect(await row.innerText()).not.toMatch(/held/i);
  await list.reload();
  await card.getByText('Sold out').waitFor();
  expect(await card.innerText()).not.toMatch(/held/i);
});
