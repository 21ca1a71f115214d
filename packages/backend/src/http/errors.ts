import type { ServerResponse } from 'node:http';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { AppError, errorBody } from '../lib/app-error.js';
import { sendJson } from './json.js';
import { recordFailure } from './request-logging.js';

/** The body parser's errors, by their `type`, in our own words. */
const BODY_PARSER_ERRORS: Record<string, () => AppError> = {
  'entity.parse.failed': () => new AppError('INVALID_JSON', 'The body is not valid JSON.'),
  'entity.too.large': () => new AppError('PAYLOAD_TOO_LARGE', 'The body is too large.'),
  'encoding.unsupported': () =>
    new AppError('UNSUPPORTED_MEDIA_TYPE', 'The body encoding is not supported.'),
  'charset.unsupported': () =>
    new AppError('UNSUPPORTED_MEDIA_TYPE', 'The body must be UTF-8 JSON.'),
};

/**
 * Errors raised by the body parser carry a `type`; other client mistakes caught by Express or its
 * parsers (an undecodable URL, a body that is not the encoding it claims) carry a 4xx status.
 * Both are answered with our own wording, never the library's.
 */
function clientError(error: unknown): AppError | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  if ('type' in error && typeof error.type === 'string') {
    const known = BODY_PARSER_ERRORS[error.type];
    if (known) return known();
  }
  const status = 'status' in error && typeof error.status === 'number' ? error.status : 0;
  if (status >= 400 && status < 500) {
    return new AppError('BAD_REQUEST', 'The request could not be read.');
  }
  return undefined;
}

/** The answer to a path no route has; `url` as the request line gave it. */
export function noSuchRoute(method: string | undefined, url: string | undefined): AppError {
  return new AppError('NOT_FOUND', `There is no ${method ?? ''} ${(url ?? '').split('?', 1)[0]}.`);
}

export const apiNotFound: RequestHandler = (req, res) => {
  sendError(res, noSuchRoute(req.method, req.originalUrl));
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
    sendJson(res, known.status, errorBody(known));
    return;
  }
  // The request's log line (see request-logging.ts) carries it, stack and request id included;
  // the client gets none of it.
  recordFailure(res, error instanceof Error ? error : new Error(String(error)));
  const internal = new AppError(
    'INTERNAL_ERROR',
    'Something went wrong on our side. Please try again.',
  );
  sendJson(res, internal.status, errorBody(internal));
}

export const errorHandler: ErrorRequestHandler = (error: unknown, _req, res, next) => {
  if (res.headersSent) {
    next(error);
    return;
  }
  sendError(res, error);
};
