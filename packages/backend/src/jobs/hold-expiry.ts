import { expireHolds, type HoldsDeps } from '../modules/holds/holds.service.js';
import { forgetExpiredKeys } from '../modules/idempotency/idempotency.service.js';

export interface HoldExpiryJob {
  stop(): void;
}

/**
 * Sweeps run-out holds, and idempotency keys past their day, every `intervalMs`. Nothing waits
 * for it (reads and writes already ignore both); it keeps the tables small.
 */
export function startHoldExpiryJob(deps: HoldsDeps, intervalMs: number): HoldExpiryJob {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    expireHolds(deps)
      .then(() => forgetExpiredKeys(deps))
      .catch((error: unknown) => {
        console.error('Hold cleanup failed; will retry', error);
      })
      .finally(() => {
        running = false;
      });
  }, intervalMs);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
    },
  };
}
