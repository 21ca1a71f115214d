import { describe, expect, it } from 'vitest';
import { setUpProduct } from './scenario.js';

const product = setUpProduct();

const NEON_HARBOR = '/concerts/neon-harbor-tidelight';
/** The buyer `pay()` fills in. */
const EMAIL = 'ada@example.com';

/** Buys two Front Row tickets on a laptop; resolves the booking's confirmation code. */
async function buyOnLaptop(): Promise<string> {
  const laptop = await product.shopper('laptop');
  await laptop.page.goto(NEON_HARBOR);
  await laptop.page.getByText('Availability: Live').waitFor();
  await laptop.selectTickets('Front Row', 2);
  await laptop.checkout();
  await laptop.pay();
  const code = laptop.page.getByTestId('confirmation-code');
  await code.waitFor();
  return (await code.innerText()).trim();
}

describe('a booking on another device', () => {
  it('opens on a phone by the link emailed to the buyer, read from the developers’ outbox', async () => {
    const code = await buyOnLaptop();
    const phone = await product.shopper('phone');
    await phone.page.goto('/bookings');
    await phone.page.getByText('No bookings yet').waitFor();

    await phone.page
      .getByRole('link', { name: /Find your booking/ })
      .first()
      .click();
    const byLink = phone.page.getByRole('region', { name: 'Email me a link' });
    await byLink.getByLabel('Email', { exact: true }).fill(EMAIL);
    await byLink.getByRole('button', { name: 'Email me a link' }).click();
    await byLink.getByText(/a link to them is on its way/).waitFor();

    // The link, as the buyer reads it in the email.
    const mail = await product.shopper('mailbox');
    await mail.page.goto('/dev/mail');
    await mail.page
      .getByRole('list', { name: /Messages/ })
      .getByRole('button', { name: /Your bookings: the link to open them.*Sent/ })
      .click({ timeout: 10_000 });
    await mail.page.getByRole('button', { name: 'Plain text' }).click();
    const text = await mail.page.getByRole('main').innerText();
    const link = /https?:\/\/\S+\/bookings\/find#token=\S+/.exec(text)?.[0];
    expect(link).toBeDefined();
    const { pathname, hash } = new URL(link ?? '');

    // Followed from the phone's mail app: a new tab of the phone's browser.
    const tab = await phone.newPage();
    await tab.goto(`${pathname}${hash}`);

    await tab.getByText(/Opened 1 booking/).waitFor();
    await expect.poll(() => tab.getByRole('main').innerText()).toContain(code);
    expect(new URL(tab.url()).hash).toBe('');
    // The phone now holds the tickets: each opens with its QR code.
    await tab
      .getByRole('link', { name: /Ticket 1/ })
      .first()
      .click();
    await tab.getByRole('img', { name: /QR code/ }).waitFor();
  });

  it('opens on a tablet by the email and the confirmation code, typed in lower case', async () => {
    const code = await buyOnLaptop();
    const tablet = await product.shopper('tablet');
    await tablet.page.goto('/bookings/find');

    const byCode = tablet.page.getByRole('region', { name: /confirmation code/i });
    await byCode.getByLabel('Email', { exact: true }).fill(EMAIL);
    await byCode.getByLabel(/Confirmation code/).fill(code.toLowerCase());
    await byCode.getByRole('button', { name: 'Find my booking' }).click();

    await tablet.page.waitForURL(/\/bookings\/[0-9a-f-]{36}$/);
    await expect.poll(() => tablet.page.getByRole('main').innerText()).toContain(code);
  });
});
