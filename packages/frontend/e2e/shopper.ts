import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { repoRoot } from './harness.js';

/** Where a failing scenario leaves its screenshots and console logs (git-ignored). */
export const ARTIFACTS = path.join(repoRoot, 'e2e-artifacts');

export const GOOD_CARD = { number: '4242 4242 4242 4242', expiry: '12/30', cvc: '123' };
export const DECLINED_CARD = { number: '4000 0000 0000 0002', expiry: '12/30', cvc: '123' };

/** One shopper: a browser context of their own (own cookies, own session) and its pages. */
export interface Shopper {
  name: string;
  context: BrowserContext;
  page: Page;
  console: string[];
  /** Requests of its pages that failed or were answered 4xx or 5xx, as `METHOD url: why`. */
  failedRequests: string[];
  /** What the Content-Security-Policy refused on any of its pages: it must refuse nothing. */
  cspViolations: string[];
  newPage(): Promise<Page>;
  /** What is left of a tier on the concert page, as the page shows it. */
  available(tier: string, page?: Page): Promise<number>;
  selectTickets(tier: string, quantity: number): Promise<void>;
  checkout(): Promise<void>;
  pay(card?: typeof GOOD_CARD): Promise<void>;
}

/** Where and how a shopper's browser is: its time zone (`timezoneId`), its locale. */
export type ShopperOptions = Pick<BrowserContextOptions, 'timezoneId' | 'locale'>;

export async function openShopper(
  browser: Browser,
  baseUrl: string,
  name: string,
  options: ShopperOptions = {},
): Promise<Shopper> {
  const context = await browser.newContext({
    baseURL: baseUrl,
    viewport: { width: 1280, height: 900 },
    ...options,
  });
  const console: string[] = [];
  const failedRequests: string[] = [];
  const cspViolations: string[] = [];
  // Refusals are events in the page, not always console messages: each is reported back here.
  await context.exposeBinding('reportCspViolation', (_source, violation: string) => {
    cspViolations.push(violation);
  });
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const page = window as unknown as { reportCspViolation: (v: string) => Promise<void> };
      void page.reportCspViolation(`${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  const watch = (page: Page) => {
    page.on('console', (message) => console.push(`[${message.type()}] ${message.text()}`));
    page.on('pageerror', (error) => console.push(`[pageerror] ${error.message}`));
    page.on('requestfailed', (request) => {
      failedRequests.push(`${request.method()} ${request.url()}: ${request.failure()?.errorText}`);
    });
    page.on('response', (response) => {
      if (response.status() >= 400) {
        failedRequests.push(
          `${response.request().method()} ${response.url()}: ${String(response.status())}`,
        );
      }
    });
    return page;
  };
  const page = watch(await context.newPage());

  function tierRow(tier: string, on: Page) {
    return on.locator('li', { has: on.getByRole('heading', { name: tier, exact: true }) });
  }

  return {
    name,
    context,
    page,
    console,
    failedRequests,
    cspViolations,
    newPage: async () => watch(await context.newPage()),
    async available(tier, on = page) {
      const text = await tierRow(tier, on).innerText();
      if (/sold out|all held/i.test(text)) return 0;
      const match = /([\d,]+) left/.exec(text);
      if (!match?.[1]) throw new Error(`no availability shown for ${tier}: ${text}`);
      return Number(match[1].replace(/,/g, ''));
    },
    async selectTickets(tier, quantity) {
      for (let i = 0; i < quantity; i += 1) {
        await page.getByRole('button', { name: `Add one ${tier} ticket` }).click();
      }
    },
    async checkout() {
      await page.getByRole('button', { name: 'Checkout' }).click();
      await page.getByRole('timer').waitFor();
    },
    async pay(card = GOOD_CARD) {
      await page.getByLabel('Full name').fill('Ada Lindqvist');
      await page.getByLabel('Email').fill('ada@example.com');
      await page.getByLabel('Card number').fill(card.number);
      await page.getByLabel('Expiry (MM/YY)').fill(card.expiry);
      await page.getByLabel('Security code (CVC)').fill(card.cvc);
      await page.getByRole('button', { name: /^Pay / }).click();
    },
  };
}

/** Saves every page's screenshot and the console log of each shopper, for a failed scenario. */
export async function saveArtifacts(testName: string, shoppers: Shopper[]): Promise<string> {
  const dir = path.join(ARTIFACTS, testName.replace(/[^a-z0-9]+/gi, '-').toLowerCase());
  fs.mkdirSync(dir, { recursive: true });
  for (const shopper of shoppers) {
    const pages = shopper.context.pages();
    for (const [index, page] of pages.entries()) {
      await page
        .screenshot({ path: path.join(dir, `${shopper.name}-${index}.png`), fullPage: true })
        .catch(() => undefined);
    }
    fs.writeFileSync(path.join(dir, `${shopper.name}-console.log`), shopper.console.join('\n'));
  }
  return dir;
}
