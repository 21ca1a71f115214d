import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { setUpProduct } from './scenario.js';

const ADMIN_TOKEN = 'e2e-organizer-token-0123456789abcdef';

const product = setUpProduct({ ADMIN_TOKEN });

/** What the tier's bar says of it, as a screen reader reads it. */
function barOf(page: Page, tier: string) {
  return page.getByRole('img', { name: new RegExp(`^${tier}: `) }).getAttribute('aria-label');
}

describe('the organizer', () => {
  it('signs in, creates a concert, and watches a shopper hold and buy its tickets live', async () => {
    const organizer = await product.shopper('organizer');
    const { page } = organizer;
    await page.goto('/organizer');

    await page.getByLabel('Organizer token').fill('not-the-organizer-token');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('That token is not right').waitFor();
    await page.getByLabel('Organizer token').fill(ADMIN_TOKEN);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('link', { name: 'Create a concert' }).click();

    await page.getByLabel('Name', { exact: true }).fill('Harbor Lights');
    await page.getByLabel('Artist').fill('The Lanterns');
    await page.getByLabel('Venue').fill('Pier 9');
    await page.getByLabel('Starts at').fill('2031-06-01T20:00');
    await page.getByLabel('Tier 1 code').fill('ga');
    await page.getByLabel('Tier 1 name').fill('General Admission');
    await page.getByLabel('Tier 1 price').fill('25');
    await page.getByLabel('Tier 1 capacity').fill('10');
    await page.getByRole('button', { name: 'Create concert' }).click();
    await page.waitForURL(/\/organizer\/concerts\/[a-z0-9-]+$/);
    const concertId = new URL(page.url()).pathname.split('/').at(-1) ?? '';
    await page.getByText('Availability: Live').waitFor();
    expect(await barOf(page, 'General Admission')).toBe(
      'General Admission: 0 sold, 0 held, 10 available',
    );

    const shopper = await product.shopper('shopper');
    await shopper.page.goto(`/concerts/${concertId}`);
    await shopper.selectTickets('General Admission', 2);
    await shopper.checkout();

    await expect
      .poll(() => barOf(page, 'General Admission'), { timeout: 5000, interval: 50 })
      .toBe('General Admission: 0 sold, 2 held, 8 available');

    await shopper.pay();
    await shopper.page.getByTestId('confirmation-code').waitFor();

    await expect
      .poll(() => barOf(page, 'General Admission'), { timeout: 5000, interval: 50 })
      .toBe('General Admission: 2 sold, 0 held, 8 available');
    await expect
      .poll(() => page.locator('dt:text-is("Revenue") + dd').innerText(), { timeout: 5000 })
      .toBe('$50.00');

    await page.getByRole('button', { name: 'Change General Admission capacity or price' }).click();
    await page.getByLabel('General Admission capacity').fill('1');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('The capacity cannot go below 2: 2 sold and 0 held').waitFor();

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('Organizer token').waitFor();
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
  });
});
