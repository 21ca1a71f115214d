import { formatInTimeZone } from '@ticket-booking/shared';
import { describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../backend/src/db/sqlite/store.js';
import { setUpProduct } from './scenario.js';

const product = setUpProduct();

const NEON_HARBOR = 'neon-harbor-tidelight';
const HOUR = 3_600_000;

/** Text as a person reads it: the narrow spaces some locales put before AM as plain ones. */
function plain(text: string): string {
  return text.replace(/\s+/g, ' ');
}

describe('concert times', () => {
  it('are told at the venue, with its zone named, to a shopper in another time zone', async () => {
    const shopper = await product.shopper('los-angeles', {
      timezoneId: 'America/Los_Angeles',
      locale: 'en-US',
    });
    const { page } = shopper;
    const { concert } = (await (await page.request.get(`/api/concerts/${NEON_HARBOR}`)).json()) as {
      concert: { startsAt: string; timeZone: string };
    };
    // The demo's shows start at 19:30 at their venue: 7:30 PM in New York.
    const atVenue = plain(formatInTimeZone(concert.startsAt, concert.timeZone, 'en-US'));
    expect(concert.timeZone).toBe('America/New_York');
    expect(atVenue).toMatch(/, 7:30 PM E[SD]T$/);

    await page.goto('/');
    const card = page.locator('article', {
      has: page.getByRole('link', { name: /Tidelight Tour/ }),
    });
    expect(plain(await card.locator('time').innerText())).toBe(atVenue);

    await page.goto(`/concerts/${NEON_HARBOR}`);
    expect(plain(await page.locator('main header time').innerText())).toBe(atVenue);
    // What the browser's own clock would have said: 4:30 PM, three hours earlier.
    expect(await page.locator('main header').innerText()).not.toMatch(/4:30/);
  });

  it('a concert that has started is off the list, and its page marks it as past with no way to buy', async () => {
    const store = openSqliteStore(product.databasePath);
    try {
      await store.write((tx) =>
        tx.concerts.insert(
          {
            id: 'last-night',
            name: 'Last Night',
            artist: 'The Lanterns',
            venue: 'Pier 9',
            timeZone: 'Europe/Paris',
            startsAt: Date.now() - HOUR,
            maxTicketsPerBuyer: null,
            tiers: [
              {
                code: 'ga',
                name: 'General Admission',
                priceCents: 2_500,
                currency: 'EUR',
                total: 10,
              },
            ],
          },
          Date.now() - 24 * HOUR,
        ),
      );
    } finally {
      await store.close();
    }
    const shopper = await product.shopper('latecomer');
    const { page } = shopper;

    await page.goto('/');
    await page.getByRole('link', { name: /Tidelight Tour/ }).waitFor();
    expect(await page.getByRole('link', { name: /Last Night/ }).count()).toBe(0);

    await page.goto('/concerts/last-night');
    await page.getByText('Past concert').waitFor();
    await page.getByText('This concert has already started').waitFor();
    expect(await page.getByRole('button', { name: /Add one/ }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Checkout' }).count()).toBe(0);
    const refused = await page.request.post('/api/holds/checkout', {
      data: { concertId: 'last-night', items: [{ tier: 'ga', quantity: 1 }] },
    });
    expect(refused.status()).toBe(409);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('SALES_CLOSED');
  });
});
