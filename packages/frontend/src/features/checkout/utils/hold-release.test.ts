import { describe, expect, it } from 'vitest';
import { holdFixture, NOW } from '../../../test/fixtures';
import { holdRelease } from './hold-release';

const MINUTE = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();

describe('holdRelease', () => {
  it('for an idle shopper is the inactivity timeout after the last activity, long before the deadline', () => {
    const hold = holdFixture({ deadlineAt: iso(NOW + 10 * MINUTE) });

    const release = holdRelease({ hold, offsetMs: 0, lastActivityAt: NOW, reconnecting: false });

    expect(release).toEqual({ at: NOW + 3 * MINUTE, limit: 'inactivity' });
  });

  it("is told by the server's clock, while the activity is timed by this browser's", () => {
    // The browser's clock is five minutes behind: the shopper's last activity, at the browser's
    // NOW, was at the server's NOW + 5 min.
    const offsetMs = 5 * MINUTE;
    const hold = holdFixture({
      deadlineAt: iso(NOW + 5 * MINUTE + 10 * MINUTE),
      hardCapAt: iso(NOW + 5 * MINUTE + 15 * MINUTE),
    });

    const release = holdRelease({ hold, offsetMs, lastActivityAt: NOW, reconnecting: false });

    expect(release).toEqual({ at: NOW + 5 * MINUTE + 3 * MINUTE, limit: 'inactivity' });
  });

  it('is the hard cap when that comes before the inactivity timeout', () => {
    const hold = holdFixture({
      deadlineAt: iso(NOW + 2 * MINUTE),
      hardCapAt: iso(NOW + 2 * MINUTE),
    });

    const release = holdRelease({ hold, offsetMs: 0, lastActivityAt: NOW, reconnecting: false });

    expect(release).toEqual({ at: NOW + 2 * MINUTE, limit: 'hard-cap' });
  });

  it('while heartbeats fail, is the expiry the server last answered if that comes first', () => {
    const hold = holdFixture({ expiresAt: iso(NOW + 90_000) });
    const args = { hold, offsetMs: 0, lastActivityAt: NOW + 30_000 };

    expect(holdRelease({ ...args, reconnecting: true })).toEqual({
      at: NOW + 90_000,
      limit: 'connection',
    });
    // Heartbeats that get through keep moving that expiry: it is not the one that will hold.
    expect(holdRelease({ ...args, reconnecting: false })).toEqual({
      at: NOW + 30_000 + 3 * MINUTE,
      limit: 'inactivity',
    });
  });
});
