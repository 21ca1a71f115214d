import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createTicketCodes } from './ticket-codes.js';

describe('ticket codes', () => {
  const codes = createTicketCodes(randomBytes(32));

  it('name the booking and the ticket they were made for, in 46 URL-safe characters', () => {
    const bookingId = randomUUID();

    const code = codes.codeOf({ bookingId, number: 3 }, 'harbor-lights');

    expect(code).toMatch(/^[A-Za-z0-9_-]{46}$/);
    expect(codes.read(code)).toEqual({ bookingId, number: 3 });
    expect(codes.isGenuine(code, 'harbor-lights')).toBe(true);
    expect(codes.codeOf({ bookingId, number: 3 }, 'harbor-lights')).toBe(code);
    expect(codes.codeOf({ bookingId, number: 4 }, 'harbor-lights')).not.toBe(code);
  });

  it('refuse a code with any character changed, another concert’s, another database’s, or a made-up one', () => {
    const code = codes.codeOf({ bookingId: randomUUID(), number: 1 }, 'harbor-lights');
    const other = createTicketCodes(randomBytes(32));

    for (let i = 0; i < code.length; i += 1) {
      const changed = code.slice(0, i) + (code[i] === 'A' ? 'B' : 'A') + code.slice(i + 1);
      expect(codes.isGenuine(changed, 'harbor-lights')).toBe(false);
    }
    expect(codes.isGenuine(code, 'river-stage')).toBe(false);
    expect(other.isGenuine(code, 'harbor-lights')).toBe(false);
    expect(codes.isGenuine('A'.repeat(46), 'harbor-lights')).toBe(false);
    expect(codes.read(code.slice(1))).toBeUndefined();
    expect(codes.read(`${code.slice(0, 45)}*`)).toBeUndefined();
  });

  it('are checked by a door with its concert’s key alone, as the door page does with no network', () => {
    const code = codes.codeOf({ bookingId: randomUUID(), number: 2 }, 'harbor-lights');
    const key = codes.doorKey('harbor-lights');

    const payload = Buffer.from(code.slice(0, 24), 'base64url');
    const tag = createHmac('sha256', key)
      .update(payload)
      .digest()
      .subarray(0, 16)
      .toString('base64url');

    expect(code.slice(24)).toBe(tag);
    expect(codes.doorKey('river-stage').equals(key)).toBe(false);
  });

  it('still accept codes made before there were door keys, with the product’s own key', () => {
    const code = codes.codeOf({ bookingId: randomUUID(), number: 1 });

    expect(codes.isGenuine(code, 'harbor-lights')).toBe(true);
    expect(codes.isGenuine(code, 'river-stage')).toBe(true);
  });
});
