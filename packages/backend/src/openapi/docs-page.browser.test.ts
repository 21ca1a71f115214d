import fs from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../test/test-app.js';
import { OPERATIONS } from './operations.js';

/** Debian's Chromium; browsers are never downloaded. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

describe('the API reference page in a browser', () => {
  let app: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    if (!fs.existsSync(CHROMIUM)) {
      throw new Error(
        `Chromium not found at ${CHROMIUM}: install it with "apt-get install -y chromium"`,
      );
    }
    app = await startTestApp();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
  });

  afterAll(async () => {
    await browser.close();
    await app.close();
  });

  it('renders every operation under the Content-Security-Policy, loading nothing from elsewhere', async () => {
    const page = await browser.newPage();
    const problems: string[] = [];
    const elsewhere: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('response', (response) => {
      if (response.status() >= 400) problems.push(`${response.status()} ${response.url()}`);
    });
    page.on('request', (request) => {
      if (!request.url().startsWith(app.url)) elsewhere.push(request.url());
    });

    await page.goto(`${app.url}/api/docs`);
    await page.waitForSelector('.opblock-summary');

    await expect(page.locator('.info .title').textContent()).resolves.toContain(
      'Ticket booking API',
    );
    await expect(page.locator('.opblock-summary').count()).resolves.toBe(OPERATIONS.length);
    // A lock on an operation means it needs a credential: only the organizer's and the door's.
    await expect(page.locator('.opblock .authorization__btn').count()).resolves.toBe(
      OPERATIONS.filter(({ access }) => access === 'organizer' || access === 'door').length,
    );
    expect(problems).toEqual([]);
    expect(elsewhere).toEqual([]);
    await page.close();
  });
});
