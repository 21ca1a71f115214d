import { describe, expect, it } from 'vitest';
import { createSweepSchedule } from './sweep.js';

const T = Date.UTC(2030, 0, 15, 12, 0, 0);

describe('when writes sweep run-out holds', () => {
  it('gives a concert one sweep per interval, from its first write on', () => {
    const sweeps = createSweepSchedule(100);

    expect(sweeps.claim('a', T)).toBe(true);
    expect(sweeps.claim('a', T + 99)).toBe(false);
    expect(sweeps.claim('a', T + 100)).toBe(true);
    expect(sweeps.claim('a', T + 150)).toBe(false);
  });

  it('keeps each concert to its own interval', () => {
    const sweeps = createSweepSchedule(100);
    sweeps.claim('a', T);

    expect(sweeps.claim('b', T + 1)).toBe(true);
    expect(sweeps.claim('a', T + 2)).toBe(false);
  });

  it('after a sweep was undone, lets the next write sweep', () => {
    const sweeps = createSweepSchedule(100);
    sweeps.claim('a', T);

    sweeps.reopen('a');

    expect(sweeps.claim('a', T + 1)).toBe(true);
    expect(sweeps.claim('a', T + 2)).toBe(false);
  });

  it('is not put off by a clock set back', () => {
    const sweeps = createSweepSchedule(100);
    sweeps.claim('a', T);

    expect(sweeps.claim('a', T - 1_000)).toBe(true);
  });
});
