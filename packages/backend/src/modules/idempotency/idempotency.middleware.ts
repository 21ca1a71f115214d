import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  IDEMPOTENCY_KEY_HEADER,
  IDEMPOTENT_REPLAYED_HEADER,
  IdempotencyKeySchema,
} from '@ticket-booking/shared';
import { sendJson } from '../../http/json.js';
import type { NodeMiddleware } from '../../http/node-middleware.js';
import { requestContext } from '../../http/request-context.js';
import { AppError } from '../../lib/app-error.js';
import type { IdempotencyKey, Reply } from './idempotency.service.js';

const HEADER = IDEMPOTENCY_KEY_HEADER.toLowerCase();

/**
 * Reads the optional Idempotency-Key header of a request to `endpoint`. A malformed key is
 * refused before anything is read or done.
 */
export function idempotencyKeyFor(endpoint: string): NodeMiddleware {
  return (req, _res, next) => {
    const header = req.headers[HEADER];
    if (header !== undefined) {
      const parsed = IdempotencyKeySchema.safeParse(header);
      if (!parsed.success) {
        throw new AppError(
          'VALIDATION_FAILED',
          `The ${IDEMPOTENCY_KEY_HEADER} header is not valid.`,
          parsed.error.issues.map((issue) => ({
            field: IDEMPOTENCY_KEY_HEADER,
            message: issue.message,
          })),
        );
      }
      requestContext(req).idempotencyKey = { endpoint, key: parsed.data };
    }
    next();
  };
}

/** The request's Idempotency-Key, on an endpoint that takes one and when it was sent. */
export function idempotencyKeyOf(req: IncomingMessage): IdempotencyKey | undefined {
  return requestContext(req).idempotencyKey;
}

/** Sends a reply, saying so when it is one given before to the same key. */
export function sendReply(res: ServerResponse, reply: Reply<unknown>): void {
  if (reply.replayed) res.setHeader(IDEMPOTENT_REPLAYED_HEADER, 'true');
  sendJson(res, reply.status, reply.body);
}
