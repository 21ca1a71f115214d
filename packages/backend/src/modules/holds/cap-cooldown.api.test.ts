import { ErrorBodySchema } from '@ticket-booking/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { countRows, storedTier } from '../../test/inspect.js';
import type { ApiResponse, Shopper } from '../../test/shopper.js';
import { startTestApp, type TestApp } from '../../test/test-app.js';
import { NO_ABUSE_LIMITS_CONFIG } from '../../test/test-config.js';
import { ALL_EXPIRED } from './holds.repo.js';
import { sweepBatch } from './sweep.js';

const CONCERT = 'test-concert';
const GA_2 = [{ tier: 'ga', quantity: 2 }];
const COOLDOWN_MS = 10 * 60_000;
const MINUTE = 60_000;

function expectCooldown(res: ApiResponse, seconds: number): void {
  expect(res.status, JSON.stringify(res.body)).toBe(429);
  expect(ErrorBodySchema.parse(res.body).error.code).toBe('HOLD_COOLDOWN');
  expect(res.headers.get('retry-after')).toBe(String(seconds));
}

describe('the hard cap applies to the shopper', () => {
  let app: TestApp;
  afterEach(async () => {
    await app.close();
  });

  async function start(hardCapCooldownMs = COOLDOWN_MS): Promise<TestApp> {
    app = await startTestApp({
      config: { abuseLimits: { ...NO_ABUSE_LIMITS_CONFIG, hardCapCooldownMs } },
    });
    return app;
  }

  /** Holds and keeps the hold alive with a heartbeat a minute until its hard cap strikes. */
  async function holdUntilCap(shopper: Shopper): Promise<void> {
    expect((await shopper.checkout(CONCERT, GA_2)).status).toBe(201);
    const { hardCapMs } = app.config.holdPolicy;
    for (let at = MINUTE; at < hardCapMs; at += MINUTE) {
      app.clock.advance(MINUTE);
      expect((await shopper.heartbeat(CONCERT, { active: true, visible: true })).status).toBe(200);
    }
    app.clock.advance(hardCapMs % MINUTE || MINUTE);
  }

  it('a session whose hold ran out at its cap cannot hold the concert again until the cool-down ends', async () => {
    await start();
    const shopper = app.shopper();
    await holdUntilCap(shopper);

    const atOnce = await shopper.checkout(CONCERT, GA_2);
    app.clock.advance(COOLDOWN_MS - 1000);
    const justBefore = await shopper.checkout(CONCERT, GA_2);
    app.clock.advance(1000);
    const after = await shopper.checkout(CONCERT, GA_2);

    expectCooldown(atOnce, COOLDOWN_MS / 1000);
    expect(ErrorBodySchema.parse(atOnce.body).error.message).toContain('again in 10 minutes');
    expectCooldown(justBefore, 1);
    expect(after.status).toBe(201);
    expect(await storedTier(app.db, CONCERT, 'ga')).toMatchObject({ heldCounter: 2 });
  });

  it('is kept once the run-out hold is swept, by its trace', async () => {
    await start();
    const shopper = app.shopper();
    await holdUntilCap(shopper);
    app.clock.advance(MINUTE);
    await sweepBatch(app.services, CONCERT, ALL_EXPIRED);
    expect(await countRows(app.db, 'holds')).toBe(0);

    const refused = await shopper.checkout(CONCERT, GA_2);

    expectCooldown(refused, (COOLDOWN_MS - MINUTE) / 1000);
    expect(await storedTier(app.db, CONCERT, 'ga')).toMatchObject({
      heldCounter: 0,
      inHoldRows: 0,
    });
  });

  it('does not keep other shoppers waiting, nor one whose hold ran out before its cap', async () => {
    await start();
    const capped = app.shopper();
    await holdUntilCap(capped);
    const idle = app.shopper();
    await idle.checkout(CONCERT, GA_2);
    app.clock.advance(app.config.holdPolicy.inactivityTimeoutMs + 1);

    const other = await app.shopper().checkout(CONCERT, GA_2);
    const idleAgain = await idle.checkout(CONCERT, GA_2);

    expect([other.status, idleAgain.status]).toEqual([201, 201]);
  });

  it('a live hold checked out again keeps its cap: re-checking out never makes a hold last longer', async () => {
    await start();
    const shopper = app.shopper();
    const first = await shopper.checkout(CONCERT, GA_2);
    app.clock.advance(MINUTE);

    const again = await shopper.checkout(CONCERT, [{ tier: 'ga', quantity: 3 }]);

    const capOf = (res: ApiResponse) =>
      (res.body as { hold: { hardCapAt: string } }).hold.hardCapAt;
    expect(again.status).toBe(201);
    expect(capOf(again)).toBe(capOf(first));
  });

  it('with HOLD_CAP_COOLDOWN_MS=0, a session may hold again as soon as its cap strikes', async () => {
    await start(0);
    const shopper = app.shopper();
    await holdUntilCap(shopper);

    expect((await shopper.checkout(CONCERT, GA_2)).status).toBe(201);
  });
});
