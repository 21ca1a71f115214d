import type { AvailabilityChanges } from '../modules/availability/availability.hub.js';
import {
  concertsToSweep,
  forgetRunOutBatch,
  offerWaitingTickets,
  sweepBatch,
  type ExpiryDeps,
} from '../modules/holds/index.js';
import {
  forgetExpiredKeys,
  type IdempotencyDeps,
} from '../modules/idempotency/idempotency.service.js';
import type { Logger } from '../observability/logger.js';

/**
 * Holds swept per transaction. A ticket drop's holds run out together, 90 s after it: swept at
 * once, 50,000 held the event loop and the write lock for 200 ms, while every request and every
 * fan-out of availability waited. A batch takes a couple of milliseconds, and the requests that
 * came meanwhile are served between two batches.
 */
export const EXPIRY_BATCH = 500;

/**
 * The pause between two batches, twice SQLite's busy timeout (`DEFAULT_BUSY_RETRY`): a write of
 * another process on the same database, waiting for the lock, gets it meanwhile. Batches back to
 * back kept it out until the whole sweep was done: it backed off further at each try, and a
 * shopper's checkout waited for hundreds of milliseconds.
 */
export const EXPIRY_PAUSE_MS = 10;

export type Sleep = (ms: number) => Promise<void>;

const sleepOnTimer: Sleep = (ms) =>
  new Promise((resolve) => {
    setTimeout(resolve, ms);
  });

export interface CleanupDeps extends ExpiryDeps, IdempotencyDeps {
  changes: AvailabilityChanges;
}

/**
 * Sweeps every concert that has run-out holds, in transactions of at most `EXPIRY_BATCH` holds,
 * `EXPIRY_PAUSE_MS` apart, each once the availability events being written have reached every
 * watcher (a batch in the middle of a fan-out to 10,000 delayed its last watcher by as long as
 * the batch took); then offers free tickets that waiting lists ask for. Correctness never waits
 * for this; it keeps the tables small. Returns the concerts whose holds it swept.
 */
export async function expireHolds(
  deps: CleanupDeps,
  sleep: Sleep = sleepOnTimer,
): Promise<string[]> {
  const changed: string[] = [];
  for (const concertId of await concertsToSweep(deps)) {
    for (;;) {
      await deps.changes.written();
      const expired = await sweepBatch(deps, concertId, EXPIRY_BATCH);
      if (expired === 0) break;
      if (changed.at(-1) !== concertId) changed.push(concertId);
      if (expired < EXPIRY_BATCH) break;
      await sleep(EXPIRY_PAUSE_MS);
    }
  }
  await offerWaitingTickets(deps);
  return changed;
}

/** Forgets the traces of holds that ran out over a day ago, a batch per transaction. */
export async function forgetRunOutHolds(deps: CleanupDeps): Promise<number> {
  let forgotten = 0;
  for (;;) {
    const deleted = await forgetRunOutBatch(deps, EXPIRY_BATCH);
    forgotten += deleted;
    if (deleted < EXPIRY_BATCH) return forgotten;
  }
}

/** The cleanup's name among the jobs that run in one server instance at a time. */
export const HOLD_CLEANUP_JOB = 'hold cleanup';

/**
 * `expireHolds`, unless another instance on the database is cleaning up: then it is left to
 * that one, and this resolves false.
 */
export function expireHoldsAlone(deps: CleanupDeps): Promise<boolean> {
  return deps.store.runAlone(HOLD_CLEANUP_JOB, async () => {
    await expireHolds(deps);
  });
}

/**
 * One round of the cleanup job, in one instance at a time: several sweeping together would only
 * queue on the same concerts' row locks. Resolves false if another instance was running one.
 */
export function cleanUp(deps: CleanupDeps): Promise<boolean> {
  return deps.store.runAlone(HOLD_CLEANUP_JOB, async () => {
    await expireHolds(deps);
    await forgetExpiredKeys(deps);
    await forgetRunOutHolds(deps);
  });
}

export interface HoldExpiryJob {
  /** Resolves once the sweep running now, if there is one, is done. */
  settled(): Promise<void>;
  /** No sweep starts after this; resolves once a sweep already running is done. */
  stop(): Promise<void>;
}

/**
 * Sweeps run-out holds, then idempotency keys and traces of run-out holds past their day, every
 * `intervalMs` (`cleanUp`: a round another instance is running is skipped here). Nothing waits
 * for it (reads and writes already ignore all three); it keeps the tables small.
 */
export function startHoldExpiryJob(
  deps: CleanupDeps,
  intervalMs: number,
  logger: Logger,
): HoldExpiryJob {
  let running: Promise<void> | undefined;
  const timer = setInterval(() => {
    if (running) return;
    running = cleanUp(deps)
      .then(
        (ran) => {
          if (!ran) logger.debug('Hold cleanup skipped: another instance is running it');
        },
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
