import { expireHolds, type HoldsDeps } from '../modules/holds/holds.service.js';

export interface HoldExpiryJob {
  stop(): void;
}

/**
 * Sweeps run-out holds every `intervalMs`. Availability never waits for it (reads and writes
 * already ignore run-out holds); it keeps the tables small.
 */
export function startHoldExpiryJob(deps: HoldsDeps, intervalMs: number): HoldExpiryJob {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    expireHolds(deps)
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
