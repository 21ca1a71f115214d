import type { Clock } from '../lib/clock.js';

export interface FakeClock extends Clock {
  advance(ms: number): void;
  set(epochMs: number): void;
}

/** A clock that moves only when a test moves it. */
export function createFakeClock(start = Date.UTC(2030, 0, 15, 12, 0, 0)): FakeClock {
  let now = start;
  return {
    now: () => now,
    advance(ms) {
      now += ms;
    },
    set(epochMs) {
      now = epochMs;
    },
  };
}
