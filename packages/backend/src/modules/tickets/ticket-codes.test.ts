import { randomBytes, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createTicketCodes } from './ticket-codes.js';

describe('ticket codes', () => {
  const codes = createTicketCodes(randomBytes(32));

  it('name the booking and the ticket they were made for, in 46 URL-safe characters', () => {
    const bookingId = randomUUID();

    const code = codes.codeOf({ bookingId, number: 3 });

    expect(code).toMatch(/^[A-Za-z0-9_-]{46}$/);
    expect(codes.read(code)).toEqual({ bookingId, number: 3 });
    expect(codes.codeOf({ bookingId, number: 3 })).toBe(code);
    expect(codes.codeOf({ bookingId, number: 4 })).not.toBe(code);
  });

  it('refuse a code with any character changed, one of another database, or a made-up one', () => {
    const code = codes.codeOf({ bookingId: randomUUID(), number: 1 });
    const other = createTicketCodes(randomBytes(32));

    for (let i = 0; i < code.length; i += 1) {
      const changed = code.slice(0, i) + (code[i] === 'A' ? 'B' : 'A') + code.slice(i + 1);
      expect(codes.read(changed)).toBeUndefined();
    }
    expect(other.read(code)).toBeUndefined();
    expect(codes.read('A'.repeat(46))).toBeUndefined();
    expect(codes.read(code.slice(1))).toBeUndefined();
  });
});
