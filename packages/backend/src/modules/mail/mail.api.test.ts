import { DevMailListSchema, type Booking } from '@ticket-booking/shared';
import jsQRModule from 'jsqr';
import { PNG } from 'pngjs';
import { afterEach, describe, expect, it } from 'vitest';
import { storedRows } from '../../test/inspect.js';
import { captureLogs } from '../../test/log-capture.js';
import { BUYER, DECLINED_CARD, GOOD_CARD, type Shopper } from '../../test/shopper.js';
import { startSmtpCatcher, type SmtpCatcher } from '../../test/smtp-catcher.js';
import { startTestApp, type TestApp } from '../../test/test-app.js';
import { testConfig } from '../../test/test-config.js';
import {
  createMailTransport,
  deliverDueMail,
  MAX_ATTEMPTS,
  retryDelayMs,
  type MailTransport,
} from './delivery.js';

// A CommonJS module whose types name its function `default`: Node gives it as the module.
const jsQR = jsQRModule as unknown as typeof jsQRModule.default;

const CONCERT = 'harbor-lights';
const FROM = 'Harbor Tickets <tickets@harbor.example>';
const testMail = testConfig().mail;

async function buy(shopper: Shopper, quantity = 2): Promise<Booking> {
  expect((await shopper.checkout(CONCERT, [{ tier: 'ga', quantity }])).status).toBe(201);
  const res = await shopper.book(CONCERT);
  expect(res.status).toBe(201);
  return res.body.booking as Booking;
}

interface StoredMailRow {
  id: number;
  recipient: string;
  subject: string;
  status: string;
  attempts: number;
  nextAttemptAt: number;
  calendar: string | null;
}

function outbox(app: TestApp): Promise<StoredMailRow[]> {
  return storedRows<StoredMailRow>(
    app.db,
    `SELECT id, recipient, subject, status, attempts, next_attempt_at AS "nextAttemptAt",
            calendar FROM mail_outbox ORDER BY id`,
  );
}

