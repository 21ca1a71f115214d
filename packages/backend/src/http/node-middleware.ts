import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Connect-style middleware over plain `node:http` objects, for the requests answered before
 * Express (the availability streams). Helmet, cors and pino-http are written this way already.
 */
export type NodeMiddleware = (
  req: IncomingMessage,
  res: ServerResponse,
  next: (error?: unknown) => void,
) => void;
