import type { Booking } from '@ticket-booking/shared';
import { afterEach, describe, expect, it } from 'vitest';
import {
  BOOKING_LINKS_PER_HOUR,
  BOOKING_LOOKUP_FAILURES_PER_HOUR,
} from '../../http/abuse-limits.js';
import { storedRows } from '../../test/inspect.js';
import { BUYER, GOOD_CARD, type Shopper } from '../../test/shopper.js';
import { startTestApp, type TestApp } from '../../test/test-app.js';
import { renderOutgoing } from '../mail/delivery.js';
import { LINK_VALID_MINUTES } from './booking-access.service.js';

const CONCERT = 'quay-nights';
const OTHER_BUYER = { name: 'Bo Berg', email: 'bo@example.com' };

async function accessApp(): Promise<TestApp> {
  return startTestApp({
    concerts: [{ id: CONCERT, tiers: [{ code: 'ga', total: 50, priceCents: 3000 }] }],
  });
}

async function buy(shopper: Shopper, buyer = BUYER): Promise<Booking> {
  expect((await shopper.checkout(CONCERT, [{ tier: 'ga', quantity: 2 }])).status).toBe(201);
  const res = await shopper.request('POST', '/api/bookings', {
    concertId: CONCERT,
    buyer,
    payment: GOOD_CARD,
  });
  expect(res.status).toBe(201);
  return res.body.booking as Booking;
}

/** The sessions a booking is shared with. */
async function sharedWith(app: TestApp, bookingId: string): Promise<number> {
  const rows = await storedRows<{ n: number }>(
    app.db,
    'SELECT COUNT(*) AS n FROM booking_access WHERE booking_id = ?',
    [bookingId],
  );
  return Number(rows[0]?.n);
}

/** The token of the newest link emailed to `email`. */
async function emailedToken(app: TestApp, email: string): Promise<string> {
  const mails = await app.db.mail.sentTo(email);
  const link = mails.findLast((mail) => mail.letter?.kind === 'booking-link');
  if (!link) throw new Error(`no link was emailed to ${email}`);
  const text = renderOutgoing(link, app.services).text;
  const token = /\/bookings\/find#token=([\w.-]+)/.exec(text)?.[1];
  if (!token) throw new Error(`no link in: ${text}`);
  return token;
}

