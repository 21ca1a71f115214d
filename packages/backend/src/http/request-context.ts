import type { IncomingMessage } from 'node:http';
import type { IdempotencyKey } from '../modules/idempotency/idempotency.service.js';

/**
 * What the server learns about a request on its way through, kept beside it rather than on it:
 * only the routes whose pipeline sets a field can read it, and `node:http`'s types stay as they are.
 */
export interface RequestContext {
  /** The registry pattern of the route answering, e.g. `/api/holds/:concertId`. */
  route?: string;
  /** The shopper's session, set by the session middleware on the shoppers' API. */
  sessionId?: string;
  /** The client's address as the per-address limits count it, set on the shoppers' API. */
  clientAddress?: string;
  /** Whether that address is one many shoppers share (`SHARED_ADDRESSES`). */
  sharedAddress?: boolean;
  /** Set on the endpoints that take an Idempotency-Key, when the request sent one. */
  idempotencyKey?: IdempotencyKey;
}

// Weak, so a context goes with its request: nothing to clean up, whatever way a request ends.
const contexts = new WeakMap<IncomingMessage, RequestContext>();

export function requestContext(req: IncomingMessage): RequestContext {
  let context = contexts.get(req);
  if (!context) {
    context = {};
    contexts.set(req, context);
  }
  return context;
}

/** The shopper's session; throws on a route the session middleware did not run for. */
export function sessionOf(req: IncomingMessage): string {
  const sessionId = contexts.get(req)?.sessionId;
  if (sessionId === undefined) {
    throw new Error(
      `${req.method ?? ''} ${req.url ?? ''} has no session: it is not a shopper route`,
    );
  }
  return sessionId;
}

/** The client's address as the per-address limits count it; throws off the shoppers' API. */
export function addressOfRequest(req: IncomingMessage): string {
  const address = contexts.get(req)?.clientAddress;
  if (address === undefined) {
    throw new Error(`${req.method ?? ''} ${req.url ?? ''} has no client address recorded`);
  }
  return address;
}

/** A write's parsed JSON body, as the body parser leaves it on the request. */
export function bodyOf(req: IncomingMessage): unknown {
  return (req as IncomingMessage & { body?: unknown }).body;
}

/** Whether the client's address is one many shoppers share, as the per-address limits tell. */
export function isSharedAddress(req: IncomingMessage): boolean {
  return contexts.get(req)?.sharedAddress === true;
}
