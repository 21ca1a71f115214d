import fs from 'node:fs/promises';
import path from 'node:path';
import nodemailer, { type SendMailOptions } from 'nodemailer';
import { withoutPassword, type MailConfig } from '../../config/config.js';
import type { Store } from '../../db/store.js';
import type { Clock } from '../../lib/clock.js';
import type { Logger } from '../../observability/logger.js';
import QRCode from 'qrcode';
import { iCalendar, type CalendarEvent } from './calendar.js';
import type { LetterContext, MailImage, RenderedMail } from './letters.js';
import type { OutgoingMail } from './mail.repo.js';
import { renderLetter } from './render.js';

/** Where the outbox's messages go. */
export interface MailTransport {
  /** Hands the message over; rejects unless it was accepted. */
  send(mail: OutgoingMail): Promise<void>;
  /** Where messages go, as a log line may show it: never with a password. */
  readonly destination: string;
  close(): void;
}

export interface MailDeliveryDeps {
  store: Store;
  clock: Clock;
  logger: Logger;
  transport: MailTransport;
}

/** Messages taken per round trip to the database. */
const BATCH = 20;

/**
 * How long a message taken for sending is left to its worker before another may take it: past
 * the transport's own timeouts (`SMTP_TIMEOUTS`), so only a worker that died lets it go.
 */
export const SEND_LEASE_MS = 2 * 60_000;

/** Tries before a message is given up on: with the back-off below, some four hours. */
export const MAX_ATTEMPTS = 10;

/** The wait after a failed try: 30 s, doubling, at most an hour. */
export function retryDelayMs(attempts: number): number {
  return Math.min(30_000 * 2 ** (attempts - 1), 3_600_000);
}

const SMTP_TIMEOUTS = { connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 60_000 };

/**
 * The message's `Message-ID`: the same on every try, so a client or server that sees a message
 * twice (a worker that died after the server took it and before it was marked sent) can tell.
 */
export function messageIdOf(mail: OutgoingMail, from: string): string {
  const domain = /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? 'localhost';
  return `<outbox-${mail.id}-${mail.createdAt}@${domain}>`;
}

/** A QR code as a picture: 6 pixels a module, crisp when the mail client shows it at 240. */
const QR_PNG = { type: 'png', scale: 6, margin: 2, errorCorrectionLevel: 'M' } as const;

/**
 * The message as the transport takes it: rendered from its letter now, with each ticket's QR
 * code as a PNG attached inline (shown by mail clients that block remote images, and with no
 * network at the door) and the calendar entry as an invitation.
 */
export async function messageOf(
  mail: OutgoingMail,
  from: string,
  context: LetterContext,
): Promise<SendMailOptions> {
  const rendered = renderOutgoing(mail, context);
  const calendar = rendered.calendar && iCalendar(rendered.calendar);
  return {
    from,
    to: mail.recipient,
    subject: rendered.subject,
    text: rendered.text,
    html: rendered.html,
    date: new Date(mail.createdAt),
    messageId: messageIdOf(mail, from),
    icalEvent: calendar && { filename: 'concert.ics', ...calendar },
    attachments: await Promise.all(
      rendered.images.map(async (image) => ({
        filename: image.filename,
        cid: image.cid,
        contentType: 'image/png',
        content: await QRCode.toBuffer(image.qr, QR_PNG),
      })),
    ),
  };
}

/** A message of the outbox as it is sent: its letter rendered, or as it was written whole. */
export function renderOutgoing(
  mail: OutgoingMail,
  context: LetterContext,
  imageSrc?: (image: MailImage) => string,
): RenderedMail {
  if (mail.letter) return renderLetter(mail.letter, context, imageSrc);
  return {
    subject: mail.subject,
    text: mail.body,
    html: mail.html,
    calendar:
      mail.calendar === undefined ? undefined : (JSON.parse(mail.calendar) as CalendarEvent),
    images: [],
  };
}

/** A file name that sorts by time and is the same on every try: a retry overwrites, never adds. */
export function emlFileName(mail: OutgoingMail): string {
  const at = new Date(mail.createdAt).toISOString().replace(/[:.]/g, '-');
  return `${at}-${mail.id}.eml`;
}

/** Where `config` sends mail, as a log line may show it. */
export function mailDestination(config: MailConfig): string {
  return config.smtpUrl === undefined ? config.dir : withoutPassword(config.smtpUrl);
}

/**
 * The transport `config` asks for: its mail server, or, with none, `.eml` files in its folder,
 * which any mail client opens and the developers' mail page lists.
 */
