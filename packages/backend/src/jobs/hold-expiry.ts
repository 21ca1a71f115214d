import { expireHolds, type HoldsDeps } from '../modules/holds/holds.service.js';
import type { Logger } from '../observability/logger.js';

export interface HoldExpiryJob {
  stop(): void;
}

/**
 * Sweeps run-out holds every `intervalMs`. Availability never waits for it (reads and writes
 * already ignore run-out holds); it keeps the tables small.
 */
export function startHoldExpiryJob(
  deps: HoldsDeps,
  intervalMs: number,
  logger: Logger,
): HoldExpiryJob {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    expireHolds(deps)
      .catch((error: unknown) => {
        logger.error({ err: error }, 'Hold cleanup failed; will retry');
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
