import { describe, expect, it } from 'vitest';
import { availableTickets } from './availability.js';

describe('availableTickets', () => {
  it('is what is left of the total after sold and held tickets', () => {
    const available = availableTickets({ total: 100, sold: 30, held: 12 });

    expect(available).toBe(58);
  });

  it('is the whole total when nothing is sold or held', () => {
    expect(availableTickets({ total: 40, sold: 0, held: 0 })).toBe(40);
  });

  it('is zero when sold and held tickets exactly use up the total', () => {
    expect(availableTickets({ total: 10, sold: 7, held: 3 })).toBe(0);
  });

  it('is never negative, even when the counters overshoot the total', () => {
    expect(availableTickets({ total: 10, sold: 8, held: 5 })).toBe(0);
    expect(availableTickets({ total: 0, sold: 1, held: 0 })).toBe(0);
  });

  it('keeps the tickets a waiting list asks for from sale', () => {
    expect(availableTickets({ total: 10, sold: 6, held: 1, waiting: 2 })).toBe(1);
    expect(availableTickets({ total: 10, sold: 6, held: 1, waiting: 5 })).toBe(0);
  });
});
