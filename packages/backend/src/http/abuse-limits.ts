import type { IncomingMessage, ServerResponse } from 'node:http';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { AppError } from '../lib/app-error.js';
import type { NodeMiddleware } from './node-middleware.js';
import { sessionOf } from './request-context.js';

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Only writes count: reading and watching are cheap and must never be refused for volume. */
function isNotWrite(req: IncomingMessage): boolean {
  return !WRITE_METHODS.has(req.method ?? '');
}

function rateLimited(message: string): AppError {
  return new AppError('RATE_LIMITED', message);
}

/**
 * One limiter over a one-minute window, counted in this process's memory. The library sets
 * `Retry-After` and the standard `RateLimit` headers; the refusal itself goes through the error
 * middleware like every other error. Given its key, the limiter reads nothing of the request but
 * its method, so the same one counts the writes Express answers and those answered before it.
 */
function writesPerMinute(
  limit: number,
  name: string,
  message: string,
  keyOf: (req: IncomingMessage) => string,
): NodeMiddleware[] {
  if (limit === 0) return [];
  const limiter = rateLimit({
    windowMs: 60_000,
    limit,
    identifier: name,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    skip: isNotWrite,
    keyGenerator: keyOf,
    handler: (_req, _res, next) => {
      next(rateLimited(message));
    },
  });
  // Typed for Express's request and response; it uses nothing of them beyond node:http's but
  // `res.append`, for its `RateLimit` headers, which a plain response gets as node's own
  // equivalent.
  const express = limiter as unknown as NodeMiddleware;
  return [
    (req, res, next) => {
      const response = res as ServerResponse & { append?: ServerResponse['appendHeader'] };
      response.append ??= res.appendHeader.bind(res);
      express(req, res, next);
    },
  ];
}

/**
 * Writes per client address (`addressOf`: behind a proxy, the one TRUST_PROXY makes Express
 * see), with IPv6 addresses grouped by their /56 as one household. Runs before sessions are read,
 * so a client that drops its cookie to get a fresh session still counts against its address.
 */
export function ipWriteLimit(
  limit: number,
  addressOf: (req: IncomingMessage) => string,
): NodeMiddleware[] {
  return writesPerMinute(
    limit,
    'ip',
    'Too many requests from your network in a short time. Please wait a moment and try again.',
    (req) => ipKeyGenerator(addressOf(req)),
  );
}

/** Writes per signed session: needs the session middleware in front of it. */
export function sessionWriteLimit(limit: number): NodeMiddleware[] {
  return writesPerMinute(
    limit,
    'session',
    'Too many requests from this browser in a short time. Please wait a moment and try again.',
    sessionOf,
  );
}

/**
 * Refuses a new event stream from an address that already has `max` open. A stream holds its
 * place until its response closes for whatever reason: the browser left, the network dropped,
 * the request failed, or the server ended it.
 */
export function streamsPerIpCap(
  max: number,
  addressOf: (req: IncomingMessage) => string,
): NodeMiddleware[] {
  if (max === 0) return [];
  const open = new Map<string, number>();
  const cap: NodeMiddleware = (req, res, next) => {
    const key = ipKeyGenerator(addressOf(req));
    const count = open.get(key) ?? 0;
    if (count >= max) {
      next(
        rateLimited(
          'Too many live availability streams from your network. Close a few tabs and reload.',
        ),
      );
      return;
    }
    open.set(key, count + 1);
    res.once('close', () => {
      const left = (open.get(key) ?? 1) - 1;
      if (left > 0) open.set(key, left);
      else open.delete(key);
    });
    next();
  };
  return [cap];
}
