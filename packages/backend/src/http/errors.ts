import type { ServerResponse } from 'node:http';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { ErrorCode } from '@ticket-booking/shared';
import { AppError, errorBody } from '../lib/app-error.js';
import { sendJson } from './json.js';

const BODY_PARSER_ERRORS: Record<string, { status: number; code: ErrorCode; message: string }> = {
  'entity.parse.failed': {
    status: 400,
    code: 'INVALID_JSON',
    message: 'The body is not valid JSON.',
  },
  'entity.too.large': {
    status: 413,
    code: 'PAYLOAD_TOO_LARGE',
    message: 'The body is too large.',
  },
  'encoding.unsupported': {
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
    message: 'The body encoding is not supported.',
  },
  'charset.unsupported': {
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
    message: 'The body must be UTF-8 JSON.',
  },
};

/**
 * Errors raised by the body parser carry a `type`; other client mistakes caught by Express or its
 * parsers (an undecodable URL, a body that is not the encoding it claims) carry a 4xx status.
 * Both are answered with our own wording, never the library's.
 */
function clientError(error: unknown) {
  if (typeof error !== 'object' || error === null) return undefined;
  if ('type' in error && typeof error.type === 'string' && BODY_PARSER_ERRORS[error.type]) {
    return BODY_PARSER_ERRORS[error.type];
  }
  const status = 'status' in error && typeof error.status === 'number' ? error.status : 0;
  if (status >= 400 && status < 500) {
    return { status: 400, code: 'BAD_REQUEST' as const, message: 'The request could not be read.' };
  }
  return undefined;
}

export const apiNotFound: RequestHandler = (req, res) => {
  sendJson(res, 404, {
    error: {
      code: 'NOT_FOUND',
      message: `There is no ${req.method} ${req.originalUrl.split('?')[0]}.`,
    },
  });
};

/** The one place errors become responses: known ones as JSON, anything else as a bare 500. */
export function sendError(res: ServerResponse, error: unknown): void {
  if (error instanceof AppError) {
    if (error.retryAfterSeconds !== undefined) {
      res.setHeader('Retry-After', String(error.retryAfterSeconds));
    }
    sendJson(res, error.status, errorBody(error));
    return;
  }
  const known = clientError(error);
  if (known) {
    sendJson(res, known.status, { error: { code: known.code, message: known.message } });
    return;
  }
  // The request's log line (see request-logging.ts) carries it, stack and request id included;
  // the client gets none of it.
  res.err = error instanceof Error ? error : new Error(String(error));
  sendJson(res, 500, {
    error: {
      code: 'INTERNAL_ERROR',
      message: 'Something went wrong on our side. Please try again.',
    },
  });
}

export const errorHandler: ErrorRequestHandler = (error: unknown, _req, res, next) => {
  if (res.headersSent) {
    next(error);
    return;
  }
  sendError(res, error);
};