export function createMailTransport(config: MailConfig, context: LetterContext): MailTransport {
  if (config.smtpUrl !== undefined) {
    const smtp = nodemailer.createTransport({ url: config.smtpUrl, ...SMTP_TIMEOUTS });
    return {
      destination: mailDestination(config),
      async send(mail) {
        await smtp.sendMail(await messageOf(mail, config.from, context));
      },
      close: () => {
        smtp.close();
      },
    };
  }
  const files = nodemailer.createTransport({ streamTransport: true, buffer: true });
  return {
    destination: mailDestination(config),
    async send(mail) {
      const { message } = await files.sendMail(await messageOf(mail, config.from, context));
      await fs.mkdir(config.dir, { recursive: true });
      const file = path.join(config.dir, emlFileName(mail));
      // Renamed into place: a reader never sees half a message.
      await fs.writeFile(`${file}.tmp`, message as Buffer);
      await fs.rename(`${file}.tmp`, file);
    },
    close: () => {
      files.close();
    },
  };
}

function reason(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 500);
}

/** What one round of delivery did. */
export interface DeliveryRound {
  sent: number;
  retried: number;
  failed: number;
}

/**
 * The share of the instance's time sending may take while messages are waiting: composing one
 * costs a few milliseconds of the event loop, which a rush of purchases needs more. After each
 * batch it pauses nine times as long as the batch took, so mail waits, never a purchase.
 */
const BUSY_SHARE = 0.1;

/** Waits `ms`; resolves false instead if the delivery is stopping meanwhile, at once. */
export type Pause = (ms: number) => Promise<boolean>;

const pauseOnTimer: Pause = (ms) =>
  new Promise((resolve) => {
    // Never what keeps a stopping process alive.
    setTimeout(() => {
      resolve(true);
    }, ms).unref();
  });

/**
 * Sends every message due now, a batch at a time: each batch is taken (its attempts counted) in
 * a transaction of its own before it is sent, and marked sent in another after, so a message is
 * sent again only if its worker died between the two, and no two workers send it at once. A
 * failed try is due again after `retryDelayMs`; after `MAX_ATTEMPTS` the message is given up
 * on, and said so in the log. Between batches it pauses (`BUSY_SHARE`).
 */
export async function deliverDueMail(
  deps: MailDeliveryDeps,
  pause: Pause = pauseOnTimer,
): Promise<DeliveryRound> {
  const round: DeliveryRound = { sent: 0, retried: 0, failed: 0 };
  for (;;) {
    const started = performance.now();
    const now = deps.clock.now();
    const batch = await deps.store.write((tx) => tx.mail.claimDue(now, now + SEND_LEASE_MS, BATCH));
    const sent: number[] = [];
    for (const mail of batch) {
      if (await deliverOne(deps, mail, round)) sent.push(mail.id);
    }
    if (sent.length > 0) {
      await deps.store.write((tx) => tx.mail.markSent(sent, deps.clock.now()));
      round.sent += sent.length;
    }
    if (batch.length < BATCH) return round;
    const rest = ((performance.now() - started) * (1 - BUSY_SHARE)) / BUSY_SHARE;
    if (!(await pause(rest))) return round;
  }
}

/** Hands one message to the transport; resolves whether it was taken. */
async function deliverOne(
  deps: MailDeliveryDeps,
  mail: OutgoingMail,
  round: DeliveryRound,
): Promise<boolean> {
  const { store, clock, logger, transport } = deps;
  try {
    await transport.send(mail);
    return true;
  } catch (error) {
    const why = reason(error);
    if (mail.attempts >= MAX_ATTEMPTS) {
      await store.write((tx) => tx.mail.markFailed(mail.id, why));
      logger.error(
        { mailId: mail.id, attempts: mail.attempts, err: error },
        `Mail ${mail.id} could not be delivered to ${transport.destination} after ${mail.attempts} tries; given up`,
      );
      round.failed += 1;
      return false;
    }
    const at = clock.now() + retryDelayMs(mail.attempts);
    await store.write((tx) => tx.mail.retryAt(mail.id, at, why));
    logger.warn(
      { mailId: mail.id, attempts: mail.attempts },
      `Mail ${mail.id} not delivered (${why}); trying again at ${new Date(at).toISOString()}`,
    );
    round.retried += 1;
    return false;
  }
}

export interface MailDeliveryJob {
  /** No round starts after this; resolves once a round already running is done. */
  stop(): Promise<void>;
}

/**
 * Delivers the outbox every `intervalMs` in this instance, a round at a time; instances on one
 * database each take messages of their own.
 */
export function startMailDelivery(deps: MailDeliveryDeps, intervalMs: number): MailDeliveryJob {
  let running: Promise<void> | undefined;
  /** Ends a pause between batches at once: stopping waits for a batch, never for a pause. */
  let stopping: (() => void) | undefined;
  const stopped = new Promise<boolean>((resolve) => {
    stopping = () => {
      resolve(false);
    };
  });
  const pause: Pause = (ms) => Promise.race([pauseOnTimer(ms), stopped]);
  const timer = setInterval(() => {
    if (running) return;
    running = deliverDueMail(deps, pause)
      .then(
        () => undefined,
        (error: unknown) => {
          deps.logger.error({ err: error }, 'Mail delivery failed; will retry');
        },
      )
      .finally(() => {
        running = undefined;
      });
  }, intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      stopping?.();
      await running;
      deps.transport.close();
    },
  };
}
