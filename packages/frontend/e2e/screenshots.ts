/**
 * Takes the README's screenshots from the real product: builds nothing itself (run
 * `npm run build` first), starts the built server on a fresh demo database and drives Debian's
 * Chromium through the main pages. Output: docs/screenshots/*.png.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { launchBrowser, repoRoot, startProductServer } from './harness.js';

const OUT = path.join(repoRoot, 'docs/screenshots');
const CONCERT = 'neon-harbor-tidelight';

async function shoot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(OUT, `${name}.png`), fullPage: true });
  console.info(`wrote docs/screenshots/${name}.png`);
}

async function main(): Promise<void> {
  fs.mkdirSync(OUT, { recursive: true });
  const server = await startProductServer();
  const browser = await launchBrowser();
  try {
    const desktop = await browser.newContext({ viewport: { width: 1280, height: 860 } });
    const page = await desktop.newPage();

    await page.goto(server.url);
    await page
      .getByRole('link', { name: /Neon Harbor/ })
      .first()
      .waitFor();
    await shoot(page, 'concerts');

    await page.goto(`${server.url}/concerts/${CONCERT}`);
    await page.getByText('Availability: Live').waitFor();
    await page.getByRole('button', { name: 'Add one VIP ticket' }).click();
    await page.getByRole('button', { name: 'Add one VIP ticket' }).click();
    await page.getByRole('button', { name: 'Add one General Admission ticket' }).click();
    await shoot(page, 'concert');

    await page.getByRole('button', { name: 'Checkout' }).click();
    await page.getByRole('timer').waitFor();
    await page.getByLabel('Full name').fill('Ada Lindqvist');
    await page.getByLabel('Email').fill('ada@example.com');
    await page.getByLabel('Card number').fill('4242 4242 4242 4242');
    await shoot(page, 'checkout');

    await page.getByLabel('Expiry (MM/YY)').fill('12/30');
    await page.getByLabel('Security code (CVC)').fill('123');
    await page.getByRole('button', { name: /^Pay / }).click();
    await page.getByTestId('confirmation-code').waitFor();
    await shoot(page, 'confirmation');

    const phone = await browser.newContext({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
    });
    const mobile = await phone.newPage();
    await mobile.goto(`${server.url}/concerts/${CONCERT}`);
    await mobile.getByText('Availability: Live').waitFor();
    await mobile.getByRole('button', { name: 'Add one Front Row ticket' }).click();
    await shoot(mobile, 'concert-phone');
  } finally {
    await browser.close();
    await server.stop();
  }
}

await main();
