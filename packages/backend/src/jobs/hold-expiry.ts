import { expireHolds, type HoldsDeps } from '../modules/holds/holds.service.js';
import type { Logger } from '../observability/logger.js';

export interface HoldExpiryJob {
  /** No sweep starts after this; resolves once a sweep already running is done. */
  stop(): Promise<void>;
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
  let running: Promise<void> | undefined;
  const timer = setInterval(() => {
    if (running) return;
    running = expireHolds(deps)
      .then(
        () => undefined,
        (error: unknown) => {
          logger.error({ err: error }, 'Hold cleanup failed; will retry');
        },
      )
      .finally(() => {
        running = undefined;
      });
  }, intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      // A sweep waiting out a busy database must not find the connection closed under it.
      await running;
    },
  };
}
