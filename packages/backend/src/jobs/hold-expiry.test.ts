import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IDEMPOTENCY_WINDOW_MS } from '../modules/idempotency/idempotency.service.js';
import { countRows, storedTier } from '../test/inspect.js';
import { startTestApp, type TestApp } from '../test/test-app.js';
import { startHoldExpiryJob, type HoldExpiryJob } from './hold-expiry.js';

const CONCERT = 'test-concert';

function storedKeys(app: TestApp): string[] {
  return app.db.sqlite
    .prepare<[], string>('SELECT key FROM idempotency_keys ORDER BY key')
    .pluck()
    .all();
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

    expect(countRows(app.db, 'holds')).toBe(0);
    expect(storedTier(app.db, CONCERT, 'vip')).toMatchObject({ heldCounter: 0, inHoldRows: 0 });
  });

  it('forgets idempotency keys once their 24 hours are over, and keeps younger ones', async () => {
    const shopper = app.shopper();
    await shopper.checkout(CONCERT, [{ tier: 'vip', quantity: 1 }], { 'Idempotency-Key': 'old' });
    app.clock.advance(60_000);
    await shopper.checkout(CONCERT, [{ tier: 'vip', quantity: 2 }], { 'Idempotency-Key': 'new' });
    app.clock.advance(IDEMPOTENCY_WINDOW_MS - 60_000 - 1);
    vi.useFakeTimers();
    job = startHoldExpiryJob(app.services, 10_000);

    await vi.advanceTimersByTimeAsync(10_000);
    expect(storedKeys(app)).toEqual(['new', 'old']);
    app.clock.advance(1);
    await vi.advanceTimersByTimeAsync(10_000);

    expect(storedKeys(app)).toEqual(['new']);
  });

  it('forgets every key past its day in one run, however many there are', async () => {
    const stored = { sessionId: 's', endpoint: 'POST /api/bookings', fingerprint: 'f' };
    app.db.sqlite.transaction(() => {
      for (let i = 0; i < 1_234; i += 1) {
        app.services.idempotency.save({
          ...stored,
          key: `k${i}`,
          status: 201,
          body: {},
          createdAt: app.clock.now(),
        });
      }
    })();
    app.clock.advance(IDEMPOTENCY_WINDOW_MS);
    vi.useFakeTimers();
    job = startHoldExpiryJob(app.services, 10_000);

    await vi.advanceTimersByTimeAsync(10_000);

    expect(countRows(app.db, 'idempotency_keys')).toBe(0);
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
