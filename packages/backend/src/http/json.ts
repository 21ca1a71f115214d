import type { ServerResponse } from 'node:http';
import bodyParser from 'body-parser';
import typeIs from 'type-is';
import { AppError } from '../lib/app-error.js';
import type { NodeMiddleware } from './node-middleware.js';

declare module 'http' {
  interface IncomingMessage {
    /** A write's parsed JSON body (see `jsonBody`). */
    body?: unknown;
  }
}

/** What Express's `res.status(status).json(body)` sends, on plain `node:http` responses too. */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(json));
  res.end(json);
}

/** Bodies are JSON: anything else is refused before it is parsed. */
const requireJsonBody: NodeMiddleware = (req, _res, next) => {
  const hasBody =
    req.headers['transfer-encoding'] !== undefined ||
    (req.headers['content-length'] !== undefined && req.headers['content-length'] !== '0');
  if (hasBody && !typeIs(req, ['application/json'])) {
    next(
      new AppError(
        'UNSUPPORTED_MEDIA_TYPE',
        'Send the body as JSON with Content-Type: application/json.',
      ),
    );
    return;
  }
  next();
};

/** A write's body: JSON only, at most 16 kB, an object or array at the top; read into `req.body`. */
export function jsonBody(): NodeMiddleware[] {
  return [requireJsonBody, bodyParser.json({ limit: '16kb', strict: true })];
}
