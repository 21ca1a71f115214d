import { CurrentHoldResponseSchema } from '@ticket-booking/shared';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { setUpProduct } from './scenario.js';
import { DECLINED_CARD } from './shopper.js';

const product = setUpProduct();

/** The demo concerts (see the seed): a different one per scenario, so none shares tickets. */
const NEON_HARBOR = '/concerts/neon-harbor-tidelight';
const VELVET_COMETS = '/concerts/velvet-comets-in-the-round';
const MARISOL_AYER = '/concerts/marisol-ayer-quiet-fires';
const STATIC_BLOOM = '/concerts/static-bloom-night-garden';
const LOWTIDE_BRASS = '/concerts/lowtide-brass-midnight-sessions';

/** The hold this browser has on the concert, as the API tells it (null for none). */
async function holdOf(page: Page, concertId: string) {
  const response = await page.request.get(`/api/holds/${concertId}`);
  return CurrentHoldResponseSchema.parse(await response.json()).hold;
}

async function liveConcert(path: string, name: string) {
  const shopper = await product.shopper(name);
  await shopper.page.goto(path);
  await shopper.page.getByText('Availability: Live').waitFor();
  return shopper;
}

describe('two shoppers', () => {
  it('A sees B’s checkout of 2 VIP tickets within 2 seconds, without a reload', async () => {
    const a = await liveConcert(NEON_HARBOR, 'a');
    const b = await liveConcert(NEON_HARBOR, 'b');
    const before = await a.available('VIP');

    await b.selectTickets('VIP', 2);
    await b.checkout();

    await expect.poll(() => a.available('VIP'), { timeout: 2000, interval: 50 }).toBe(before - 2);
  });

  it('B buys: a confirmation code, the booking in B’s list, and nothing in A’s', async () => {
    const a = await liveConcert(NEON_HARBOR, 'a');
    const b = await liveConcert(NEON_HARBOR, 'b');
    await b.selectTickets('Front Row', 3);
    await b.checkout();

    await b.pay();

    const code = b.page.getByTestId('confirmation-code');
    await code.waitFor();
    const confirmation = (await code.innerText()).trim();
    expect(confirmation).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    await b.page.getByRole('link', { name: 'My bookings' }).first().click();
    await expect.poll(() => b.page.getByRole('main').innerText()).toContain(confirmation);
    await a.page.goto('/bookings');
    await a.page.getByText('No bookings yet').waitFor();
    expect(await a.page.getByRole('main').innerText()).not.toContain(confirmation);
  });

  it('B cancels a booking from My bookings: shown cancelled in place, and A sees the tickets back', async () => {
    const a = await liveConcert(LOWTIDE_BRASS, 'a');
    const b = await liveConcert(LOWTIDE_BRASS, 'b');
    const before = await a.available('Front Row');
    await b.selectTickets('Front Row', 2);
    await b.checkout();
    await b.pay();
    const code = (await b.page.getByTestId('confirmation-code').innerText()).trim();
    await expect.poll(() => a.available('Front Row'), { timeout: 5000 }).toBe(before - 2);
    await b.page.getByRole('link', { name: 'My bookings' }).first().click();
    const booking = b.page.getByRole('listitem').filter({ hasText: code });

    await booking.getByRole('button', { name: 'Cancel booking' }).click();
    const dialog = b.page.getByRole('alertdialog', { name: `Cancel booking ${code}?` });
    await dialog.getByRole('button', { name: 'Yes, cancel booking' }).click();

    await booking.getByText('Cancelled', { exact: true }).waitFor();
    expect(await dialog.count()).toBe(0);
    await expect.poll(() => a.available('Front Row'), { timeout: 5000 }).toBe(before);

    // Both emails are sent, in the developers' outbox of a server with no mail server.
    await b.page.goto('/dev/mail');
    const messages = b.page.getByRole('list', { name: /Messages/ });
    for (const subject of [`Your tickets for`, `Booking cancelled:`]) {
      await messages
        .getByRole('button', { name: new RegExp(`${subject}.*${code}.*Sent`) })
        .waitFor({ timeout: 10_000 });
    }
    await messages.getByRole('button', { name: new RegExp(`Your tickets for.*${code}`) }).click();
    await b.page.getByRole('button', { name: 'Plain text' }).click();
    expect(await b.page.getByRole('main').innerText()).toContain(`Confirmation code  ${code}`);
  });

  it('B goes idle in checkout: asked "Still there?", then released; A sees the tickets back', async () => {
    const a = await liveConcert(VELVET_COMETS, 'a');
    const b = await liveConcert(VELVET_COMETS, 'b');
    const before = await a.available('VIP');
    await b.selectTickets('VIP', 3);
    await b.checkout();
    await expect.poll(() => a.available('VIP'), { timeout: 5000 }).toBe(before - 3);

    await b.page.getByRole('dialog', { name: 'Still there?' }).waitFor({ timeout: 15_000 });
    await b.page.getByText('Your tickets were released').waitFor({ timeout: 15_000 });

    await expect.poll(() => a.available('VIP'), { timeout: 10_000 }).toBe(before);
    await b.page
      .getByRole('link', { name: /choose|select|back/i })
      .first()
      .waitFor();
  });

  it('B closes the checkout tab: A sees the tickets come back', async () => {
    const a = await liveConcert(VELVET_COMETS, 'a');
    const b = await liveConcert(VELVET_COMETS, 'b');
    const before = await a.available('Front Row');
    await b.selectTickets('Front Row', 2);
    await b.checkout();
    await expect.poll(() => a.available('Front Row'), { timeout: 5000 }).toBe(before - 2);

    await b.page.close({ runBeforeUnload: true });

    await expect.poll(() => a.available('Front Row'), { timeout: 15_000 }).toBe(before);
  });

  it('a tier’s last tickets are all held while A has it selected: the page says so and checkout cannot go on with it', async () => {
    const a = await liveConcert(STATIC_BLOOM, 'a');
    const left = await a.available('VIP');
    expect(left).toBeGreaterThan(0);
    await a.selectTickets('VIP', left);
    const checkoutButton = a.page.getByRole('button', { name: 'Checkout' });
    expect(await checkoutButton.isEnabled()).toBe(true);

    const b = await liveConcert(STATIC_BLOOM, 'b');
    await b.selectTickets('VIP', left);
    await b.checkout();

    await a.page
      .getByText(/VIP is all held by other shoppers/)
      .first()
      .waitFor({ timeout: 5000 });
    expect(await a.available('VIP')).toBe(0);
    expect(await checkoutButton.isDisabled()).toBe(true);
  });

  it('a declined card keeps the hold and says so; a good card then buys it', async () => {
    const b = await liveConcert(MARISOL_AYER, 'b');
    await b.selectTickets('General Admission', 2);
    await b.checkout();

    await b.pay(DECLINED_CARD);

    await b.page.getByText(/Your card was declined/).waitFor();
    await b.page.getByRole('timer').waitFor();
    expect(await holdOf(b.page, 'marisol-ayer-quiet-fires')).not.toBeNull();

    await b.pay();
    await b.page.getByTestId('confirmation-code').waitFor();
  });

  it('a reload on the checkout page resumes the same hold and countdown', async () => {
    const b = await liveConcert(LOWTIDE_BRASS, 'b');
    await b.selectTickets('VIP', 1);
    await b.checkout();
    const before = await holdOf(b.page, 'lowtide-brass-midnight-sessions');

    await b.page.reload();

    const timer = b.page.getByRole('timer');
    await timer.waitFor();
    const after = await holdOf(b.page, 'lowtide-brass-midnight-sessions');
    expect(before).not.toBeNull();
    expect(after).toMatchObject({
      createdAt: before?.createdAt,
      hardCapAt: before?.hardCapAt,
      items: before?.items,
    });
    const [minutes, seconds] = /(\d+):(\d\d)/.exec(await timer.innerText())?.slice(1) ?? [];
    const remaining = Number(minutes) * 60 + Number(seconds);
    expect(remaining).toBeGreaterThan(0);
    expect(remaining).toBeLessThanOrEqual(20);
  });
});

