import { describe, expect, it } from 'vitest';
import { setUpProduct } from './scenario.js';

const ADMIN_TOKEN = 'e2e-organizer-token-0123456789abcdef';

const product = setUpProduct({ ADMIN_TOKEN });

/** Puts a concert on sale now with one tier of two tickets, as its organizer does. */
async function concertOfTwoTickets(): Promise<string> {
  const response = await fetch(`${product.url}/api/concerts`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` },
    body: JSON.stringify({
      id: 'last-two',
      name: 'Last Two',
      artist: 'The Lanterns',
      venue: 'Pier 9',
      timeZone: 'Europe/Paris',
      startsAt: new Date(Date.now() + 30 * 24 * 3_600_000).toISOString(),
      offerMinutes: 10,
      tiers: [
        { code: 'standing', name: 'Standing', priceCents: 3_000, currency: 'EUR', capacity: 2 },
      ],
    }),
  });
  expect(response.status).toBe(201);
  return 'last-two';
}

describe('a waiting list', () => {
  it('a shopper waits for a sold-out tier, is offered the tickets live when a booking is cancelled, and buys them', async () => {
    const concertId = await concertOfTwoTickets();
    const [a, b] = await Promise.all([product.shopper('a'), product.shopper('b')]);

    await a.page.goto(`/concerts/${concertId}`);
    await a.selectTickets('Standing', 2);
    await a.checkout();
    await a.pay();
    await a.page.getByTestId('confirmation-code').waitFor();

    await b.page.goto(`/concerts/${concertId}`);
    await b.page.getByText('Sold out').waitFor();
    expect(await b.available('Standing')).toBe(0);
    await b.page.getByRole('button', { name: 'Join the waiting list for Standing' }).click();
    const form = b.page.getByRole('form', { name: 'Join the waiting list for Standing' });
    await form.getByLabel('Email').fill('bea@example.com');
    await form.getByLabel('Tickets').fill('2');
    await form.getByRole('button', { name: 'Join the waiting list', exact: true }).click();
    await b.page
      .getByText('You’re on the waiting list for 2 × Standing — you are next', { exact: true })
      .waitFor();

    // The organizer sees who waits.
    const organizer = await product.shopper('organizer');
    await organizer.page.goto('/organizer');
    await organizer.page.getByLabel('Organizer token').fill(ADMIN_TOKEN);
    await organizer.page.getByRole('button', { name: 'Sign in' }).click();
    // Kept for the tab once the server has taken it: only then may the page be left.
    await organizer.page.getByRole('button', { name: 'Sign out' }).waitFor();
    await organizer.page.goto(`/organizer/concerts/${concertId}`);
    const list = organizer.page.getByRole('table', {
      name: 'Waiting list entries, in the order served',
    });
    await list.getByRole('cell', { name: 'bea@example.com' }).waitFor();
    expect(await list.getByRole('row').nth(1).innerText()).toMatch(
      /Standing\s+2\s+bea@example\.com\s+Waiting/,
    );

    // Marks this very page: a reload would lose the mark.
    await b.page.evaluate(() => {
      document.body.dataset.sameVisit = 'yes';
    });

    await a.page.goto('/bookings');
    await a.page.getByRole('button', { name: 'Cancel booking' }).click();
    await a.page.getByRole('button', { name: 'Yes, cancel booking' }).click();
    await a.page.getByText(/is cancelled\./).waitFor();

    await b.page
      .getByRole('heading', { name: '2 Standing tickets are held for you' })
      .waitFor({ timeout: 10_000 });
    expect(await b.page.evaluate(() => document.body.dataset.sameVisit)).toBe('yes');
    expect(await b.page.getByRole('timer').innerText()).toMatch(/^(10:00|9:5\d)$/);
    await b.page
      .getByRole('status', { name: 'Waiting list updates' })
      .filter({
        hasText: '2 Standing tickets are held for you for 10 minutes',
      })
      .waitFor();

    await b.page.getByRole('link', { name: 'Buy them' }).click();
    await b.page.waitForURL(/\/offers\/[A-Za-z0-9_-]{32}$/);
    await b.page.getByRole('timer').waitFor();
    expect(await b.page.getByTestId('order-total').innerText()).toMatch(/60\.00/);
    await b.pay();
    await b.page.getByTestId('confirmation-code').waitFor();
    expect(await b.page.getByText('2 × Standing').count()).toBe(1);

    await organizer.page.reload();
    await list.getByRole('cell', { name: 'Bought' }).waitFor();
  });
});
