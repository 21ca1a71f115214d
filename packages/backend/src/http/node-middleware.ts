import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendError } from './errors.js';

/**
 * Connect-style middleware over plain `node:http` objects. Helmet, cors, body-parser and the
 * product's own request middleware are written this way, so the same instances serve Express
 * and the routes answered before it.
 */
export type NodeMiddleware = (
  req: IncomingMessage,
  res: ServerResponse,
  next: (error?: unknown) => void,
) => void;

/** Takes a request it matches and answers it; false, having done nothing, for any other. */
export type NodeRoute = (req: IncomingMessage, res: ServerResponse) => boolean;

/**
 * A route answered before Express: for `methods` on a path `pattern` matches (query strings
 * aside), `before` runs in order, then `handle` gets the pattern's captures. Whatever any of them
 * throws, rejects with or passes to `next` is answered as every error is (see `sendError`).
 */
export function nodeRoute(
  methods: readonly string[],
  pattern: RegExp,
  before: readonly NodeMiddleware[],
  handle: (
    req: IncomingMessage,
    res: ServerResponse,
    captures: (string | undefined)[],
  ) => void | Promise<void>,
): NodeRoute {
  return (req, res) => {
    if (!methods.includes(req.method ?? '')) return false;
    const match = pattern.exec((req.url ?? '').split('?', 1)[0] ?? '');
    if (!match) return false;
    const fail = (error: unknown): void => {
      if (res.headersSent) res.destroy();
      else sendError(res, error);
    };
    const step = (index: number, refused?: unknown): void => {
      if (refused !== undefined) {
        fail(refused);
        return;
      }
      try {
        const middleware = before[index];
        if (middleware) {
          middleware(req, res, (error) => {
            step(index + 1, error);
          });
          return;
        }
        const handled = handle(req, res, match.slice(1));
        if (handled) handled.catch(fail);
      } catch (error) {
        fail(error);
      }
    };
    step(0);
    return true;
  };
}