describe('the mail outbox', () => {
  let app: TestApp;
  let smtp: SmtpCatcher | undefined;
  let transport: MailTransport | undefined;

  afterEach(async () => {
    transport?.close();
    transport = undefined;
    await smtp?.close();
    smtp = undefined;
    await app.close();
  });

  async function mailApp(logs = captureLogs()) {
    app = await startTestApp({
      concerts: [
        {
          id: CONCERT,
          tiers: [{ code: 'ga', name: 'General admission', total: 10, priceCents: 4500 }],
        },
      ],
      logs,
    });
    const catcher = await startSmtpCatcher();
    const toServer = createMailTransport(
      { ...app.config.mail, smtpUrl: catcher.url, from: FROM },
      app.services,
    );
    smtp = catcher;
    transport = toServer;
    return {
      smtp: catcher,
      deliver: () => deliverDueMail({ ...app.services, transport: toServer }),
    };
  }

  it('queues the confirmation in the purchase’s own transaction, once, and none for a declined card', async () => {
    await mailApp();
    const shopper = app.shopper();
    expect((await shopper.checkout(CONCERT, [{ tier: 'ga', quantity: 2 }])).status).toBe(201);

    const declined = await shopper.book(CONCERT, DECLINED_CARD);
    const nothingYet = await outbox(app);
    const key = { 'idempotency-key': 'pay-once-0001' };
    const bought = await shopper.book(CONCERT, GOOD_CARD, key);
    const replayed = await shopper.book(CONCERT, GOOD_CARD, key);

    expect(declined.status).toBe(402);
    expect(nothingYet).toEqual([]);
    expect(bought.status).toBe(201);
    expect(replayed.body).toEqual(bought.body);
    const booking = bought.body.booking as Booking;
    expect(await outbox(app)).toEqual([
      expect.objectContaining({
        recipient: BUYER.email,
        subject: `Your tickets for Concert harbor-lights (${booking.confirmationCode})`,
        status: 'PENDING',
        attempts: 0,
      }),
    ]);
  });

  it('delivers the confirmation to the mail server once: text, HTML, each ticket’s QR code and the calendar entry', async () => {
    const { smtp, deliver } = await mailApp();
    const booking = await buy(app.shopper());

    const first = await deliver();
    const again = await deliver();

    expect(first).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(again).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect(smtp.received).toHaveLength(1);
    const [mail] = smtp.received;
    if (!mail) throw new Error('no mail');
    expect(mail.to).toMatchObject({ text: BUYER.email });
    expect(mail.from?.value).toEqual([
      { name: 'Harbor Tickets', address: 'tickets@harbor.example' },
    ]);
    expect(mail.messageId).toMatch(/^<outbox-\d+-\d+@harbor\.example>$/);
    expect(mail.text).toContain(booking.confirmationCode);
    expect(mail.text).toContain('2 × General admission');
    expect(mail.text).toContain('$90.00');
    expect(mail.text).toContain(`http://localhost:5173/bookings/${booking.id}`);
    for (const ticket of booking.tickets ?? []) {
      expect(mail.text).toContain(`http://localhost:5173/tickets/${ticket.code}`);
    }
    expect(booking.tickets).toHaveLength(2);
    expect(mail.html).toContain('<h1');
    expect(mail.html).toContain(booking.confirmationCode);
    // Each ticket's QR code is a picture in the message, which a door's scanner reads back to
    // the ticket.
    const pictures = mail.attachments.filter((part) => part.contentType === 'image/png');
    expect(pictures).toHaveLength(2);
    const read = [];
    for (const picture of pictures) {
      expect(mail.html).toContain(`src="cid:${picture.cid}"`);
      const png = PNG.sync.read(picture.content);
      read.push(jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data);
    }
    expect(read).toEqual(booking.tickets?.map((ticket) => ticket.code));
    for (const code of read) {
      const ticket = await app.shopper().request('GET', `/api/tickets/${code ?? ''}`);
      expect(ticket.body).toMatchObject({ ticket: { bookingId: booking.id, status: 'VALID' } });
    }
    const calendar = mail.attachments.find((part) => part.contentType === 'text/calendar');
    const ics = calendar?.content.toString() ?? '';
    expect(ics).toMatch(/^METHOD:PUBLISH\r?$/m);
    expect(ics).toContain(`UID:${booking.id}@localhost`);
    expect(ics).toMatch(/^DTSTART:\d{8}T\d{6}Z\r?$/m);
    expect(await outbox(app)).toEqual([expect.objectContaining({ status: 'SENT', attempts: 1 })]);
  });

  it('tells of a cancellation in a message of its own, taking the calendar entry back', async () => {
    const { smtp, deliver } = await mailApp();
    const shopper = app.shopper();
    const booking = await buy(shopper);

    expect((await shopper.cancelBooking(booking.id)).status).toBe(200);
    expect((await shopper.cancelBooking(booking.id)).status).toBe(200);
    await deliver();

    expect(smtp.received.map((mail) => mail.subject)).toEqual([
      `Your tickets for Concert harbor-lights (${booking.confirmationCode})`,
      `Booking cancelled: Concert harbor-lights (${booking.confirmationCode})`,
    ]);
    const cancellation = smtp.received[1];
    if (!cancellation) throw new Error('no cancellation');
    expect(cancellation.text).toContain('is cancelled');
    const ics =
      cancellation.attachments
        .find((part) => part.contentType === 'text/calendar')
        ?.content.toString() ?? '';
    expect(ics).toMatch(/^METHOD:CANCEL\r?$/m);
    expect(ics).toContain(`UID:${booking.id}@localhost`);
  });

  it('retries a refusing mail server with growing pauses, then gives up and says so', async () => {
    const logs = captureLogs();
    const { smtp, deliver } = await mailApp(logs);
    await buy(app.shopper());
    smtp.refusing = true;

    const firstAt = app.clock.now();
    const first = await deliver();
    const [afterFirst] = await outbox(app);
    const tooSoon = await deliver();
    for (let attempt = 2; attempt <= MAX_ATTEMPTS; attempt += 1) {
      app.clock.advance(retryDelayMs(attempt - 1));
      await deliver();
    }

    expect(first).toEqual({ sent: 0, retried: 1, failed: 0 });
    expect(afterFirst).toMatchObject({
      status: 'PENDING',
      attempts: 1,
      nextAttemptAt: firstAt + retryDelayMs(1),
    });
    expect(tooSoon).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect(smtp.received).toEqual([]);
    expect(await outbox(app)).toEqual([
      expect.objectContaining({ status: 'FAILED', attempts: MAX_ATTEMPTS }),
    ]);
    const given = logs.lines().find((line) => String(line.msg).includes('given up'));
    expect(given?.level).toBe('error');
    expect(given?.msg).toContain(`after ${MAX_ATTEMPTS} tries`);

    // A mail server back on its feet gets what is queued after the failure.
    smtp.refusing = false;
    await buy(app.shopper());
    expect(await deliver()).toEqual({ sent: 1, retried: 0, failed: 0 });
  });

  it('shares the outbox between workers sending at once: each message goes out once', async () => {
    const { smtp, deliver } = await mailApp();
    for (let i = 0; i < 4; i += 1) await buy(app.shopper(), 1);

    const rounds = await Promise.all([deliver(), deliver(), deliver()]);

    expect(rounds.reduce((sum, round) => sum + round.sent, 0)).toBe(4);
    expect(smtp.received).toHaveLength(4);
    expect(new Set(smtp.received.map((mail) => mail.messageId)).size).toBe(4);
  });

  it('lists the outbox for developers, newest first, where mail goes to files on this host', async () => {
    await mailApp();
    const booking = await buy(app.shopper());
    const res = await app.shopper().request('GET', '/api/dev/mail');

    expect(res.status).toBe(200);
    const list = DevMailListSchema.parse(res.body);
    expect(list.folder).toBe(app.config.mail.dir);
    expect(list.messages).toEqual([
      expect.objectContaining({
        to: BUYER.email,
        subject: `Your tickets for Concert harbor-lights (${booking.confirmationCode})`,
        status: 'PENDING',
        sentAt: null,
        calendar: true,
      }),
    ]);
    expect(list.messages[0]?.html).toContain(booking.confirmationCode);
    // The page cannot show attachments: the QR codes are drawn in the HTML itself.
    expect(list.messages[0]?.html?.match(/src="data:image\/svg\+xml;base64,/g)).toHaveLength(2);
    expect(list.messages[0]?.html).not.toContain('cid:');

    // The page frames each message's HTML as a document of its own, styles and all.
    const id = list.messages[0]?.id ?? 0;
    const framed = await app.shopper().request('GET', `/api/dev/mail/${id}/html`);
    const unknown = await app.shopper().request('GET', `/api/dev/mail/${id + 1}/html`);
    expect(framed.status).toBe(200);
    expect(framed.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(framed.body).toBe(list.messages[0]?.html);
    const policy = framed.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("style-src 'unsafe-inline'");
    expect(policy).toContain("default-src 'none'");
    expect(policy).toContain('sandbox');
    expect(framed.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('NOT_FOUND');
  });

  it('has no developers’ page where a mail server is configured', async () => {
    app = await startTestApp({
      config: { mail: { ...testMail, smtpUrl: 'smtp://127.0.0.1:2525' } },
    });

    const res = await app.shopper().request('GET', '/api/dev/mail');

    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
  });
});
