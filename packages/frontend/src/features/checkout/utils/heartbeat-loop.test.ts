import type { Hold } from '@ticket-booking/shared';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../../lib/api-client';
import { holdFixture } from '../../../test/fixtures';
import { createActivityTracker } from './activity-tracker';
import { createHeartbeatLoop, type HeartbeatLoopOptions, type Timers } from './heartbeat-loop';

/** A clock and timers that move only when told to. */
function fakeTime() {
  let now = 0;
  let nextId = 0;
  const pending = new Map<number, { at: number; fn: () => void }>();
  const timers: Timers = {
    set(fn, delayMs) {
      pending.set(++nextId, { at: now + delayMs, fn });
      return nextId;
    },
    clear(timer) {
      pending.delete(timer as number);
    },
  };
  function advance(ms: number) {
    const until = now + ms;
    for (;;) {
      const due = [...pending].filter(([, t]) => t.at <= until).sort(([, a], [, b]) => a.at - b.at);
      const first = due[0];
      if (!first) break;
      const [id, { at, fn }] = first;
      pending.delete(id);
      now = at;
      fn();
    }
    now = until;
  }
  return { timers, now: () => now, advance };
}

/** Each heartbeat waits for the test to answer it. */
function fakeServer() {
  const calls: { active: boolean; answer: (hold: Hold) => void; fail: (e: unknown) => void }[] = [];
  function send(active: boolean) {
    return new Promise<Hold>((answer, fail) => {
      calls.push({ active, answer, fail });
    });
  }
  return { send, calls };
}

function startLoop(overrides: Partial<HeartbeatLoopOptions> = {}) {
  const time = fakeTime();
  const server = fakeServer();
  const tracker = createActivityTracker(time.now);
  const events = {
    onHold: vi.fn<(hold: Hold, receivedAt: number) => void>(),
    onGone: vi.fn(),
    onReconnecting: vi.fn(),
  };
  const loop = createHeartbeatLoop({
    intervalMs: 30_000,
    send: server.send,
    tracker,
    isPaused: () => false,
    now: time.now,
    timers: time.timers,
    ...events,
    ...overrides,
  });
  loop.start();
  return { loop, time, server, tracker, ...events };
}

describe('the heartbeat loop', () => {
  it('beats once per interval, counted from each send, and hands on each answer', async () => {
    const { time, server, onHold } = startLoop();

    time.advance(29_999);
    expect(server.calls).toHaveLength(0);
    time.advance(1);
    expect(server.calls).toHaveLength(1);

    const hold = holdFixture();
    time.advance(2_000);
    server.calls[0]!.answer(hold);
    await Promise.resolve();
    expect(onHold).toHaveBeenCalledWith(hold, 32_000);

    time.advance(28_000);
    expect(server.calls).toHaveLength(2);
  });

  it('beats at once when asked, and restarts the interval from there', () => {
    const { loop, time, server } = startLoop();

    time.advance(10_000);
    loop.beatNow();
    time.advance(29_999);

    expect(server.calls).toHaveLength(1);
    time.advance(1);
    expect(server.calls).toHaveLength(2);
  });

  it('after a failed beat says it is reconnecting, retries soon, and keeps the activity it carried', async () => {
    const { loop, time, server, tracker, onReconnecting } = startLoop();
    tracker.restoreActive();

    loop.beatNow();
    server.calls[0]!.fail(new ApiError(0, 'NETWORK_ERROR', 'No answer.'));
    await Promise.resolve();

    expect(onReconnecting).toHaveBeenLastCalledWith(true);
    time.advance(5_000);
    expect(server.calls.map((call) => call.active)).toEqual([true, true]);
    server.calls[1]!.answer(holdFixture());
    await Promise.resolve();
    expect(onReconnecting).toHaveBeenLastCalledWith(false);
  });

  it('says why when the server answers that the hold is gone', async () => {
    const { loop, server, onGone, onReconnecting } = startLoop();

    loop.beatNow();
    server.calls[0]!.fail(new ApiError(410, 'HOLD_EXPIRED', 'Your tickets are no longer held.'));
    await Promise.resolve();

    expect(onGone).toHaveBeenCalledWith('released');
    expect(onReconnecting).not.toHaveBeenCalled();
  });

  it('ignores an older answer that arrives after a newer one', async () => {
    const { loop, server, onHold } = startLoop();
    const older = holdFixture({ expiresAt: '2030-01-15T12:01:00.000Z' });
    const newer = holdFixture({ expiresAt: '2030-01-15T12:02:00.000Z' });

    loop.beatNow();
    loop.beatNow();
    server.calls[1]!.answer(newer);
    await Promise.resolve();
    server.calls[0]!.answer(older);
    await Promise.resolve();

    expect(onHold.mock.calls.map(([hold]) => hold)).toEqual([newer]);
  });

  it('sends nothing and heeds no answer while paused, and nothing at all once stopped', async () => {
    let paused = true;
    const { loop, time, server, onHold } = startLoop({ isPaused: () => paused });

    time.advance(30_000);
    expect(server.calls).toHaveLength(0);
    paused = false;
    time.advance(30_000);
    paused = true;
    server.calls[0]!.answer(holdFixture());
    await Promise.resolve();
    expect(onHold).not.toHaveBeenCalled();

    paused = false;
    loop.stop();
    loop.beatNow();
    time.advance(60_000);
    expect(server.calls).toHaveLength(1);
  });
});
