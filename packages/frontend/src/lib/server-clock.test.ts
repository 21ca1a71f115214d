import { describe, expect, it } from 'vitest';
import { clockOffsetMs, serverNow } from './server-clock';

const BROWSER_NOW = Date.parse('2030-01-15T12:00:00.000Z');

describe('the server clock', () => {
  it('is ahead of the browser by how far serverTime was ahead when the answer arrived', () => {
    expect(clockOffsetMs('2030-01-15T12:05:00.000Z', BROWSER_NOW)).toBe(300_000);
    expect(clockOffsetMs('2030-01-15T11:58:00.000Z', BROWSER_NOW)).toBe(-120_000);
  });

  it("reads the server's now from the browser's clock and the offset", () => {
    expect(serverNow(300_000, BROWSER_NOW + 1_000)).toBe(BROWSER_NOW + 301_000);
    expect(serverNow(-120_000, BROWSER_NOW)).toBe(BROWSER_NOW - 120_000);
  });
});
