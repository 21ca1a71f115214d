import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  ipKeyGenerator,
  rateLimit,
  type ClientRateLimitInfo,
  type IncrementResponse,
  type Options,
  type Store,
} from 'express-rate-limit';
import { RedisStore, type RedisReply } from 'rate-limit-redis';
import { AppError } from '../lib/app-error.js';
import type { Logger } from '../observability/logger.js';
import type { NodeMiddleware } from './node-middleware.js';
import { addressOfRequest, bodyOf, sessionOf } from './request-context.js';

export type LimitName = 'ip' | 'session' | 'streams' | 'lookups' | 'links' | 'links-to';

export interface LimitMetrics {
  /** A request let through without its count, because the shared counts did not answer. */
  limitUnchecked(limit: LimitName): void;
}

/** Open streams per address. */
export interface StreamSlots {
  /**
   * Takes one of the address's `max` places, giving the function that gives it back; nothing
   * when every place is taken.
   */
  take(address: string, max: number): Promise<(() => void) | undefined>;
}

/**
 * Counts kept in Redis and shared by every instance, so that a client spread over N instances
 * by a load balancer meets the limits once, not N times.
 */
export interface SharedCounts {
  /** A raw Redis command, for the write counters. */
  send(args: string[]): Promise<RedisReply>;
  keyPrefix: string;
  streams: StreamSlots;
}

/** Where the limits count and what they tell of it. */
export interface LimitsDeps {
  /** Absent: each process counts in its own memory. */
  shared?: SharedCounts;
  metrics: LimitMetrics;
  logger: Logger;
}

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Only writes count: reading and watching are cheap and must never be refused for volume. */
function isNotWrite(req: IncomingMessage): boolean {
  return !WRITE_METHODS.has(req.method ?? '');
}

function rateLimited(message: string): AppError {
  return new AppError('RATE_LIMITED', message);
}

/** The shared counts did not answer: the request goes through unchecked. */
class CountUnavailable extends Error {}

/**
 * A limiter's writes per key in Redis, through the express-rate-limit team's store. A count that
 * cannot be had is a `CountUnavailable`. The store loads its scripts once, when the limiter is
 * made, and keeps their failure for good: if Redis did not answer then, they are loaded again
 * before the next count.
 */
class SharedWriteCounts implements Store {
  readonly localKeys = false;
  readonly prefix: string;
  readonly #redis: RedisStore;
  #options: Options | undefined;
  /** Settles true once the scripts are loaded, false if that failed. */
  #scripts: Promise<boolean> = Promise.resolve(false);

