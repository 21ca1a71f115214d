import fs from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { it } from 'vitest';
import { repoRoot } from './harness.js';
import { setUpProduct } from './scenario.js';

/** The README's screenshots, taken from the real app on every end-to-end run. */
const OUT = path.join(repoRoot, 'docs/screenshots');
const CONCERT = '/concerts/neon-harbor-tidelight';

/** The product's own hold timings, so the checkout shows what a shopper would see. */
const DOOR_TOKEN = 'screenshots-door-token-0123456789abcdef';
const product = setUpProduct({
  DOOR_TOKEN,
  HOLD_DURATION_MS: '600000',
  HOLD_INACTIVITY_TIMEOUT_MS: '180000',
  HEARTBEAT_INTERVAL_MS: '30000',
  HOLD_HIDDEN_GRACE_MS: '60000',
  HOLD_LEAVE_GRACE_MS: '10000',
  HOLD_HARD_CAP_MS: '900000',
});

/** A phone's browser beside the shopper's: a touch screen of 390 × 844. */
async function phoneOf(context: BrowserContext): Promise<BrowserContext> {
  const browser = context.browser();
  if (!browser) throw new Error('no browser');
  return browser.newContext({
    baseURL: product.url,
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
  });
}

async function shoot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(OUT, { recursive: true });
  await page.screenshot({ path: path.join(OUT, `${name}.png`), fullPage: true });
}

it('the main pages, for the README', async () => {
  const shopper = await product.shopper('screenshots');
  const { page } = shopper;

  await page.goto('/');
  await page
    .getByRole('link', { name: /Neon Harbor/ })
    .first()
    .waitFor();
  await shoot(page, 'concerts');

  await page.goto(CONCERT);
  await page.getByText('Availability: Live').waitFor();
  await shopper.selectTickets('VIP', 2);
  await shopper.selectTickets('General Admission', 1);
  await shoot(page, 'concert');

  await shopper.checkout();
  await page.getByLabel('Full name').fill('Ada Lindqvist');
  await page.getByLabel('Email').fill('ada@example.com');
  await page.getByLabel('Card number').fill('4242 4242 4242 4242');
  await shoot(page, 'checkout');

  await shopper.pay();
  await page.getByTestId('confirmation-code').waitFor();
  await shoot(page, 'confirmation');
  const ticketLink = async (n: number) =>
    (await page
      .getByRole('link', { name: new RegExp(`^Ticket ${n}\\b`) })
      .first()
      .getAttribute('href')) ?? '';
  const ticket = await ticketLink(1);
  const admitted = await ticketLink(2);

  // The confirmation email, as the developers' outbox shows it.
  await page.goto('/dev/mail');
  await page
    .getByRole('list', { name: /Messages/ })
    .getByRole('button', { name: /Your tickets for.*Sent/ })
    .click({ timeout: 10_000 });
  await page
    .frameLocator('iframe')
    .getByRole('img', { name: /QR code of Ticket 1/ })
    .waitFor();
  await shoot(page, 'email');

  // The door letting another of its tickets in, typed as a scanner gun types it.
  await page.goto('/door');
  await page.getByLabel('Door token').fill(DOOR_TOKEN);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByLabel('Door').fill('Door 2');
  await page.getByLabel('Ticket code').fill(admitted.split('/').at(-1) ?? '');
  await page.getByRole('button', { name: 'Check in' }).click();
  await page.getByTestId('check-in-result').getByText('Valid — let in').waitFor();
  await shoot(page, 'door');

  const phone = await phoneOf(shopper.context);
  const mobile = await phone.newPage();
  await mobile.goto(CONCERT);
  await mobile.getByText('Availability: Live').waitFor();
  await mobile.getByRole('button', { name: 'Add one Front Row ticket' }).click();
  await shoot(mobile, 'concert-phone');
  await mobile.goto(ticket);
  await mobile.getByRole('img', { name: /QR code/ }).waitFor();
  await shoot(mobile, 'ticket-phone');
  await phone.close();
});

it('the seat map, for the README', async () => {
  const shopper = await product.shopper('seats');
  const { page } = shopper;
  const hall = '/concerts/paper-lanterns-long-night';

  await page.goto(hall);
  await page.getByText('Availability: Live').waitFor();
  // Two seats side by side that the box office has not sold.
  const free = await page
    .getByRole('checkbox', { name: /^Section Stalls Centre, Row H, Seat \d+, .*available$/ })
    .evaluateAll((seats) => seats.map((seat) => seat.getAttribute('aria-label') ?? ''));
  const numbers = free.map((name) => Number(/Seat (\d+)/.exec(name)?.[1]));
  const first = numbers.find((n) => numbers.includes(n + 1)) ?? numbers[0] ?? 1;
  for (const n of [first, first + 1]) {
    await page
      .getByRole('checkbox', { name: new RegExp(`^Section Stalls Centre, Row H, Seat ${n},`) })
      .click();
  }
  await shoot(page, 'seat-map');

  const phone = await phoneOf(shopper.context);
  const mobile = await phone.newPage();
  await mobile.goto(hall);
  await mobile.getByText('Availability: Live').waitFor();
  await mobile.getByRole('button', { name: 'Zoom in' }).click();
  await mobile.getByRole('button', { name: 'Zoom in' }).click();
  await mobile.screenshot({ path: path.join(OUT, 'seat-map-phone.png') });
  await phone.close();
});
