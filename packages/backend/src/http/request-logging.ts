import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pinoHttp } from 'pino-http';
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

/**
 * Gives every request an id and `req.log`, a logger that stamps each line with it as `reqId`,
 * and logs one line per response. Only the method, URL and status are logged: never headers
 * (cookies), nor bodies (card numbers).
 */
export function requestLogging(logger: Logger): NodeMiddleware {
  return pinoHttp({
    logger,
    genReqId: requestIdFor,
    quietReqLogger: true,
    // The serializers below get the raw objects and copy two fields: nothing else is built.
    wrapSerializers: false,
    serializers: {
      req: (req: IncomingMessage) => ({ method: req.method, url: req.url }),
      res: (res: ServerResponse) => ({ statusCode: res.statusCode }),
    },
    // The error middleware hands a 500's error over as `res.err`, so its stack is in that line.
    customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : 'info'),
  });
}

/**
 * The same id and the same line for the availability streams, without pino-http: a stream stays
 * open as long as its page does, and the child logger pino-http keeps on each request would be
 * kept that long too, for every watcher. A stream logs only its one line, when it closes.
 */
export function streamLogging(logger: Logger): NodeMiddleware {
  return (req, res, next) => {
    const reqId = requestIdFor(req, res);
    const startedAt = performance.now();
    res.once('close', () => {
      logger.info(
        {
          reqId,
          req: { method: req.method, url: req.url },
          res: { statusCode: res.statusCode },
          responseTime: Math.round(performance.now() - startedAt),
        },
        'stream closed',
      );
    });
    next();
  };
}