  constructor(shared: SharedCounts, name: LimitName) {
    this.prefix = `${shared.keyPrefix}writes:${name}:`;
    this.#redis = new RedisStore({
      sendCommand: (...args: string[]) => shared.send(args),
      prefix: this.prefix,
    });
  }

  init(options: Options): void {
    this.#options = options;
    this.#loadScripts();
  }

  #loadScripts(): void {
    if (!this.#options) return;
    // Whether Redis answers is logged by its connection.
    this.#scripts = this.#redis.init(this.#options).then(
      () => true,
      () => false,
    );
  }

  async #counted<T>(count: () => Promise<T>): Promise<T> {
    const scripts = this.#scripts;
    if (!(await scripts)) {
      // One load at a time: requests arriving meanwhile wait for the same one.
      if (this.#scripts === scripts) this.#loadScripts();
      if (!(await this.#scripts)) throw new CountUnavailable('Redis did not load the scripts');
    }
    try {
      return await count();
    } catch (error) {
      throw new CountUnavailable('The shared count did not answer', { cause: error });
    }
  }

  get(key: string): Promise<ClientRateLimitInfo | undefined> {
    return this.#counted(() => this.#redis.get(key));
  }

  increment(key: string): Promise<IncrementResponse> {
    return this.#counted(() => this.#redis.increment(key));
  }

  decrement(key: string): Promise<void> {
    return this.#counted(() => this.#redis.decrement(key));
  }

  resetKey(key: string): Promise<void> {
    return this.#counted(() => this.#redis.resetKey(key));
  }
}

/** What one limiter counts, and what it says when it refuses. */
interface LimitOptions {
  name: LimitName;
  /** Requests per window; 0: no limit. */
  limit: number;
  windowMs: number;
  message: string;
  keyOf: (req: IncomingMessage) => string;
  /** Only requests answered with an error count: attempts that guessed wrong. */
  failuresOnly?: boolean;
}

/**
 * One limiter, counted in this process's memory or, shared, in Redis. The library sets
 * `Retry-After` and the standard `RateLimit` headers; the refusal itself goes through the error
 * middleware like every other error. Given its key, the limiter reads nothing of the request but
 * its method, so the same one counts the writes Express answers and those answered before it.
 * When the shared count does not answer, the request goes through: a shopper is never refused,
 * nor answered 500, because a counter is down.
 */
function writeLimit(deps: LimitsDeps, options: LimitOptions): NodeMiddleware[] {
  const { name, limit, message } = options;
  if (limit === 0) return [];
  const limiter = rateLimit({
    windowMs: options.windowMs,
    limit,
    identifier: name,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    skip: isNotWrite,
    skipSuccessfulRequests: options.failuresOnly ?? false,
    keyGenerator: options.keyOf,
    handler: (_req, _res, next) => {
      next(rateLimited(message));
    },
    ...(deps.shared && { store: new SharedWriteCounts(deps.shared, name) }),
    logger: deps.logger,
  });
  // Typed for Express's request and response; it uses nothing of them beyond node:http's but
  // `res.append`, for its `RateLimit` headers, which a plain response gets as node's own
  // equivalent.
  const express = limiter as unknown as NodeMiddleware;
  return [
    (req, res, next) => {
      const response = res as ServerResponse & { append?: ServerResponse['appendHeader'] };
      response.append ??= res.appendHeader.bind(res);
      express(req, res, (error?: unknown) => {
        if (error instanceof CountUnavailable) {
          deps.metrics.limitUnchecked(name);
          next();
          return;
        }
        next(error);
      });
    },
  ];
}

/**
 * Writes per client address (`addressOf`: behind a proxy, the one TRUST_PROXY makes Express
 * see), with IPv6 addresses grouped by their /56 as one household. Runs before sessions are read,
 * so a client that drops its cookie to get a fresh session still counts against its address.
 */
export function ipWriteLimit(
  deps: LimitsDeps,
  limit: number,
  addressOf: (req: IncomingMessage) => string,
): NodeMiddleware[] {
  return writeLimit(deps, {
    name: 'ip',
    limit,
    windowMs: 60_000,
    message:
      'Too many requests from your network in a short time. Please wait a moment and try again.',
    keyOf: (req) => ipKeyGenerator(addressOf(req)),
  });
}

/** Writes per signed session: needs the session middleware in front of it. */
export function sessionWriteLimit(deps: LimitsDeps, limit: number): NodeMiddleware[] {
  return writeLimit(deps, {
    name: 'session',
    limit,
    windowMs: 60_000,
    message:
      'Too many requests from this browser in a short time. Please wait a moment and try again.',
    keyOf: sessionOf,
  });
}

/** Tries at opening bookings per hour. */
export const BOOKING_LOOKUP_FAILURES_PER_HOUR = 10;
export const BOOKING_LINKS_PER_HOUR = 5;

/**
 * Failed tries at opening bookings (a wrong email and confirmation code, a bad link) per client
 * address, an hour at a time: with some 10^11 codes per address, guessing is hopeless. Needs
 * the client's address recorded in front of it.
 */
export function bookingLookupLimit(deps: LimitsDeps): NodeMiddleware[] {
  return writeLimit(deps, {
    name: 'lookups',
    limit: BOOKING_LOOKUP_FAILURES_PER_HOUR,
    windowMs: 3_600_000,
    message:
      'Too many tries that matched no booking from your network. Please wait an hour, or ask for a link by email.',
    keyOf: addressOfRequest,
    failuresOnly: true,
  });
}

/**
 * Links to bookings asked for, per client address and per email address, an hour at a time:
 * nobody fills a mailbox with them. Needs the body parsed in front of it.
 */
export function bookingLinkLimit(deps: LimitsDeps): NodeMiddleware[] {
  const message = 'Several links were sent already. Please check your email, or wait an hour.';
  return [
    ...writeLimit(deps, {
      name: 'links',
      limit: BOOKING_LINKS_PER_HOUR,
      windowMs: 3_600_000,
      message,
      keyOf: addressOfRequest,
    }),
    ...writeLimit(deps, {
      name: 'links-to',
      limit: BOOKING_LINKS_PER_HOUR,
      windowMs: 3_600_000,
      message,
      keyOf: (req) => {
        const body = bodyOf(req);
        const email =
          typeof body === 'object' && body !== null && 'email' in body ? body.email : '';
        return typeof email === 'string' ? email.trim().toLowerCase() : '';
      },
    }),
  ];
}

/** Open streams counted in this process's memory. */
function streamSlotsInMemory(): StreamSlots {
  const open = new Map<string, number>();
  return {
    take(address, max) {
      const count = open.get(address) ?? 0;
      if (count >= max) return Promise.resolve(undefined);
      open.set(address, count + 1);
      return Promise.resolve(() => {
        const left = (open.get(address) ?? 1) - 1;
        if (left > 0) open.set(address, left);
        else open.delete(address);
      });
    },
  };
}

/**
 * Refuses a new event stream from an address that already has `max` open, here or, shared, on
 * any instance. A stream holds its place until its response closes for whatever reason: the
 * browser left, the network dropped, the request failed, or the server ended it.
 */
export function streamsPerIpCap(
  deps: LimitsDeps,
  max: number,
  addressOf: (req: IncomingMessage) => string,
): NodeMiddleware[] {
  if (max === 0) return [];
  const slots = deps.shared?.streams ?? streamSlotsInMemory();
  const cap: NodeMiddleware = (req, res, next) => {
    slots.take(ipKeyGenerator(addressOf(req)), max).then((release) => {
      if (!release) {
        next(
          rateLimited(
            'Too many live availability streams from your network. Close a few tabs and reload.',
          ),
        );
        return;
      }
      // Gone while its place was taken: there is no stream to keep it for.
      if (res.closed || res.destroyed) {
        release();
        return;
      }
      res.once('close', release);
      next();
    }, next);
  };
  return [cap];
}
