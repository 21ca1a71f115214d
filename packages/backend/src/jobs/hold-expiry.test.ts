import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { countRows, storedTier } from '../test/inspect.js';
import { startTestApp, type TestApp } from '../test/test-app.js';
import { startHoldExpiryJob, type HoldExpiryJob } from './hold-expiry.js';

const CONCERT = 'test-concert';

/** Writes commit together on the event loop's next check phase (setImmediate, faked here). */
async function writesCommitted(): Promise<void> {
  await vi.advanceTimersToNextTimerAsync();
}

describe('the hold cleanup job', () => {
  let app: TestApp;
  let job: HoldExpiryJob | undefined;
  beforeEach(async () => {
    app = await startTestApp();
  });
  afterEach(async () => {
    job?.stop();
    vi.useRealTimers();
    await app.close();
  });

  it('every interval, deletes the holds that ran out and gives their tickets back to the counters', async () => {
    await app.shopper().checkout(CONCERT, [{ tier: 'vip', quantity: 4 }]);
    app.clock.advance(90_000);
    vi.useFakeTimers();
    job = startHoldExpiryJob(app.services, 10_000);

    await vi.advanceTimersByTimeAsync(9_999);
    expect(countRows(app.db, 'holds')).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    await writesCommitted();

    expect(countRows(app.db, 'holds')).toBe(0);
    expect(storedTier(app.db, CONCERT, 'vip')).toMatchObject({ heldCounter: 0, inHoldRows: 0 });
  });

  it('once stopped, it no longer runs', async () => {
    await app.shopper().checkout(CONCERT, [{ tier: 'vip', quantity: 4 }]);
    app.clock.advance(90_000);
    vi.useFakeTimers();
    job = startHoldExpiryJob(app.services, 10_000);

    job.stop();
    await vi.advanceTimersByTimeAsync(60_000);

    expect(countRows(app.db, 'holds')).toBe(1);
  });
});
