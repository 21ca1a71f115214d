import type { ServerResponse } from 'node:http';
import bodyParser from 'body-parser';
import typeIs from 'type-is';
import { AppError } from '../lib/app-error.js';
import type { NodeMiddleware } from './node-middleware.js';

/** What Express's `res.status(status).json(body)` sends, on plain `node:http` responses too. */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(json));
  res.end(json);
}

/** What Express's `res.type(type).send(text)` sends: `type` is given with its charset. */
export function sendText(res: ServerResponse, type: string, text: string): void {
  res.statusCode = 200;
  res.setHeader('Content-Type', type);
  res.setHeader('Content-Length', Buffer.byteLength(text));
  res.end(text);
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

/**
 * A write's body: JSON only, at most `limit` (16 kB unless given), an object or array at the top;
 * read by `bodyOf`.
 */
export function jsonBody(limit = '16kb'): NodeMiddleware[] {
  return [requireJsonBody, bodyParser.json({ limit, strict: true })];
}

/** What an organizer may send: a concert with an arena's seating plan (50,000 seats, ~2.5 MB). */
export const ORGANIZER_BODY_LIMIT = '4mb';
