import type { Repositories } from '../../db/store.js';
import { AppError } from '../../lib/app-error.js';
import { concertNotFound } from '../concerts/concerts.service.js';
import type { HoldRecord } from './holds.repo.js';

export function holdExpired(): AppError {
  return new AppError('HOLD_EXPIRED', 'Your tickets are no longer held. Please choose them again.');
}

export function noActiveHold(): AppError {
  return new AppError('NO_ACTIVE_HOLD', 'You have no tickets held for this concert.');
}

/**
 * How long the trace of a hold that ran out is kept (see `requireLiveHold`): a checkout page left
 * open longer than that is told it holds nothing rather than that its hold ran out.
 */
export const RUN_OUT_TRACE_MS = 24 * 60 * 60 * 1000;

/** The session's hold on the concert if it has not run out by `now`, swept or not. */
export async function liveHoldOf(
  repos: Pick<Repositories, 'holds'>,
  sessionId: string,
  concertId: string,
  now: number,
): Promise<HoldRecord | undefined> {
  const hold = await repos.holds.find(sessionId, concertId);
  return hold && now < hold.expiresAt ? hold : undefined;
}

/**
 * The session's live hold on the concert, for a write that needs one. Without it: 410
 * HOLD_EXPIRED only if the session's hold ran out (still there past its expiry, or swept and
 * traced); 404 NO_ACTIVE_HOLD if it never held anything here, or gave it back or bought it.
 */
export async function requireLiveHold(
  repos: Pick<Repositories, 'holds' | 'concerts'>,
  sessionId: string,
  concertId: string,
  now: number,
): Promise<HoldRecord> {
  const hold = await repos.holds.find(sessionId, concertId);
  if (hold && now < hold.expiresAt) return hold;
  if (hold) throw holdExpired();
  if (!(await repos.concerts.exists(concertId))) throw concertNotFound();
  if (await repos.holds.ranOut(sessionId, concertId, now - RUN_OUT_TRACE_MS)) throw holdExpired();
  throw noActiveHold();
}
