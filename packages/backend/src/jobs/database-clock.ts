import type { Clock } from '../lib/clock.js';
import type { Logger } from '../observability/logger.js';

/** How often the database's clock is read again: the host's monotonic clock drifts by far less than a millisecond a minute. */
export const CLOCK_READ_INTERVAL_MS = 60_000;

/** Readings per measurement; the quickest round trip is the one trusted. */
export const CLOCK_READINGS = 5;

/**
 * A host clock further than this from the database's is worth telling the operator of: its log
 * lines' times are then off, and a host that far out is likely off for other software too.
 */
export const HOST_CLOCK_WARNING_MS = 1000;

export interface DatabaseClockDeps {
  /** The database's time now, in epoch milliseconds. */
  databaseTime: () => Promise<number>;
  logger: Logger;
  /** Milliseconds that only ever move forward at a steady pace: `performance.now`. */
  monotonic?: () => number;
  /** The host's own clock, read only to warn when it is off. */
  hostTime?: () => number;
  intervalMs?: number;
}

export interface DatabaseClock extends Clock {
  /** Stops reading the database's clock; `now` goes on from the last reading. */
  stop(): void;
}

/**
 * A clock that follows the database's, so every instance serving it agrees on when a hold runs
 * out, whatever their hosts' clocks say. Each measurement reads the database's clock a few times
 * and keeps the reading with the quickest round trip, taken as made halfway through it; from then
 * on, time is that reading plus the host's monotonic clock, which a host clock set or stepped
 * does not move. It is read again every `intervalMs`; a failed reading keeps the last one. Time
 * never runs backwards: a new reading behind the time already given waits for it.
 */
export async function followDatabaseClock(deps: DatabaseClockDeps): Promise<DatabaseClock> {
  const monotonic = deps.monotonic ?? (() => performance.now());
  const hostTime = deps.hostTime ?? (() => Date.now());
  let hostOff = false;

  async function reading(): Promise<{ roundTrip: number; base: number }> {
    const sent = monotonic();
    const at = await deps.databaseTime();
    const received = monotonic();
    return { roundTrip: received - sent, base: at - (sent + received) / 2 };
  }

  async function measure(): Promise<number> {
    let best = await reading();
    for (let more = 1; more < CLOCK_READINGS; more += 1) {
      const next = await reading();
      if (next.roundTrip < best.roundTrip) best = next;
    }
    const hostAhead = hostTime() - (monotonic() + best.base);
    const off = Math.abs(hostAhead) > HOST_CLOCK_WARNING_MS;
    if (off && !hostOff) {
      deps.logger.warn(
        { hostAheadMs: Math.round(hostAhead) },
        `This host's clock is ${Math.round(hostAhead)} ms off the database's: the server goes by the database's; the host's shows only in log times`,
      );
    }
    hostOff = off;
    return best.base;
  }

  let base = await measure();
  let last = -Infinity;
  let measuring = false;
  const timer = setInterval(() => {
    // A database too slow to answer within the interval is not asked twice at once.
    if (measuring) return;
    measuring = true;
    measure()
      .then(
        (measured) => {
          base = measured;
        },
        (error: unknown) => {
          deps.logger.warn(
            { err: error },
            'Could not read the database clock; going by the last reading',
          );
        },
      )
      .finally(() => {
        measuring = false;
      });
  }, deps.intervalMs ?? CLOCK_READ_INTERVAL_MS);
  timer.unref();

  return {
    now() {
      last = Math.max(last, Math.floor(monotonic() + base));
      return last;
    },
    stop() {
      clearInterval(timer);
    },
  };
}