describe('normal use', () => {
  it('from the list to the confirmation, logs no console error and no failed request', async () => {
    const b = await product.shopper('b');
    await b.page.goto('/');
    await b.page
      .getByRole('link', { name: /Quiet Fires/ })
      .first()
      .click();
    await b.page.getByText('Availability: Live').waitFor();
    await b.selectTickets('Front Row', 1);
    await b.checkout();
    await b.pay();
    await b.page.getByTestId('confirmation-code').waitFor();
    await b.page.getByRole('link', { name: 'My bookings' }).first().click();
    await b.page.getByRole('button', { name: 'Cancel booking' }).waitFor();
    // Whatever the browser asks for by itself, such as the icon, has been asked for by now; a
    // reload with requests still under way would abort them itself.
    await b.page.waitForLoadState('networkidle');
    // On a loaded machine the page may still ask for something as the reload starts; the
    // browser then aborts it, which is the reload's doing, not a failure.
    const beforeReload = b.failedRequests.length;
    await b.page.reload();
    const abortedByReload = b.failedRequests
      .slice(beforeReload)
      .filter((line) => line.endsWith(': net::ERR_ABORTED'));
    await b.page.getByRole('button', { name: 'Cancel booking' }).waitFor();
    await b.page.waitForLoadState('networkidle');

    const iconPath = await b.page.locator('link[rel="icon"]').getAttribute('href');
    const icon = await b.page.request.get(iconPath ?? '/favicon.ico');
    const noSuchFile = await b.page.request.get('/favicon.ico');

    expect(icon.status()).toBe(200);
    expect(icon.headers()['content-type']).toMatch(/^image\//);
    expect(noSuchFile.status()).toBe(404);
    expect(b.console.filter((line) => /^\[(error|pageerror)\]/.test(line))).toEqual([]);
    // Leaving a concert's page closes its availability stream, which the browser tells as an
    // aborted request: that is how a stream ends, not a failure.
    const closedStream = '/availability/stream: net::ERR_ABORTED';
    expect(
      b.failedRequests.filter(
        (line) => !line.endsWith(closedStream) && !abortedByReload.includes(line),
      ),
    ).toEqual([]);
  });
});

describe('the payment form', () => {
  it('lays the card expiry out as it is typed, deleted and pasted, and buys with it', async () => {
    const b = await liveConcert(MARISOL_AYER, 'b');
    await b.selectTickets('General Admission', 1);
    await b.checkout();
    const expiry = b.page.getByLabel('Expiry (MM/YY)');

    await expiry.pressSequentially('1230');
    const typed = await expiry.inputValue();
    await expiry.press('Backspace');
    await expiry.press('Backspace');
    const deleted = await expiry.inputValue();
    await expiry.pressSequentially('31');
    const retyped = await expiry.inputValue();
    await b.context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await b.page.evaluate(() => navigator.clipboard.writeText('12/2030'));
    await expiry.selectText();
    await expiry.press('ControlOrMeta+V');
    const pasted = await expiry.inputValue();

    expect([typed, deleted, retyped, pasted]).toEqual(['12/30', '12', '12/31', '12/30']);
    await b.page.getByLabel('Full name').fill('Ada Lindqvist');
    await b.page.getByLabel('Email').fill('ada@example.com');
    await b.page.getByLabel('Card number').fill('4242 4242 4242 4242');
    await b.page.getByLabel('Security code (CVC)').fill('123');
    await b.page.getByRole('button', { name: /^Pay / }).click();
    await b.page.getByTestId('confirmation-code').waitFor();
  });
});

describe('the checkout countdown', () => {
  it('for an idle shopper, agrees with "Still there?" and reaches zero as the tickets are released', async () => {
    const b = await liveConcert(VELVET_COMETS, 'b');
    await b.selectTickets('General Admission', 1);
    await b.checkout();
    // Every reading of the countdown, with the dialog's own time read at the same moment.
    await b.page.evaluate(() => {
      const readings: { timer: string | null; dialog: string | null }[] = [];
      const read = () => {
        const timer = document.querySelector('[role="timer"]')?.textContent ?? null;
        const dialog = document.querySelector('[role="dialog"]')?.textContent ?? null;
        readings.push({ timer, dialog: /released in (\d+:\d\d)/.exec(dialog ?? '')?.[1] ?? null });
      };
      read();
      new MutationObserver(read).observe(document.body, {
        subtree: true,
        childList: true,
        characterData: true,
      });
      Object.assign(window, { countdownReadings: readings });
    });
    const timer = b.page.getByRole('timer');
    expect(await timer.getAttribute('data-limit')).toBe('inactivity');

    await b.page.getByRole('dialog', { name: 'Still there?' }).waitFor({ timeout: 15_000 });
    await timer.filter({ hasText: '0:02' }).waitFor({ timeout: 15_000 });
    const stillHeld = await holdOf(b.page, 'velvet-comets-in-the-round');
    await b.page.getByText('Your tickets were released').waitFor({ timeout: 15_000 });

    const readings = await b.page.evaluate(
      () =>
        (
          window as unknown as {
            countdownReadings: { timer: string | null; dialog: string | null }[];
          }
        ).countdownReadings,
    );
    const shown = readings.flatMap(({ timer: text }) => (text ? [text] : []));
    const seconds = shown.map((text) => {
      const [minutes = '0', secs = '0'] = text.split(':');
      return Number(minutes) * 60 + Number(secs);
    });
    // From the 8-second inactivity release down to its last second, never the 20-second hold.
    expect(seconds[0]).toBeLessThanOrEqual(8);
    expect(seconds.at(-1)).toBe(1);
    expect(seconds).toEqual([...seconds].sort((x, y) => y - x));
    const asked = readings.filter((reading) => reading.dialog !== null);
    expect(asked.length).toBeGreaterThan(0);
    for (const reading of asked) expect(reading.dialog).toBe(reading.timer);
    expect(stillHeld).not.toBeNull();
    expect(await holdOf(b.page, 'velvet-comets-in-the-round')).toBeNull();
  });
  it('on a phone, stays in sight from the card fields down to the Pay button', async () => {
    const browser = (await product.shopper('b')).context.browser();
    const phone = await browser?.newContext({
      baseURL: product.url,
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    if (!phone) throw new Error('no browser');
    try {
      const page = await phone.newPage();
      await page.goto(NEON_HARBOR);
      await page.getByText('Availability: Live').waitFor();
      await page.getByRole('button', { name: 'Add one General Admission ticket' }).click();
      await page.getByRole('button', { name: 'Checkout' }).click();
      await page.getByRole('timer').waitFor();

      /** Whether each element is wholly on screen, and the times they show, read at once. */
      const onScreen = () =>
        page.evaluate(() => {
          const seen = (element: Element | null) => {
            const box = element?.getBoundingClientRect();
            return box !== undefined && box.top >= 0 && box.bottom <= window.innerHeight;
          };
          const timer = document.querySelector('[role="timer"]');
          const bar = document.querySelector('[data-testid="compact-countdown"]');
          const pay = [...document.querySelectorAll('button')].find((button) =>
            button.textContent.startsWith('Pay '),
          );
          return {
            timer: seen(timer),
            bar: seen(bar),
            pay: seen(pay ?? null),
            sameTime: (bar?.textContent ?? '').includes(timer?.textContent ?? '-'),
          };
        });

      await page.getByLabel('Card number').scrollIntoViewIfNeeded();
      const atCard = await onScreen();
      await page.getByRole('button', { name: /^Pay / }).scrollIntoViewIfNeeded();
      const atPay = await onScreen();

      expect(atCard).toEqual({ timer: false, bar: true, pay: expect.any(Boolean), sameTime: true });
      expect(atPay).toMatchObject({ bar: true, pay: true, sameTime: true });
    } finally {
      await phone.close();
    }
  });
});
