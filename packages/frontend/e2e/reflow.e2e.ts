import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { setUpProduct } from './scenario.js';

const ADMIN_TOKEN = 'e2e-organizer-token-0123456789abcdef';

const product = setUpProduct({ ADMIN_TOKEN });

/**
 * What breaks reflow at the current width (WCAG 1.4.10): sideways scrolling, anything reaching
 * past the viewport's edges, and anything cutting its own content off sideways. Visually hidden
 * text (1 px) is left out: it is there for screen readers only.
 */
function reflowProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const root = document.documentElement;
    const width = root.clientWidth;
    const problems: string[] = [];
    if (root.scrollWidth > width)
      problems.push(`the page scrolls sideways: ${root.scrollWidth} px`);
    // A 1 px box that clips (Tailwind's sr-only) hides everything inside it, however wide.
    const visuallyHidden = (element: HTMLElement) => {
      const box = element.getBoundingClientRect();
      return box.width <= 1 && box.height <= 1;
    };
    for (const element of document.body.querySelectorAll<HTMLElement>('*')) {
      let hidden = false;
      for (let at: HTMLElement | null = element; at && !hidden; at = at.parentElement) {
        hidden = visuallyHidden(at) && getComputedStyle(at).overflow !== 'visible';
      }
      const box = element.getBoundingClientRect();
      if (hidden || (box.width <= 1 && box.height <= 1)) continue;
      const name = `<${element.tagName.toLowerCase()}> "${element.textContent.trim().slice(0, 40)}"`;
      if (box.left < -0.5 || box.right > width + 0.5) {
        problems.push(`${name} spans ${Math.round(box.left)}–${Math.round(box.right)} px`);
      }
      const clips = getComputedStyle(element).overflowX !== 'visible';
      if (clips && element.scrollWidth > element.clientWidth + 1) {
        problems.push(`${name} cuts off ${element.scrollWidth - element.clientWidth} px`);
      }
    }
    return problems;
  });
}

it('every page fits a 320 px wide screen, without sideways scrolling or anything cut off', async () => {
  const shopper = await product.shopper('phone');
  const { page } = shopper;
  await page.setViewportSize({ width: 320, height: 640 });
  const widths: Record<string, string[]> = {};
  async function check(name: string) {
    widths[name] = await reflowProblems(page);
  }

  await page.goto('/');
  await page.getByRole('link', { name: /Quiet Fires/ }).waitFor();
  await check('concert list');

  await page.goto('/concerts/static-bloom-night-garden');
  await page.getByText('Availability: Live').waitFor();
  await shopper.selectTickets('General Admission', 2);
  await check('concert');

  await shopper.checkout();
  await check('checkout');

  await shopper.pay();
  await page.getByTestId('confirmation-code').waitFor();
  await check('confirmation');

  await page.getByRole('link', { name: 'My bookings' }).first().click();
  await page.getByRole('button', { name: 'Cancel booking' }).waitFor();
  await check('my bookings');

  await page.goto('/no-such-page');
  await page.getByRole('heading', { name: 'This page does not exist' }).waitFor();
  await check('not found');

  await page.goto('/organizer');
  await page.getByLabel('Organizer token').waitFor();
  await check('organizer sign-in');

  await page.getByLabel('Organizer token').fill(ADMIN_TOKEN);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('link', { name: /Quiet Fires/ }).waitFor();
  await check('organizer concerts');

  await page.getByRole('link', { name: 'Create a concert' }).click();
  await page.getByRole('button', { name: 'Create concert' }).waitFor();
  await check('new concert');

  await page.goto('/organizer/concerts/static-bloom-night-garden');
  await page.getByText('Availability: Live').waitFor();
  await check('sales');

  expect(widths).toEqual({
    'concert list': [],
    concert: [],
    checkout: [],
    confirmation: [],
    'my bookings': [],
    'not found': [],
    'organizer sign-in': [],
    'organizer concerts': [],
    'new concert': [],
    sales: [],
  });
});
