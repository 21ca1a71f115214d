import type { Page, Response } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { setUpProduct } from './scenario.js';

const ADMIN_TOKEN = 'e2e-organizer-token-0123456789abcdef';

const product = setUpProduct({ ADMIN_TOKEN });

/** The tab's title, once it is `title`; the page names itself once its data is in. */
async function titled(page: Page, title: string): Promise<void> {
  await expect.poll(() => page.title(), { timeout: 5000 }).toBe(title);
}

/** What the route announcer last read out to screen readers. */
function announced(page: Page): Promise<string | null> {
  return page.getByTestId('route-announcer').textContent();
}

describe('page titles', () => {
  it('each page has its own title, read out on every move within the app', async () => {
    const shopper = await product.shopper('shopper');
    const { page } = shopper;

    await page.goto('/');
    await titled(page, 'Upcoming concerts — Encore Tickets');
    expect(await page.getByTestId('route-announcer').getAttribute('aria-live')).toBe('polite');
    // A page loaded by the browser is read by the browser.
    expect(await announced(page)).toBe('');

    await page.getByRole('link', { name: /Quiet Fires/ }).click();
    await titled(page, 'Quiet Fires — Encore Tickets');
    expect(await announced(page)).toBe('Quiet Fires');

    await page.getByText('Availability: Live').waitFor();
    await shopper.selectTickets('General Admission', 1);
    await shopper.checkout();
    await titled(page, 'Checkout — Quiet Fires — Encore Tickets');
    expect(await announced(page)).toBe('Checkout — Quiet Fires');

    await shopper.pay();
    const code = (await page.getByTestId('confirmation-code').innerText()).trim();
    await titled(page, `Booking ${code} — Quiet Fires — Encore Tickets`);
    expect(await announced(page)).toBe(`Booking ${code} — Quiet Fires`);

    await page.getByRole('link', { name: 'My bookings' }).first().click();
    await titled(page, 'My bookings — Encore Tickets');
    expect(await announced(page)).toBe('My bookings');

    await page.getByRole('link', { name: 'Organizers' }).click();
    await titled(page, 'Organizer sign-in — Encore Tickets');
    expect(await announced(page)).toBe('Organizer sign-in');

    await page.getByLabel('Organizer token').fill(ADMIN_TOKEN);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await titled(page, 'Concerts — Organizer — Encore Tickets');
    expect(await announced(page)).toBe('Concerts — Organizer');

    await page.getByRole('link', { name: 'Create a concert' }).click();
    await titled(page, 'Create a concert — Organizer — Encore Tickets');
    expect(await announced(page)).toBe('Create a concert — Organizer');

    await page.getByRole('link', { name: 'Organizer', exact: true }).click();
    await page.getByRole('link', { name: /Quiet Fires/ }).click();
    await titled(page, 'Sales — Quiet Fires — Organizer — Encore Tickets');
    expect(await announced(page)).toBe('Sales — Quiet Fires — Organizer');
  });

  it('a page opened from its address has its title too', async () => {
    const { page } = await product.shopper('visitor');

    await page.goto('/concerts/marisol-ayer-quiet-fires/checkout');
    await titled(page, 'Checkout — Quiet Fires — Encore Tickets');

    await page.goto('/bookings');
    await titled(page, 'My bookings — Encore Tickets');

    await page.goto('/no-such-page');
    await titled(page, 'Page not found — Encore Tickets');

    await page.goto('/concerts/no-such-concert');
    await titled(page, 'Concert not found — Encore Tickets');
  });
});

/** Text only the organizer's pages have: the sign-in page's heading, the sales chart's title. */
const ORGANIZER_CODE = ['Organizer sign-in', 'Tickets sold per minute'];

/** The scripts `page` fetched so far that hold any of the organizer's code. */
async function organizerScripts(scripts: Response[]): Promise<string[]> {
  const found: string[] = [];
  for (const script of scripts) {
    const code = await script.text();
    if (ORGANIZER_CODE.some((text) => code.includes(text))) found.push(script.url());
  }
  return found;
}

describe('code splitting', () => {
  it('the concert list loads none of the organizer’s code, which comes only with an organizer page', async () => {
    const { page } = await product.shopper('shopper');
    const scripts: Response[] = [];
    page.on('response', (response) => {
      if (response.request().resourceType() === 'script') scripts.push(response);
    });

    await page.goto('/');
    await page.getByRole('link', { name: /Quiet Fires/ }).waitFor();
    await page.waitForLoadState('networkidle');

    expect(scripts.length).toBeGreaterThan(0);
    expect(await organizerScripts(scripts)).toEqual([]);

    await page.getByRole('link', { name: 'Organizers' }).click();
    await page.getByRole('heading', { name: 'Organizer sign-in' }).waitFor();

    expect((await organizerScripts(scripts)).length).toBeGreaterThan(0);
  });
});
