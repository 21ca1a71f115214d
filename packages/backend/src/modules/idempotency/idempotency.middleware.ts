import type { RequestHandler, Response } from 'express';
import {
  IDEMPOTENCY_KEY_HEADER,
  IDEMPOTENT_REPLAYED_HEADER,
  IdempotencyKeySchema,
} from '@ticket-booking/shared';
import { AppError } from '../../lib/app-error.js';
import type { IdempotencyKey, Reply } from './idempotency.service.js';

declare global {
  // Express's request type is extended by declaration merging.
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      /** Set on the endpoints that take an Idempotency-Key, when the request sent one. */
      idempotencyKey?: IdempotencyKey;
    }
  }
}

/**
 * Reads the optional Idempotency-Key header of a request to `endpoint`. A malformed key is
 * refused before anything is read or done.
 */
export function idempotencyKeyFor(endpoint: string): RequestHandler {
  return (req, _res, next) => {
    const header = req.get(IDEMPOTENCY_KEY_HEADER);
    if (header !== undefined) {
      const parsed = IdempotencyKeySchema.safeParse(header);
      if (!parsed.success) {
        throw new AppError(
          'VALIDATION_FAILED',
          `The ${IDEMPOTENCY_KEY_HEADER} header is not valid.`,
          400,
          parsed.error.issues.map((issue) => ({
            field: IDEMPOTENCY_KEY_HEADER,
            message: issue.message,
          })),
        );
      }
      req.idempotencyKey = { endpoint, key: parsed.data };
    }
    next();
  };
}

/** Sends a reply, saying so when it is one given before to the same key. */
export function sendReply(res: Response, reply: Reply): void {
  if (reply.replayed) res.setHeader(IDEMPOTENT_REPLAYED_HEADER, 'true');
  res.status(reply.status).json(reply.body);
}