describe('bookings on another device', () => {
  let app: TestApp;
  afterEach(async () => {
    await app.close();
  });

  it('opens a booking by its email and confirmation code, typed loosely, as if bought there', async () => {
    app = await accessApp();
    const booking = await buy(app.shopper());
    const phone = app.shopper();
    expect((await phone.bookings()).body.bookings).toEqual([]);

    const opened = await phone.request('POST', '/api/booking-access', {
      email: ` ${BUYER.email.toUpperCase()} `,
      confirmationCode: booking.confirmationCode.toLowerCase().replace('-', ' '),
    });

    expect(opened.status).toBe(200);
    expect(opened.body.bookings).toEqual([booking]);
    expect((await phone.bookings()).body.bookings).toEqual([booking]);
    expect((await phone.booking(booking.id)).body.booking).toEqual(booking);
    // The buyer manages it there too: a cancellation from the phone gives the tickets back.
    const cancelled = await phone.cancelBooking(booking.id);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.booking).toMatchObject({ id: booking.id, status: 'CANCELLED' });
    // Opening it twice shares it once.
    await phone.request('POST', '/api/booking-access', {
      email: BUYER.email,
      confirmationCode: booking.confirmationCode,
    });
    expect(await sharedWith(app, booking.id)).toBe(1);
  });

  it('opens nothing for a wrong email or code, and says which field is malformed', async () => {
    app = await accessApp();
    const booking = await buy(app.shopper());
    await buy(app.shopper(), OTHER_BUYER);
    const stranger = app.shopper();

    const wrongEmail = await stranger.request('POST', '/api/booking-access', {
      email: OTHER_BUYER.email,
      confirmationCode: booking.confirmationCode,
    });
    const wrongCode = await stranger.request('POST', '/api/booking-access', {
      email: BUYER.email,
      confirmationCode: 'ABCD-2345',
    });
    const malformed = await stranger.request('POST', '/api/booking-access', {
      email: BUYER.email,
      confirmationCode: 'not a code',
    });

    expect(wrongEmail.status).toBe(404);
    expect(wrongEmail.body.error.code).toBe('BOOKING_NOT_FOUND');
    expect(wrongCode.status).toBe(404);
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.details).toEqual([
      {
        field: 'confirmationCode',
        message: 'Enter the confirmation code from your email, like ABCD-2345',
      },
    ]);
    expect(await sharedWith(app, booking.id)).toBe(0);
    expect((await stranger.bookings()).body.bookings).toEqual([]);
  });

  it('refuses an address that keeps guessing, even the right code, while letting buyers in', async () => {
    app = await accessApp();
    const booking = await buy(app.shopper());
    const guesser = app.shopper();
    const right = { email: BUYER.email, confirmationCode: booking.confirmationCode };

    // Tries that open a booking do not count.
    for (let i = 0; i < 3; i += 1) {
      expect((await guesser.request('POST', '/api/booking-access', right)).status).toBe(200);
    }
    const guesses = [];
    for (let i = 0; i < BOOKING_LOOKUP_FAILURES_PER_HOUR; i += 1) {
      const code = `ABCD-${String(2000 + i).replace(/[01]/g, '2')}`;
      guesses.push(
        (await guesser.request('POST', '/api/booking-access', { ...right, confirmationCode: code }))
          .status,
      );
    }
    const afterGuesses = await app.shopper().request('POST', '/api/booking-access', right);

    expect(guesses).toEqual(Array(BOOKING_LOOKUP_FAILURES_PER_HOUR).fill(404));
    expect(afterGuesses.status).toBe(429);
    expect(afterGuesses.body.error.code).toBe('RATE_LIMITED');
    expect(afterGuesses.headers.get('retry-after')).toMatch(/^\d+$/);
  });

  it('emails a link that opens every booking of the address on the device that follows it', async () => {
    app = await accessApp();
    const laptop = app.shopper();
    const first = await buy(laptop);
    const second = await buy(laptop);
    await buy(app.shopper(), OTHER_BUYER);
    const phone = app.shopper();

    const asked = await phone.request('POST', '/api/booking-links', {
      email: BUYER.email.toUpperCase(),
    });
    const token = await emailedToken(app, BUYER.email);
    const opened = await phone.request('POST', '/api/booking-access/link', { token });

    expect(asked.status).toBe(202);
    expect(asked.body).toEqual({
      email: BUYER.email.toUpperCase(),
      validMinutes: LINK_VALID_MINUTES,
    });
    expect(opened.status).toBe(200);
    expect(opened.body.bookings).toEqual([second, first]);
    expect((await phone.bookings()).body.bookings).toEqual([second, first]);
    const [mail] = await app.db.mail.sentTo(BUYER.email).then((mails) => mails.slice(-1));
    expect(mail?.subject).toBe('Your bookings: the link to open them');
  });

  it('sends nothing for an address with no bookings, and answers as if it did', async () => {
    app = await accessApp();
    await buy(app.shopper());

    const asked = await app.shopper().request('POST', '/api/booking-links', {
      email: 'nobody@example.com',
    });
    const malformed = await app.shopper().request('POST', '/api/booking-links', {
      email: 'not an address',
    });

    expect(asked.status).toBe(202);
    expect(asked.body).toEqual({ email: 'nobody@example.com', validMinutes: LINK_VALID_MINUTES });
    expect(await app.db.mail.sentTo('nobody@example.com')).toEqual([]);
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.details).toEqual([
      { field: 'email', message: 'Enter a valid email address' },
    ]);
  });

  it('refuses an altered link and one that has run out, opening nothing', async () => {
    app = await accessApp();
    const booking = await buy(app.shopper());
    await app.shopper().request('POST', '/api/booking-links', { email: BUYER.email });
    const token = await emailedToken(app, BUYER.email);
    const phone = app.shopper();
    const [payload = '', tag = ''] = token.split('.');
    const otherEmail = Buffer.from(
      JSON.stringify([OTHER_BUYER.email, Date.now() + 3_600_000]),
    ).toString('base64url');

    const altered = await phone.request('POST', '/api/booking-access/link', {
      token: `${otherEmail}.${tag}`,
    });
    const truncated = await phone.request('POST', '/api/booking-access/link', {
      token: payload,
    });
    app.clock.advance(LINK_VALID_MINUTES * 60_000);
    const late = await phone.request('POST', '/api/booking-access/link', { token });

    expect(altered.status).toBe(404);
    expect(altered.body.error.code).toBe('BOOKING_LINK_INVALID');
    expect(truncated.status).toBe(404);
    expect(late.status).toBe(410);
    expect(late.body.error.code).toBe('BOOKING_LINK_EXPIRED');
    expect(await sharedWith(app, booking.id)).toBe(0);
  });

  it('sends an address a few links an hour at most', async () => {
    app = await accessApp();
    await buy(app.shopper());

    const statuses = [];
    for (let i = 0; i <= BOOKING_LINKS_PER_HOUR; i += 1) {
      // From fresh sessions: the address's count, not a browser's.
      statuses.push(
        (await app.shopper().request('POST', '/api/booking-links', { email: BUYER.email })).status,
      );
    }

    expect(statuses).toEqual([...Array(BOOKING_LINKS_PER_HOUR).fill(202), 429]);
    const links = (await app.db.mail.sentTo(BUYER.email)).filter(
      (mail) => mail.letter?.kind === 'booking-link',
    );
    expect(links).toHaveLength(BOOKING_LINKS_PER_HOUR);
  });
});
