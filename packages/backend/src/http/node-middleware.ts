import type { IncomingMessage, ServerResponse } from 'node:http';

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
