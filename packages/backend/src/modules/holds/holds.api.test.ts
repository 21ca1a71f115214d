import { holdExpiresAt, startHold } from '@ticket-booking/shared';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { countRows, storedEverything, storedRows, storedTier } from '../../test/inspect.js';
import { startTestApp, type TestApp } from '../../test/test-app.js';
import { expireHolds, EXPIRY_BATCH, EXPIRY_PAUSE_MS } from '../../jobs/hold-expiry.js';
import { SWEEP_INTERVAL_MS } from './sweep.js';

const CONCERT = 'test-concert';
const SECOND = 1000;
const MINUTE = 60 * SECOND;

function tierOf(concert: { tiers: { code: string; available: number }[] }, code: string) {
  return concert.tiers.find((tier) => tier.code === code);
}

describe('checkout holds', () => {
  let app: TestApp;
  beforeEach(async () => {
    app = await startTestApp();
  });
  afterEach(async () => {
    await app.close();
  });

  async function availableOf(code: string): Promise<number | undefined> {
    const res = await app.shopper().concert(CONCERT);
    return tierOf(res.body.concert, code)?.available;
  }

  it('when a shopper checks out, the tickets are held and no longer available to others', async () => {
    const shopper = app.shopper();

    const res = await shopper.checkout(CONCERT, [
      { tier: 'vip', quantity: 2 },
      { tier: 'ga', quantity: 3 },
    ]);

    expect(res.status).toBe(201);
    const start = app.clock.now();
    expect(res.body.hold).toEqual({
      concertId: CONCERT,
      items: [
        { tier: 'vip', name: 'VIP', quantity: 2, unitPriceCents: 25_000 },
        { tier: 'ga', name: 'GA', quantity: 3, unitPriceCents: 7_500 },
      ],
      totalCents: 2 * 25_000 + 3 * 7_500,
      currency: 'USD',
      createdAt: new Date(start).toISOString(),
      // No heartbeat yet: a page that never sends one loses the hold after interval + grace.
      expiresAt: new Date(start + 90 * SECOND).toISOString(),
      deadlineAt: new Date(start + 10 * MINUTE).toISOString(),
      hardCapAt: new Date(start + 15 * MINUTE).toISOString(),
      lastActiveAt: new Date(start).toISOString(),
      serverTime: new Date(start).toISOString(),
      heartbeatIntervalMs: 30_000,
      inactivityTimeoutMs: 180_000,
    });
    const concert = (await app.shopper().concert(CONCERT)).body.concert;
    expect(tierOf(concert, 'vip')).toMatchObject({ total: 10, sold: 0, held: 2, available: 8 });
    expect(tierOf(concert, 'ga')).toMatchObject({ total: 100, held: 3, available: 97 });
    expect(await storedTier(app.db, CONCERT, 'vip')).toMatchObject({
      heldCounter: 2,
      inHoldRows: 2,
    });
    expect(await countRows(app.db, 'holds')).toBe(1);
  });

  it('the checkout is found at its path as every other route is: in any letter case, with a trailing slash or a query', async () => {
    const paths = ['/API/Holds/Checkout', '/api/holds/checkout/', '/api/holds/checkout?from=app'];
    const checkout = { concertId: CONCERT, items: [{ tier: 'vip', quantity: 1 }] };

    const statuses = [];
    for (const path of paths)
      statuses.push((await app.shopper().request('POST', path, checkout)).status);
    const beyond = await app.shopper().request('POST', '/api/holds/checkout/more', checkout);

    expect(statuses).toEqual([201, 201, 201]);
    expect(beyond.status).toBe(404);
    expect(beyond.body.error.code).toBe('NOT_FOUND');
    expect(await countRows(app.db, 'holds')).toBe(3);
  });

  it('when a tier has too few tickets, nothing is held and the reply says what is left', async () => {
    await app.shopper().checkout(CONCERT, [{ tier: 'vip', quantity: 8 }]);
    const shopper = app.shopper();

    const res = await shopper.checkout(CONCERT, [
      { tier: 'ga', quantity: 2 },
      { tier: 'vip', quantity: 3 },
    ]);

    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({
      code: 'NOT_ENOUGH_TICKETS',
      details: [{ tier: 'vip', requested: 3, available: 2 }],
    });
    expect(await storedTier(app.db, CONCERT, 'ga')).toMatchObject({
      heldCounter: 0,
      inHoldRows: 0,
    });
    expect(await storedTier(app.db, CONCERT, 'vip')).toMatchObject({ heldCounter: 8 });
    expect((await shopper.hold(CONCERT)).body).toEqual({ hold: null });
  });

  it('when a shopper checks out again, the new hold replaces the old one and its own tickets count as available', async () => {
    const shopper = app.shopper();
    await shopper.checkout(CONCERT, [
      { tier: 'vip', quantity: 10 },
      { tier: 'ga', quantity: 2 },
    ]);

    const res = await shopper.checkout(CONCERT, [
      { tier: 'vip', quantity: 9 },
      { tier: 'front-row', quantity: 1 },
    ]);

    expect(res.status).toBe(201);
    expect(res.body.hold.items).toEqual([
      expect.objectContaining({ tier: 'vip', quantity: 9 }),
      expect.objectContaining({ tier: 'front-row', quantity: 1 }),
    ]);
    expect(await storedTier(app.db, CONCERT, 'vip')).toMatchObject({
      heldCounter: 9,
      inHoldRows: 9,
    });
    expect(await storedTier(app.db, CONCERT, 'ga')).toMatchObject({
      heldCounter: 0,
      inHoldRows: 0,
    });
    expect(await storedTier(app.db, CONCERT, 'front-row')).toMatchObject({ heldCounter: 1 });
    expect(await countRows(app.db, 'holds')).toBe(1);
    expect(await availableOf('vip')).toBe(1);
  });

  it('when a shopper re-enters checkout, the hold keeps its creation time and hard cap', async () => {
    const shopper = app.shopper();
    const first = await shopper.checkout(CONCERT, [{ tier: 'vip', quantity: 1 }]);
    app.clock.advance(MINUTE);

    const second = await shopper.checkout(CONCERT, [{ tier: 'vip', quantity: 2 }]);

    expect(second.body.hold.createdAt).toBe(first.body.hold.createdAt);
    expect(second.body.hold.hardCapAt).toBe(first.body.hold.hardCapAt);
    expect(second.body.hold.deadlineAt).toBe(new Date(app.clock.now() + 10 * MINUTE).toISOString());
  });

  it('when a checkout page is reloaded, the live hold can be fetched again', async () => {
    const shopper = app.shopper();
    const created = await shopper.checkout(CONCERT, [{ tier: 'ga', quantity: 4 }]);
    app.clock.advance(10 * SECOND);

    const res = await shopper.hold(CONCERT);

    expect(res.status).toBe(200);
    expect(res.body.hold).toEqual({
      ...created.body.hold,
      serverTime: new Date(app.clock.now()).toISOString(),
    });
  });

  it('when the shopper has no hold, fetching it answers 200 with no hold, and holds nothing', async () => {
    const res = await app.shopper().hold(CONCERT);

    expect(res.status).toBe(200);
    expect(res.body).toEqual({ hold: null });
    expect(await countRows(app.db, 'holds')).toBe(0);
  });

  it('fetching the hold of a concert that does not exist answers 404 CONCERT_NOT_FOUND', async () => {
    const res = await app.shopper().hold('no-such-concert');

    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('CONCERT_NOT_FOUND');
  });

  describe('heartbeats', () => {
    it('an active, visible page pushes the deadline forward and keeps the hold alive', async () => {
      const shopper = app.shopper();
      await shopper.checkout(CONCERT, [{ tier: 'vip', quantity: 2 }]);

      for (let i = 0; i < 8; i += 1) {
        app.clock.advance(30 * SECOND);
        const beat = await shopper.heartbeat(CONCERT, { active: true, visible: true });
        expect(beat.status).toBe(200);
      }

      const now = app.clock.now();
      const hold = (await shopper.hold(CONCERT)).body.hold;
      expect(hold.deadlineAt).toBe(new Date(now + 10 * MINUTE).toISOString());
      expect(hold.lastActiveAt).toBe(new Date(now).toISOString());
      expect(hold.expiresAt).toBe(new Date(now + 90 * SECOND).toISOString());
      expect(await availableOf('vip')).toBe(8);
    });

    it('an idle shopper loses the hold three minutes after the last activity, though the page keeps beating', async () => {
      const shopper = app.shopper();
      await shopper.checkout(CONCERT, [{ tier: 'vip', quantity: 2 }]);

      for (let i = 0; i < 5; i += 1) {
        app.clock.advance(30 * SECOND);
        expect((await shopper.heartbeat(CONCERT, { active: false, visible: true })).status).toBe(
          200,
        );
      }
      app.clock.advance(30 * SECOND);
      const late = await shopper.heartbeat(CONCERT, { active: false, visible: true });

      expect(late.status).toBe(410);
      expect(late.body.error.code).toBe('HOLD_EXPIRED');
      expect(await availableOf('vip')).toBe(10);
    });

    it('a hidden tab is seen but never counts as activity', async () => {
      const shopper = app.shopper();
      const created = await shopper.checkout(CONCERT, [{ tier: 'vip', quantity: 2 }]);
      app.clock.advance(30 * SECOND);

      const beat = await shopper.heartbeat(CONCERT, { active: true, visible: false });

      expect(beat.status).toBe(200);
      expect(beat.body.hold.deadlineAt).toBe(created.body.hold.deadlineAt);
      expect(beat.body.hold.lastActiveAt).toBe(created.body.hold.lastActiveAt);
      expect(beat.body.hold.expiresAt).toBe(new Date(app.clock.now() + 90 * SECOND).toISOString());
      app.clock.advance(2.5 * MINUTE);
      expect((await shopper.heartbeat(CONCERT, { active: true, visible: false })).status).toBe(410);
    });

    it('a page that stops sending heartbeats loses the hold after one interval plus the grace', async () => {
      const shopper = app.shopper();
      await shopper.checkout(CONCERT, [{ tier: 'vip', quantity: 2 }]);

      app.clock.advance(90 * SECOND - 1);
      expect(await availableOf('vip')).toBe(8);
      app.clock.advance(1);

      expect(await availableOf('vip')).toBe(10);
      expect((await shopper.hold(CONCERT)).body).toEqual({ hold: null });
    });

    it('no amount of activity keeps a hold past its hard cap', async () => {
      const shopper = app.shopper();
      const created = await shopper.checkout(CONCERT, [{ tier: 'vip', quantity: 2 }]);

      let last = 200;
      for (let elapsed = 0; elapsed < 15 * MINUTE; elapsed += 30 * SECOND) {
        app.clock.advance(30 * SECOND);
        last = (await shopper.heartbeat(CONCERT, { active: true, visible: true })).status;
        if (app.clock.now() < Date.parse(created.body.hold.hardCapAt)) expect(last).toBe(200);
      }

      expect(last).toBe(410);
      expect(await availableOf('vip')).toBe(10);
    });

    it('re-entering checkout after a long session does not reset the hard cap', async () => {
      const shopper = app.shopper();
      const created = await shopper.checkout(CONCERT, [{ tier: 'vip', quantity: 1 }]);
      for (let i = 0; i < 28; i += 1) {
        app.clock.advance(30 * SECOND);
        await shopper.heartbeat(CONCERT, { active: true, visible: true });
      }

      const again = await shopper.checkout(CONCERT, [{ tier: 'vip', quantity: 2 }]);

      expect(again.body.hold.hardCapAt).toBe(created.body.hold.hardCapAt);
      expect(again.body.hold.expiresAt).toBe(created.body.hold.hardCapAt);
    });

    it('a page that leaves keeps its hold only briefly, and a reload within that time resumes it', async () => {
      const leaver = app.shopper();
      const reloader = app.shopper();
      const created = await reloader.checkout(CONCERT, [{ tier: 'vip', quantity: 2 }]);
      await leaver.checkout(CONCERT, [{ tier: 'vip', quantity: 3 }]);
      const signal = { active: false, visible: false, leaving: true };

      const left = await leaver.request('POST', '/api/holds/heartbeat', {
        concertId: CONCERT,
        ...signal,
      });
      await reloader.request('POST', '/api/holds/heartbeat', { concertId: CONCERT, ...signal });
      app.clock.advance(9 * SECOND);
      const resumed = await reloader.hold(CONCERT);
      const back = await reloader.heartbeat(CONCERT, { active: true, visible: true });
      app.clock.advance(1 * SECOND);

      expect(left.body.hold.expiresAt).toBe(new Date(app.clock.now()).toISOString());
      expect(resumed.body.hold.createdAt).toBe(created.body.hold.createdAt);
      expect(back.body.hold.createdAt).toBe(created.body.hold.createdAt);
      expect(back.body.hold.expiresAt).toBe(new Date(app.clock.now() + 89 * SECOND).toISOString());
      expect((await leaver.hold(CONCERT)).body).toEqual({ hold: null });
      expect(await availableOf('vip')).toBe(8);
    });

    it('a heartbeat without ever holding answers 404 NO_ACTIVE_HOLD: nothing ran out', async () => {
      const res = await app.shopper().heartbeat(CONCERT, { active: true, visible: true });

      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('NO_ACTIVE_HOLD');
    });

    it('a heartbeat after the hold ran out and was swept answers 410 HOLD_EXPIRED, changing nothing', async () => {
      const shopper = app.shopper();
      const held = await shopper.checkout(CONCERT, [{ tier: 'vip', quantity: 2 }]);
      app.clock.set(Date.parse(held.body.hold.expiresAt));
      await expireHolds(app.services);
      const before = await storedEverything(app.db);

      const res = await shopper.heartbeat(CONCERT, { active: true, visible: true });

      expect(res.status).toBe(410);
      expect(res.body.error.code).toBe('HOLD_EXPIRED');
      expect(await storedEverything(app.db)).toEqual(before);
    });

    it('a heartbeat after giving the tickets back answers 404 NO_ACTIVE_HOLD, though an earlier hold ran out', async () => {
      const shopper = app.shopper();
      const held = await shopper.checkout(CONCERT, [{ tier: 'vip', quantity: 2 }]);
      app.clock.set(Date.parse(held.body.hold.expiresAt));
      await expireHolds(app.services);
      await shopper.checkout(CONCERT, [{ tier: 'vip', quantity: 1 }]);
      await shopper.release(CONCERT);

      const res = await shopper.heartbeat(CONCERT, { active: true, visible: true });

      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('NO_ACTIVE_HOLD');
    });
  });

  describe('expiry', () => {
    it('a run-out hold stops counting at once, before the cleanup job has run', async () => {
      await app.shopper().checkout(CONCERT, [{ tier: 'vip', quantity: 10 }]);
      app.clock.advance(90 * SECOND);

      const concert = (await app.shopper().concert(CONCERT)).body.concert;
      const other = await app.shopper().checkout(CONCERT, [{ tier: 'vip', quantity: 10 }]);

      expect(tierOf(concert, 'vip')).toMatchObject({ held: 0, available: 10 });
      expect(other.status).toBe(201);
      expect(await storedTier(app.db, CONCERT, 'vip')).toMatchObject({
        heldCounter: 10,
        inHoldRows: 10,
      });
    });

    it('a run-out hold still in the table is not counted by reads', async () => {
      await app.shopper().checkout(CONCERT, [{ tier: 'vip', quantity: 4 }]);
      app.clock.advance(2 * MINUTE);

      const concert = (await app.shopper().concert(CONCERT)).body.concert;

      expect(await storedTier(app.db, CONCERT, 'vip')).toMatchObject({
        heldCounter: 4,
        inHoldRows: 4,
      });
      expect(tierOf(concert, 'vip')).toMatchObject({ held: 0, available: 10 });
    });

    /** Runs `hold` out half a sweep interval after another shopper's checkout of 1 VIP swept. */
    async function runOutBetweenSweeps(hold: { expiresAt: string }) {
      const runsOutAt = Date.parse(hold.expiresAt);
      app.clock.set(runsOutAt - SWEEP_INTERVAL_MS / 2);
      expect((await app.shopper().checkout(CONCERT, [{ tier: 'vip', quantity: 1 }])).status).toBe(
        201,
      );
      app.clock.set(runsOutAt);
    }

    it(`checkouts sweep run-out holds at most every ${String(SWEEP_INTERVAL_MS)} ms, and reads never count them meanwhile`, async () => {
      const first = await app.shopper().checkout(CONCERT, [{ tier: 'vip', quantity: 4 }]);
      await runOutBetweenSweeps(first.body.hold);

      const third = await app.shopper().checkout(CONCERT, [{ tier: 'vip', quantity: 2 }]);

      expect(third.status).toBe(201);
      expect(await countRows(app.db, 'holds')).toBe(3);
      expect(await storedTier(app.db, CONCERT, 'vip')).toMatchObject({
        heldCounter: 7,
        inHoldRows: 7,
      });
      expect(await availableOf('vip')).toBe(7);

      app.clock.advance(SWEEP_INTERVAL_MS / 2);
      await app.shopper().checkout(CONCERT, [{ tier: 'vip', quantity: 1 }]);

      expect(await countRows(app.db, 'holds')).toBe(3);
      expect(await storedTier(app.db, CONCERT, 'vip')).toMatchObject({
        heldCounter: 4,
        inHoldRows: 4,
      });
      expect(await availableOf('vip')).toBe(6);
    });

    it('a checkout that needs the tickets of holds run out since the last sweep sweeps at once', async () => {
      const first = await app.shopper().checkout(CONCERT, [{ tier: 'vip', quantity: 8 }]);
      await runOutBetweenSweeps(first.body.hold);

      const res = await app.shopper().checkout(CONCERT, [{ tier: 'vip', quantity: 5 }]);

      expect(res.status).toBe(201);
      expect(await countRows(app.db, 'holds')).toBe(2);
      expect(await storedTier(app.db, CONCERT, 'vip')).toMatchObject({
        heldCounter: 6,
        inHoldRows: 6,
      });
    });

    it('a shopper whose hold ran out since the last sweep starts a new one, and the old one counts as run out', async () => {
      const shopper = app.shopper();
      const first = await shopper.checkout(CONCERT, [{ tier: 'vip', quantity: 3 }]);
      await runOutBetweenSweeps(first.body.hold);

      const again = await shopper.checkout(CONCERT, [{ tier: 'vip', quantity: 2 }]);

      expect(again.status).toBe(201);
      expect(again.body.hold.createdAt).toBe(first.body.hold.expiresAt);
      expect(again.body.hold.hardCapAt).not.toBe(first.body.hold.hardCapAt);
      expect(await countRows(app.db, 'holds')).toBe(2);
      expect(await storedTier(app.db, CONCERT, 'vip')).toMatchObject({
        heldCounter: 3,
        inHoldRows: 3,
      });
      expect(
        await storedRows(
          app.db,
          'SELECT holds_created AS created, holds_expired AS expired FROM concerts WHERE id = ?',
          [CONCERT],
        ),
      ).toEqual([{ created: 3, expired: 1 }]);
    });

    it('the cleanup job deletes run-out holds and leaves live ones', async () => {
      await app.shopper().checkout(CONCERT, [{ tier: 'vip', quantity: 3 }]);
      app.clock.advance(60 * SECOND);
      const live = app.shopper();
      await live.checkout(CONCERT, [{ tier: 'vip', quantity: 2 }]);
      app.clock.advance(30 * SECOND);

      const changed = await expireHolds(app.services);

      expect(changed).toEqual([CONCERT]);
      expect(await countRows(app.db, 'holds')).toBe(1);
      expect(await storedTier(app.db, CONCERT, 'vip')).toMatchObject({
        heldCounter: 2,
        inHoldRows: 2,
      });
      expect((await live.hold(CONCERT)).body.hold).toMatchObject({ concertId: CONCERT });
      expect(await expireHolds(app.services)).toEqual([]);
    });
  });

  describe('release', () => {
    it('leaving checkout gives the tickets back at once, and releasing again is harmless', async () => {
      const shopper = app.shopper();
      await shopper.checkout(CONCERT, [{ tier: 'vip', quantity: 5 }]);

      const first = await shopper.release(CONCERT);
      const second = await shopper.release(CONCERT);

      expect(first.status).toBe(204);
      expect(second.status).toBe(204);
      expect(await availableOf('vip')).toBe(10);
      expect(await storedTier(app.db, CONCERT, 'vip')).toMatchObject({
        heldCounter: 0,
        inHoldRows: 0,
      });
      expect(await countRows(app.db, 'holds')).toBe(0);
    });

    it('releasing on an unknown concert answers 404 CONCERT_NOT_FOUND', async () => {
      const res = await app.shopper().release('no-such-concert');

      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('CONCERT_NOT_FOUND');
    });
  });
});

