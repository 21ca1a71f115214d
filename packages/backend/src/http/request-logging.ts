import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../observability/logger.js';
import type { NodeMiddleware } from './node-middleware.js';

export const REQUEST_ID_HEADER = 'X-Request-Id';

/** An id a proxy or client may send: short and printable, so it is safe to echo and to log. */
const INCOMING_ID = /^[\w.:-]{1,128}$/;

/** The caller's X-Request-Id when it is well formed, else a fresh one; echoed on the response. */
function requestIdFor(req: IncomingMessage, res: ServerResponse): string {
  const incoming = req.headers['x-request-id'];
  const id = typeof incoming === 'string' && INCOMING_ID.test(incoming) ? incoming : randomUUID();
  res.setHeader(REQUEST_ID_HEADER, id);
  return id;
}

const failures = new WeakMap<ServerResponse, Error>();

/** The error behind a 500, handed to the request's log line by the error middleware. */
export function recordFailure(res: ServerResponse, error: Error): void {
  failures.set(res, error);
}

/**
 * Gives the request an id and logs one line when its response is done (or its client gone):
 * `message` at info, or `request errored` at error, with the error's stack, for a 500. Only the method, URL, status and
 * time are logged: never headers (cookies), nor bodies (card numbers). One pino call per request
 * and no child logger: building one per request was a sixth of a checkout's CPU time.
 */
function oneLinePerResponse(logger: Logger, message: string): NodeMiddleware {
  return (req, res, next) => {
    const reqId = requestIdFor(req, res);
    const startedAt = performance.now();
    // As it came: Express's router rewrites `req.url` while a mounted router answers.
    const request = { method: req.method, url: req.url };
    res.once('close', () => {
      const line = {
        reqId,
        req: request,
        res: { statusCode: res.statusCode },
        responseTime: Math.round(performance.now() - startedAt),
      };
      const error =
        failures.get(res) ??
        (res.statusCode >= 500
          ? new Error(`failed with status code ${res.statusCode}`)
          : undefined);
      if (error) logger.error({ ...line, err: error }, 'request errored');
      else logger.info(line, message);
    });
    next();
  };
}

/** The request id and log line of every request Express or a route before it answers. */
export function requestLogging(logger: Logger): NodeMiddleware {
  return oneLinePerResponse(logger, 'request completed');
}

/**
 * The same for the availability streams: a stream stays open as long as its page does, and logs
 * its one line when it closes.
 */
export function streamLogging(logger: Logger): NodeMiddleware {
  return oneLinePerResponse(logger, 'stream closed');
}
