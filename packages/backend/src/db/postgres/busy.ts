import { AppError } from '../../lib/app-error.js';
import { isUnavailable } from './driver.js';

export function busyError(): AppError {
  return new AppError(
    'BUSY',
    'The box office is very busy right now. Please try again in a moment.',
    undefined,
    1,
  );
}

export function isBusy(error: unknown): boolean {
  return error instanceof AppError && error.code === 'BUSY';
}

/**
 * `work`'s outcome, but 503 BUSY, to be tried again in a moment, if the database was unavailable
 * (restarting, say) rather than a 500. A write cut off at its commit may have committed: a
 * shopper who tries again then finds it done (or, with an Idempotency-Key, is told so).
 */
export async function busyIfUnavailable<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    throw isUnavailable(error) ? busyError() : error;
  }
}
