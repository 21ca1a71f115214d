import { toLocalDateTime } from '@ticket-booking/shared';
import type { Page } from 'playwright-core';
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { axeViolations } from './axe.js';
import { setUpProduct } from './scenario.js';

const ADMIN_TOKEN = 'e2e-organizer-token-0123456789abcdef';

const DOOR_TOKEN = 'e2e-door-token-0123456789abcdefghij';
const product = setUpProduct({ ADMIN_TOKEN, DOOR_TOKEN });

/** What the tier's bar says of it, as a screen reader reads it. */
function barOf(page: Page, tier: string) {
  return page.getByRole('img', { name: new RegExp(`^${tier}: `) }).getAttribute('aria-label');
}

/** A day some two months ahead, at 20:00 on the venue's clocks, as a `datetime-local` value. */
function eveningAtVenue(timeZone: string): string {
  return `${toLocalDateTime(Date.now() + 60 * 24 * 3_600_000, timeZone).slice(0, 10)}T20:00`;
}

describe('the organizer', () => {
  it('signs in, creates a concert, and watches a shopper hold and buy its tickets live', async () => {
    // The organizer's browser is in Los Angeles; the venue is in Paris.
    const organizer = await product.shopper('organizer', { timezoneId: 'America/Los_Angeles' });
    const { page } = organizer;
    await page.goto('/organizer');

    await page.getByLabel('Organizer token').fill('not-the-organizer-token');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('That token is not right').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel('Organizer token').fill(ADMIN_TOKEN);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('link', { name: 'Create a concert' }).click();

    await page.getByLabel('Name', { exact: true }).fill('Harbor Lights');
    await page.getByLabel('Artist').fill('The Lanterns');
    await page.getByLabel('Venue', { exact: true }).fill('Pier 9');
    await page.getByLabel('Tier 1 code').fill('VIP Pit');
    await page.getByLabel('Tier 1 price').fill('1,000');
    await page.getByRole('button', { name: 'Create concert' }).click();
    await page.getByText('Use lowercase letters, digits and hyphens').waitFor();
    await page.getByText('Enter the date and time the concert starts').waitFor();
    // "1,000" is a price as people write it: nothing to say about it.
    expect(await page.getByLabel('Tier 1 price').getAttribute('aria-invalid')).toBeNull();
    expect(await axeViolations(page)).toEqual([]);

    await page.getByLabel('Venue time zone').selectOption('Europe/Paris');
    const startsAt = page.getByLabel('Starts at (Europe/Paris time)');
    const evening = eveningAtVenue('Europe/Paris');
    await startsAt.fill(evening);
    await page.getByLabel('Tier 1 code').fill('ga');
    await page.getByLabel('Tier 1 name').fill('General Admission');
    await page.getByLabel('Tier 1 price').fill('25');
    await page.getByLabel('Tier 1 capacity').fill('10');
    await page.getByRole('button', { name: 'Create concert' }).click();
    await page.waitForURL(/\/organizer\/concerts\/[a-z0-9-]+$/);
    const concertId = new URL(page.url()).pathname.split('/').at(-1) ?? '';
    await page.getByText('Availability: Live').waitFor();
    expect(await page.getByText('0 live holds').count()).toBe(1);

    const created = (await (await page.request.get(`/api/concerts/${concertId}`)).json()) as {
      concert: { startsAt: string; timeZone: string };
    };
    expect(created.concert.timeZone).toBe('Europe/Paris');
    // 20:00 in Paris, whatever the organizer's own browser's zone.
    expect(toLocalDateTime(Date.parse(created.concert.startsAt), 'Europe/Paris')).toBe(evening);
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
    await page.getByText(/ 1 live hold$/).waitFor();

    await shopper.pay();
    await shopper.page.getByTestId('confirmation-code').waitFor();

    await expect
      .poll(() => barOf(page, 'General Admission'), { timeout: 5000, interval: 50 })
      .toBe('General Admission: 2 sold, 0 held, 8 available');
    await expect
      .poll(() => page.locator('dt:text-is("Revenue") + dd').innerText(), { timeout: 5000 })
      .toBe('$50.00');

    // The chart's time axis is told at the venue, with the year.
    const year = toLocalDateTime(Date.now(), 'Europe/Paris').slice(0, 4);
    await page.getByText(/^Time at the venue \(CES?T\)$/).waitFor();
    expect(await page.getByTestId('sales-chart').textContent()).toContain(year);
    expect(await axeViolations(page)).toEqual([]);

    await page
      .getByRole('button', { name: 'Change capacity or price of General Admission' })
      .click();
    await page.getByLabel('General Admission capacity').fill('1');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('The capacity cannot go below 2: 2 sold and 0 held').waitFor();
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('Organizer token').waitFor();
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
  });

  it('lets a bought ticket in at the door staff’s page from a photo of its QR code, once', async () => {
    const shopper = await product.shopper('shopper');
    await shopper.page.goto('/concerts/neon-harbor-tidelight');
    await shopper.page.getByText('Availability: Live').waitFor();
    await shopper.selectTickets('VIP', 1);
    await shopper.checkout();
    await shopper.pay();
    await shopper.page
      .getByRole('link', { name: /^Ticket 1\b/ })
      .first()
      .click();
    await shopper.page.waitForURL(/\/tickets\/[A-Za-z0-9_-]{46}$/);
    const code = new URL(shopper.page.url()).pathname.split('/').at(-1) ?? '';
    await shopper.page.getByRole('img', { name: /QR code/i }).waitFor();
    expect(await axeViolations(shopper.page)).toEqual([]);

    const door = await product.shopper('door');
    // Door staff, with the door's token: it opens the door page and nothing of the organizer's.
    await door.page.goto('/door');
    await door.page.getByLabel('Door token').fill(DOOR_TOKEN);
    await door.page.getByRole('button', { name: 'Sign in' }).click();
    await door.page.getByLabel('Door').fill('Door 2');
    const photo = {
      name: 'ticket.png',
      mimeType: 'image/png',
      buffer: await QRCode.toBuffer(code),
    };
    const scanPhoto = () => door.page.locator('input[type="file"]').setInputFiles(photo);

    await scanPhoto();
    const result = door.page.getByTestId('check-in-result');
    await result.getByText('Valid — let in').waitFor();
    expect(await axeViolations(door.page)).toEqual([]);
    await door.page.locator('input[type="file"]').setInputFiles([]);
    await scanPhoto();
    await result.getByText(/Already checked in.*Door 2/).waitFor();

    await shopper.page.reload();
    await shopper.page
      .getByText(/Checked in/)
      .first()
      .waitFor();
  });

  it('keeps letting tickets in at the door with no network, and records them once it is back', async () => {
    // A concert tonight, so that the door holds its key.
    const created = await fetch(`${product.url}/api/concerts`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'Tonight at the Door',
        artist: 'The Offline Trio',
        venue: 'Basement Hall',
        timeZone: 'UTC',
        startsAt: new Date(Date.now() + 3 * 3_600_000).toISOString(),
        tiers: [
          {
            code: 'ga',
            name: 'General admission',
            priceCents: 2_000,
            currency: 'USD',
            capacity: 20,
          },
        ],
      }),
    });
    expect(created.status).toBe(201);
    const { concert } = (await created.json()) as { concert: { id: string } };
    const shopper = await product.shopper('tonight');
    await shopper.page.goto(`/concerts/${concert.id}`);
    await shopper.page.getByText('Availability: Live').waitFor();
    await shopper.selectTickets('General admission', 1);
    await shopper.checkout();
    await shopper.pay();
    await shopper.page.getByTestId('confirmation-code').waitFor();
    const bookings = (await (await shopper.page.request.get('/api/bookings')).json()) as {
      bookings: { tickets: { code: string }[] }[];
    };
    const code = bookings.bookings[0]?.tickets[0]?.code ?? '';

    const door = await product.shopper('door-offline');
    await door.page.goto('/door');
    await door.page.getByLabel('Door token').fill(DOOR_TOKEN);
    await door.page.getByRole('button', { name: 'Sign in' }).click();
    await door.page.getByLabel('Door').fill('Door 3');
    await door.page.getByText(/can still check tickets for .*Tonight at the Door/).waitFor();

    await door.context.setOffline(true);
    const scan = async () => {
      await door.page.getByLabel('Ticket code').fill(code);
      await door.page.getByRole('button', { name: 'Check in' }).click();
    };
    await scan();
    const result = door.page.getByTestId('check-in-result');
    await result.getByText('Valid — let in (offline)').waitFor();
    await scan();
    await result.getByText('Already scanned at this door').waitFor();
    expect(await door.page.getByText(/Offline — checking tickets on this device/).count()).toBe(1);

    await door.context.setOffline(false);
    await expect
      .poll(
        async () =>
          (
            (await (await shopper.page.request.get(`/api/tickets/${code}`)).json()) as {
              ticket: { status: string; door: string | null };
            }
          ).ticket,
        { timeout: 15_000 },
      )
      .toMatchObject({ status: 'CHECKED_IN', door: 'Door 3' });
  });
});
