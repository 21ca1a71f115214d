import { describe, expect, it } from 'vitest';
import { reconnectDelay } from './reconnect-delay';

describe('reconnectDelay', () => {
  it('doubles from 1 s and stops growing at 30 s', () => {
    const longest = () => 0;

    expect([0, 1, 2, 3, 4, 5, 6, 20].map((attempt) => reconnectDelay(attempt, longest))).toEqual([
      1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000,
    ]);
  });

  it('spreads reconnects over the second half of each wait', () => {
    expect(reconnectDelay(2, () => 0.5)).toBe(3_000);
    expect(reconnectDelay(2, () => 0.999_999)).toBe(2_000);
  });
});
