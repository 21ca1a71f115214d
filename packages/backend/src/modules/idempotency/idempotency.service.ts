import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { IDEMPOTENCY_KEY_HEADER } from '@ticket-booking/shared';
import type { Store, Transaction } from '../../db/store.js';
import type { ErrorBody } from '@ticket-booking/shared';
import { AppError, errorBody } from '../../lib/app-error.js';
import type { Clock } from '../../lib/clock.js';

/** How long an answer is kept, and given again to a repeat of its request. */
export const IDEMPOTENCY_WINDOW_MS = 24 * 60 * 60 * 1000;

/** Old keys deleted per cleanup transaction, so that cleaning never holds the write lock long. */
const CLEANUP_BATCH = 500;

export interface IdempotencyDeps {
  store: Store;
  clock: Clock;
}

/** A request's Idempotency-Key, with the endpoint it was sent to: each has keys of its own. */
export interface IdempotencyKey {
  endpoint: string;
  key: string;
}

/**
 * An answer as the API sends it: a status and a JSON body, `T` on success, or an error's body
 * when an error was kept as the key's outcome.
 */
export interface Reply<T> {
  status: number;
  body: T | ErrorBody;
  /** Given before, to an earlier request with the same key, and given again unchanged. */
  replayed: boolean;
}

export interface Attempt {
  sessionId: string;
  key: IdempotencyKey | undefined;
  /** What makes two requests the same: the parsed request, or the part of it that may be kept. */
  request: unknown;
}

function fingerprintOf(request: unknown): string {
  // Canonical JSON (RFC 8785): the same request hashes the same whatever its key order.
  return createHash('sha256')
    .update(canonicalize(request) ?? '')
    .digest('base64url');
}

function keyReused(): AppError {
  return new AppError(
    'IDEMPOTENCY_KEY_REUSED',
    'This Idempotency-Key was already used for a different request. Use a new key for a new request.',
    [{ field: IDEMPOTENCY_KEY_HEADER, message: 'Already used for a different request' }],
  );
}

/**
 * Which outcomes are kept and replayed. A success, and a 4xx that the rules decided from what is
 * stored (not enough tickets, a declined card, a hold that ran out, no such concert or tier): a
 * repeat of the request is the same attempt and must learn the same outcome, never be a second
 * try at it; trying again is a new attempt, with a new key. Not kept: a 5xx (our failure), and
 * anything that says "come back later" (503 BUSY, 429, any Retry-After). Those are exactly what
 * a client retries with the same key, so the retry must do the work. They are thrown, rolling
 * the whole transaction back, key included.
 */
function isSettledOutcome(error: unknown): error is AppError {
  return (
    error instanceof AppError &&
    error.status >= 400 &&
    error.status < 500 &&
    error.status !== 429 &&
    error.retryAfterSeconds === undefined
  );
}

async function settle<T>(
  tx: Transaction,
  status: number,
  work: () => Promise<T>,
): Promise<Reply<T>> {
  try {
    return { status, body: await tx.savepoint(work), replayed: false };
  } catch (error) {
    if (!isSettledOutcome(error)) throw error;
    // The savepoint undid whatever the work had begun; only its answer is kept.
    return { status: error.status, body: errorBody(error), replayed: false };
  }
}

/**
 * Answers `work` (with `status` when it succeeds) at most once per idempotency key. It runs
 * inside the caller's write transaction `tx`, so looking the key up, doing the work and storing the answer
 * are one transaction: a repeat sent at the same moment, by this process or another on the same
 * database, waits for the store's lock and then finds the answer. Nothing is locked in memory and
 * nothing is polled. A replay does no work, so the work's after-commit announcements are not made
 * again; a refusal kept as the outcome undid them with the rest of the work.
 *
 * Without a key, the work just runs, with no database work added, and its errors are thrown.
 * With one, the outcomes that are kept come back as a reply, error or not.
 */
export async function answerOnce<T>(
  tx: Transaction,
  now: number,
  attempt: Attempt,
  status: number,
  work: () => Promise<T>,
): Promise<Reply<T>> {
  if (!attempt.key) return { status, body: await work(), replayed: false };
  const { endpoint, key } = attempt.key;
  const fingerprint = fingerprintOf(attempt.request);
  const stored = await tx.idempotency.find(
    attempt.sessionId,
    endpoint,
    key,
    now - IDEMPOTENCY_WINDOW_MS,
  );
  if (stored) {
    if (stored.fingerprint !== fingerprint) throw keyReused();
    return { status: stored.status, body: stored.body as T | ErrorBody, replayed: true };
  }
  const reply = await settle(tx, status, work);
  await tx.idempotency.save({
    sessionId: attempt.sessionId,
    endpoint,
    key,
    fingerprint,
    status: reply.status,
    body: reply.body,
    createdAt: now,
  });
  return reply;
}

/**
 * The cleanup job's share: deletes the keys whose day is over, a batch per transaction. Lookups
 * ignore them already, so this only keeps the table small.
 */
export async function forgetExpiredKeys(deps: IdempotencyDeps): Promise<number> {
  let forgotten = 0;
  for (;;) {
    const cutoff = deps.clock.now() - IDEMPOTENCY_WINDOW_MS;
    const deleted = await deps.store.write((tx) =>
      tx.idempotency.deleteStoredUntil(cutoff, CLEANUP_BATCH),
    );
    forgotten += deleted;
    if (deleted < CLEANUP_BATCH) return forgotten;
  }
}
