import { isIP } from 'node:net';
import type { DevMail, DevMailList } from '@ticket-booking/shared';
import type { Config } from '../../config/config.js';
import type { Store } from '../../db/store.js';
import { sendJson } from '../../http/json.js';
import type { ApiRoute } from '../../http/route-registry.js';
import { toIso } from '../../lib/clock.js';
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

function toView(mail: StoredMail): DevMail {
  return {
    id: mail.id,
    to: mail.recipient,
    subject: mail.subject,
    status: mail.status,
    createdAt: toIso(mail.createdAt),
    sentAt: mail.sentAt === null ? null : toIso(mail.sentAt),
    attempts: mail.attempts,
    lastError: mail.lastError,
    text: mail.body,
    html: mail.html ?? null,
    calendar: mail.calendar !== undefined,
  };
}

export function devMailRoutes(deps: { store: Store; config: Config }): ApiRoute[] {
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
          messages: (await deps.store.mail.recent(SHOWN)).map(toView),
        };
        res.setHeader('Cache-Control', 'no-store');
        sendJson(res, 200, body);
      },
    },
  ];
}