describe('the cleanup job after a ticket drop', () => {
  const DROP = 'drop-night';
  const WAVE = 2 * EXPIRY_BATCH + 201;
  let app: TestApp;
  let shoppers: number;
  beforeEach(async () => {
    app = await startTestApp({ concerts: [{ id: DROP, tiers: [{ code: 'ga', total: 5_000 }] }] });
    shoppers = 0;
  });
  afterEach(async () => {
    await app.close();
  });

  /** One-ticket holds of as many shoppers, made at once as a rush makes them. */
  async function holdsOfARush(count: number): Promise<void> {
    const { services } = app;
    await services.store.write(async (tx) => {
      const now = app.clock.now();
      const [tier] = await tx.concerts.tiersForUpdate(DROP);
      if (!tier) throw new Error('no tier');
      const times = startHold(services.policy, now);
      for (let i = 0; i < count; i += 1) {
        shoppers += 1;
        const sessionId = `rush-${String(shoppers)}`;
        await tx.sessions.ensure(sessionId, now);
        const holdId = await tx.holds.save(
          { sessionId, concertId: DROP, address: sessionId },
          times,
          holdExpiresAt(services.policy, times),
        );
        await tx.holds.replaceItems(holdId, [
          { tierId: tier.id, quantity: 1, unitPriceCents: tier.priceCents },
        ]);
      }
      await tx.concerts.changeHeld(tier.id, count);
    });
  }

  it(`sweeps holds that ran out together ${String(EXPIRY_BATCH)} per transaction, and gives every ticket back`, async () => {
    await holdsOfARush(WAVE);
    app.clock.advance(2 * MINUTE);
    const write = vi.spyOn(app.services.store, 'write');

    const changed = await expireHolds(app.services);

    const swept = await Promise.all(
      write.mock.results.map((result) => result.value as Promise<unknown>),
    );
    expect(swept).toEqual([EXPIRY_BATCH, EXPIRY_BATCH, 201]);
    expect(changed).toEqual([DROP]);
    expect(await countRows(app.db, 'holds')).toBe(0);
    expect(await countRows(app.db, 'hold_items')).toBe(0);
    expect(await storedTier(app.db, DROP, 'ga')).toMatchObject({ heldCounter: 0, inHoldRows: 0 });
    expect((await app.shopper().concert(DROP)).body.concert.tiers[0]).toMatchObject({
      held: 0,
      available: 5_000,
    });
  });

  it(`pauses ${String(EXPIRY_PAUSE_MS)} ms between two batches, for another process's writes to get the lock`, async () => {
    await holdsOfARush(WAVE);
    app.clock.advance(2 * MINUTE);
    const write = vi.spyOn(app.services.store, 'write');
    // The test ends each pause itself: faked timers would also stop those of the store's
    // driver (PostgreSQL's), and its writes with them.
    const pauses: { ms: number; end: () => void }[] = [];
    let paused: () => void = () => undefined;
    const nextPause = () =>
      new Promise<void>((resolve) => {
        paused = resolve;
      });
    const sleep = (ms: number) =>
      new Promise<void>((end) => {
        pauses.push({ ms, end });
        paused();
      });

    const firstPause = nextPause();
    const sweep = expireHolds(app.services, sleep);
    await firstPause;
    await write.mock.results[0]?.value;
    await new Promise((resolve) => setImmediate(resolve));
    const duringThePause = write.mock.calls.length;
    const secondPause = nextPause();
    pauses[0]?.end();
    await secondPause;
    const afterIt = write.mock.calls.length;
    pauses[1]?.end();
    await sweep;

    expect([duringThePause, afterIt]).toEqual([1, 2]);
    expect(pauses.map((pause) => pause.ms)).toEqual([EXPIRY_PAUSE_MS, EXPIRY_PAUSE_MS]);
    expect(write).toHaveBeenCalledTimes(3);
    expect(await countRows(app.db, 'holds')).toBe(0);
  });

  it('lets the fan-out of availability under way finish before each batch', async () => {
    await holdsOfARush(EXPIRY_BATCH + 1);
    app.clock.advance(2 * MINUTE);
    let fanOutWritten: () => void = () => undefined;
    const written = vi.spyOn(app.services.changes, 'written').mockReturnValueOnce(
      new Promise((resolve) => {
        fanOutWritten = resolve;
      }),
    );
    const write = vi.spyOn(app.services.store, 'write');

    const sweep = expireHolds(app.services);
    await new Promise((resolve) => setImmediate(resolve));
    const duringTheFanOut = {
      writes: write.mock.calls.length,
      holds: await countRows(app.db, 'holds'),
    };
    fanOutWritten();
    await sweep;

    expect(duringTheFanOut).toEqual({ writes: 0, holds: EXPIRY_BATCH + 1 });
    expect(written).toHaveBeenCalledTimes(2);
    expect(await countRows(app.db, 'holds')).toBe(0);
  });

  it('after a full batch, looks once more and stops, never sweeping a live hold', async () => {
    await holdsOfARush(EXPIRY_BATCH);
    app.clock.advance(MINUTE);
    await holdsOfARush(3);
    app.clock.advance(MINUTE);
    const write = vi.spyOn(app.services.store, 'write');

    await expireHolds(app.services);

    const swept = await Promise.all(
      write.mock.results.map((result) => result.value as Promise<unknown>),
    );
    expect(swept).toEqual([EXPIRY_BATCH, 0]);
    expect(await countRows(app.db, 'holds')).toBe(3);
    expect(await storedTier(app.db, DROP, 'ga')).toMatchObject({ heldCounter: 3, inHoldRows: 3 });
  });
});
