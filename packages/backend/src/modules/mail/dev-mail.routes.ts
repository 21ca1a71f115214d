import { isIP } from 'node:net';
import QRCode from 'qrcode';
import type { DevMail, DevMailList } from '@ticket-booking/shared';
import type { Config } from '../../config/config.js';
import type { Store } from '../../db/store.js';
import { sendJson, sendText } from '../../http/json.js';
import { AppError } from '../../lib/app-error.js';
import type { ApiRoute } from '../../http/route-registry.js';
import { toIso } from '../../lib/clock.js';
import { renderOutgoing } from './delivery.js';
import type { LetterContext, RenderedMail } from './letters.js';
import type { StoredMail } from './mail.repo.js';

/** The messages the page shows: enough for a developer's afternoon. */
const SHOWN = 100;

function isLoopback(host: string): boolean {
  return host === 'localhost' || (isIP(host) !== 0 && /^(127\.|::1$|::ffff:127\.)/.test(host));
}

/**
 * Whether the developers' mail page is served: only where mail goes to files (no mail server)
 * and the server listens on this host alone, as the page shows every message's links to
 * whoever asks.
 */
export function devMailPageOn(config: Pick<Config, 'mail' | 'host'>): boolean {
  return config.mail.smtpUrl === undefined && isLoopback(config.host);
}

/** QR codes drawn for the page, by ticket code: the page asks again every few seconds. */
const qrPictures = new Map<string, string>();
const QR_PICTURES_KEPT = 1_000;

/** A QR code as an SVG data address: the page cannot show a message's attachments. */
async function qrPicture(code: string): Promise<string> {
  let picture = qrPictures.get(code);
  if (picture === undefined) {
    const svg = await QRCode.toString(code, { type: 'svg', margin: 2 });
    picture = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
    if (qrPictures.size >= QR_PICTURES_KEPT) qrPictures.clear();
    qrPictures.set(code, picture);
  }
  return picture;
}

/** The message's HTML with its pictures in it: the page shows no attachments. */
async function htmlOf(rendered: RenderedMail): Promise<string | undefined> {
  let html = rendered.html;
  for (const image of rendered.images) {
    html = html?.replaceAll(`cid:${image.cid}`, await qrPicture(image.qr));
  }
  return html;
}

/**
 * A message's HTML as a document of its own, for the page's frame: its inline styles apply as in
 * a mail client, which the web app's own policy (no inline styles) would not let them in a frame
 * it writes. Nothing else loads, nothing runs, and only this origin may frame it.
 */
const MESSAGE_POLICY =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'; sandbox";

async function toView(mail: StoredMail, context: LetterContext): Promise<DevMail> {
  const rendered = renderOutgoing(mail, context);
  const html = await htmlOf(rendered);
  return {
    id: mail.id,
    to: mail.recipient,
    subject: rendered.subject,
    status: mail.status,
    createdAt: toIso(mail.createdAt),
    sentAt: mail.sentAt === null ? null : toIso(mail.sentAt),
    attempts: mail.attempts,
    lastError: mail.lastError,
    text: rendered.text,
    html: html ?? null,
    calendar: rendered.calendar !== undefined,
  };
}

export function devMailRoutes(deps: { store: Store; config: Config } & LetterContext): ApiRoute[] {
  if (!devMailPageOn(deps.config)) return [];
  return [
    {
      method: 'GET',
      path: '/api/dev/mail',
      operationId: 'listDevMail',
      pipeline: 'open',
      handle: async (_req, res) => {
        const body: DevMailList = {
          folder: deps.config.mail.dir,
          messages: await Promise.all(
            (await deps.store.mail.recent(SHOWN)).map((mail) => toView(mail, deps)),
          ),
        };
        res.setHeader('Cache-Control', 'no-store');
        sendJson(res, 200, body);
      },
    },
    {
      method: 'GET',
      path: '/api/dev/mail/:id/html',
      operationId: 'getDevMailHtml',
      pipeline: 'open',
      handle: async (_req, res, params) => {
        const id = Number(params.id);
        if (!Number.isSafeInteger(id) || id < 1) {
          throw new AppError(
            'BAD_REQUEST',
            'A message’s id is a whole number, as the list gives it.',
          );
        }
        const mail = (await deps.store.mail.recent(SHOWN)).find((m) => m.id === id);
        const html = mail && (await htmlOf(renderOutgoing(mail, deps)));
        if (html === undefined) throw new AppError('NOT_FOUND', 'There is no such message.');
        res.setHeader('Content-Security-Policy', MESSAGE_POLICY);
        res.setHeader('X-Frame-Options', 'SAMEORIGIN');
        sendText(res, 'text/html; charset=utf-8', html);
      },
    },
  ];
}
