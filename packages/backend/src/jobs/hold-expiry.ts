import { expireHolds, forgetRunOutHolds, type HoldsDeps } from '../modules/holds/holds.service.js';
import type { Logger } from '../observability/logger.js';
import { forgetExpiredKeys } from '../modules/idempotency/idempotency.service.js';

export interface HoldExpiryJob {
  /** Resolves once the sweep running now, if there is one, is done. */
  settled(): Promise<void>;
  /** No sweep starts after this; resolves once a sweep already running is done. */
  stop(): Promise<void>;
}

/**
 * Sweeps run-out holds, then idempotency keys and traces of run-out holds past their day, every
 * `intervalMs`. Nothing waits for it (reads and writes already ignore all three); it keeps the
 * tables small.
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
      .then(() => forgetExpiredKeys(deps))
      .then(() => forgetRunOutHolds(deps))
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
    async settled() {
      await running;
    },
    async stop() {
      clearInterval(timer);
      // A sweep waiting out a busy database must not find the connection closed under it.
      await running;
    },
  };
}
