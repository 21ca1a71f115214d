import { describe, expect, it } from 'vitest';
import {
  applyHeartbeat,
  holdExpiresAt,
  idleRelease,
  isHoldLive,
  restartHold,
  startHold,
  type HoldPolicy,
  type HoldTimes,
} from './hold-policy.js';

/** The documented defaults (see backend config). */
const POLICY: HoldPolicy = {
  holdDurationMs: 600_000,
  inactivityTimeoutMs: 180_000,
  heartbeatIntervalMs: 30_000,
  hiddenGraceMs: 60_000,
  hardCapMs: 900_000,
  leaveGraceMs: 10_000,
};

const SECOND = 1_000;
const MINUTE = 60 * SECOND;

/** A fixed, realistic epoch-ms instant; the fake clock is plain arithmetic from here. */
const T0 = Date.UTC(2027, 2, 14, 19, 0, 0);

const ACTIVE = { active: true, visible: true };
const HIDDEN = { active: false, visible: false };
const IDLE = { active: false, visible: true };

/** Sends a heartbeat every `everyMs` from `from` (exclusive) up to `until` (inclusive). */
function heartbeatsBetween(
  hold: HoldTimes,
  signal: { active: boolean; visible: boolean },
  from: number,
  until: number,
  everyMs = POLICY.heartbeatIntervalMs,
): HoldTimes {
  let times = hold;
  for (let now = from + everyMs; now <= until; now += everyMs) {
    times = applyHeartbeat(POLICY, times, signal, now);
  }
  return times;
}

describe('startHold', () => {
  it('when a shopper checks out, the hold starts now with a ten-minute deadline and a fifteen-minute hard cap', () => {
    const times = startHold(POLICY, T0);

    expect(times).toEqual({
      createdAt: T0,
      deadlineAt: T0 + 600_000,
      lastActiveAt: T0,
      lastSeenAt: T0,
      hardCapAt: T0 + 900_000,
      leftAt: null,
    });
  });

  it('when the hard cap is shorter than the hold duration, the deadline is clamped to the hard cap', () => {
    const policy = { ...POLICY, holdDurationMs: 20 * MINUTE };

    const times = startHold(policy, T0);

    expect(times.deadlineAt).toBe(T0 + 900_000);
    expect(times.hardCapAt).toBe(T0 + 900_000);
  });
});

describe('applyHeartbeat', () => {
  it('when an active, visible page beats, the shopper counts as present and the deadline moves to ten minutes from now', () => {
    const hold = startHold(POLICY, T0);
    const now = T0 + 2 * MINUTE;

    const times = applyHeartbeat(POLICY, hold, ACTIVE, now);

    expect(times).toEqual({
      createdAt: T0,
      deadlineAt: now + 600_000,
      lastActiveAt: now,
      lastSeenAt: now,
      hardCapAt: T0 + 900_000,
      leftAt: null,
    });
  });

  it('when an active heartbeat comes late in the hold, the deadline stops at the hard cap', () => {
    const hold = startHold(POLICY, T0);
    const now = T0 + 12 * MINUTE;

    const times = applyHeartbeat(POLICY, hold, ACTIVE, now);

    expect(times.deadlineAt).toBe(T0 + 900_000);
    expect(times.lastActiveAt).toBe(now);
    expect(times.hardCapAt).toBe(T0 + 900_000);
  });

  it('when the tab is hidden, a heartbeat only proves the page is open and does not count as activity', () => {
    const hold = startHold(POLICY, T0);
    const now = T0 + MINUTE;

    const times = applyHeartbeat(POLICY, hold, { active: true, visible: false }, now);

    expect(times).toEqual({ ...hold, lastSeenAt: now });
  });

  it('when the shopper did nothing since the last beat, a visible heartbeat only moves lastSeenAt', () => {
    const hold = startHold(POLICY, T0);
    const now = T0 + MINUTE;

    const times = applyHeartbeat(POLICY, hold, IDLE, now);

    expect(times).toEqual({ ...hold, lastSeenAt: now });
  });

  it('does not change the hold it was given', () => {
    const hold = startHold(POLICY, T0);
    const before = { ...hold };

    applyHeartbeat(POLICY, hold, ACTIVE, T0 + MINUTE);

    expect(hold).toEqual(before);
  });
});

describe('holdExpiresAt', () => {
  it('when the shopper goes idle, the hold is released three minutes after the last activity though heartbeats keep coming', () => {
    const lastActivity = T0 + 2 * MINUTE;
    let hold = applyHeartbeat(POLICY, startHold(POLICY, T0), ACTIVE, lastActivity);
    // The page stays open and in front, but the shopper walked away.
    hold = heartbeatsBetween(hold, IDLE, lastActivity, lastActivity + 3 * MINUTE);

    const expiresAt = holdExpiresAt(POLICY, hold);

    expect(hold.lastSeenAt).toBe(lastActivity + 3 * MINUTE);
    expect(expiresAt).toBe(lastActivity + 180_000);
    expect(isHoldLive(POLICY, hold, lastActivity + 180_000 - 1)).toBe(true);
    expect(isHoldLive(POLICY, hold, lastActivity + 180_000)).toBe(false);
  });

  it('when the tab is closed, the hold is released one heartbeat interval plus the grace after the last heartbeat', () => {
    const lastBeat = T0 + MINUTE;
    const hold = applyHeartbeat(POLICY, startHold(POLICY, T0), ACTIVE, lastBeat);
    // No heartbeats after this: the tab is gone.

    const expiresAt = holdExpiresAt(POLICY, hold);

    expect(expiresAt).toBe(lastBeat + 30_000 + 60_000);
    expect(expiresAt).toBeLessThan(hold.lastActiveAt + POLICY.inactivityTimeoutMs);
  });

  it('when the shopper closes the tab right after checkout, the hold is released after ninety seconds', () => {
    const hold = startHold(POLICY, T0);

    expect(holdExpiresAt(POLICY, hold)).toBe(T0 + 90_000);
  });

  it('when the tab stays hidden, the page keeps being seen but the hold is released at the inactivity timeout', () => {
    const lastActivity = T0 + MINUTE;
    let hold = applyHeartbeat(POLICY, startHold(POLICY, T0), ACTIVE, lastActivity);
    // Background tabs keep beating (if throttled), so the server keeps seeing the page.
    hold = heartbeatsBetween(hold, HIDDEN, lastActivity, lastActivity + 5 * MINUTE);

    const expiresAt = holdExpiresAt(POLICY, hold);

    expect(hold.lastSeenAt).toBe(lastActivity + 5 * MINUTE);
    expect(expiresAt).toBe(lastActivity + 180_000);
    expect(isHoldLive(POLICY, hold, lastActivity + 180_000)).toBe(false);
  });

  it('when the shopper is active all the time, the hold is never extended past the fifteen-minute hard cap', () => {
    const hold = startHold(POLICY, T0);

    // Beats every 30 s right up to the last one before the cap, at 14:30.
    const times = heartbeatsBetween(hold, ACTIVE, T0, T0 + 15 * MINUTE - 1);

    expect(times.lastActiveAt).toBe(T0 + 14 * MINUTE + 30 * SECOND);
    expect(times.deadlineAt).toBe(T0 + 900_000);
    expect(holdExpiresAt(POLICY, times)).toBe(T0 + 900_000);
    expect(isHoldLive(POLICY, times, T0 + 900_000 - 1)).toBe(true);
    expect(isHoldLive(POLICY, times, T0 + 900_000)).toBe(false);
  });

  it('while the shopper is active, each heartbeat keeps the hold alive until a missed beat plus the grace', () => {
    const hold = startHold(POLICY, T0);

    const times = heartbeatsBetween(hold, ACTIVE, T0, T0 + 5 * MINUTE);

    expect(holdExpiresAt(POLICY, times)).toBe(T0 + 5 * MINUTE + 90_000);
  });

  it('when the hold duration is shorter than the inactivity timeout, a present but idle shopper is released at the deadline', () => {
    // With the defaults the ten-minute duration outlasts the three-minute inactivity timeout, so
    // the deadline can only decide where it is clamped to the hard cap; a shorter duration shows
    // the deadline term on its own.
    const policy = { ...POLICY, holdDurationMs: 2 * MINUTE };
    const lastActivity = T0 + MINUTE;
    let hold = applyHeartbeat(policy, startHold(policy, T0), ACTIVE, lastActivity);
    for (let now = lastActivity + 30_000; now <= lastActivity + 3 * MINUTE; now += 30_000) {
      hold = applyHeartbeat(policy, hold, IDLE, now);
    }

    const expiresAt = holdExpiresAt(policy, hold);

    expect(hold.deadlineAt).toBe(lastActivity + 2 * MINUTE);
    expect(expiresAt).toBe(lastActivity + 2 * MINUTE);
  });

  it('when a stored deadline somehow runs past the hard cap, the hard cap still wins', () => {
    const hold: HoldTimes = {
      createdAt: T0,
      deadlineAt: T0 + 20 * MINUTE,
      lastActiveAt: T0 + 14 * MINUTE,
      lastSeenAt: T0 + 14 * MINUTE,
      hardCapAt: T0 + 15 * MINUTE,
      leftAt: null,
    };

    expect(holdExpiresAt(POLICY, hold)).toBe(T0 + 15 * MINUTE);
  });
});

describe('idleRelease', () => {
  it('when an idle shopper keeps the page open, the hold goes at the inactivity timeout, long before its deadline', () => {
    const lastActivity = T0 + MINUTE;
    let hold = applyHeartbeat(POLICY, startHold(POLICY, T0), ACTIVE, lastActivity);
    hold = heartbeatsBetween(hold, IDLE, lastActivity, lastActivity + 2 * MINUTE);

    const release = idleRelease(hold, POLICY.inactivityTimeoutMs);

    expect(hold.deadlineAt).toBe(lastActivity + 10 * MINUTE);
    expect(release).toEqual({ at: lastActivity + 3 * MINUTE, limit: 'inactivity' });
    expect(release.at).toBe(holdExpiresAt(POLICY, hold));
  });

  it('when the hard cap comes before the inactivity timeout, the hard cap is the limit', () => {
    const lastActivity = T0 + 13 * MINUTE;
    const hold = applyHeartbeat(POLICY, startHold(POLICY, T0), ACTIVE, lastActivity);

    expect(idleRelease(hold, POLICY.inactivityTimeoutMs)).toEqual({
      at: T0 + 15 * MINUTE,
      limit: 'hard-cap',
    });
  });

  it('when the deadline is clamped to the hard cap, the limit is named as the hard cap', () => {
    const hold: HoldTimes = { ...startHold(POLICY, T0), deadlineAt: T0 + 15 * MINUTE };

    const release = idleRelease({ ...hold, lastActiveAt: T0 + 14 * MINUTE }, 60 * SECOND);

    expect(release).toEqual({ at: T0 + 15 * MINUTE, limit: 'hard-cap' });
  });

  it('when the hold duration is shorter than the inactivity timeout, the deadline is the limit', () => {
    const policy = { ...POLICY, holdDurationMs: 2 * MINUTE };

    const release = idleRelease(startHold(policy, T0), policy.inactivityTimeoutMs);

    expect(release).toEqual({ at: T0 + 2 * MINUTE, limit: 'deadline' });
  });
});

describe('leaving', () => {
  it('when the page says it is leaving, the hold lasts only the leave grace more', () => {
    const hold = startHold(POLICY, T0);
    const now = T0 + MINUTE;

    const times = applyHeartbeat(
      POLICY,
      hold,
      { active: false, visible: false, leaving: true },
      now,
    );

    expect(times).toEqual({ ...hold, lastSeenAt: now, leftAt: now });
    expect(holdExpiresAt(POLICY, times)).toBe(now + 10_000);
  });

  it('when the page comes back (a reload) before the grace runs out, its heartbeat restores the hold', () => {
    const left = applyHeartbeat(
      POLICY,
      startHold(POLICY, T0),
      { active: false, visible: false, leaving: true },
      T0 + MINUTE,
    );
    const now = T0 + MINUTE + 3_000;

    const back = applyHeartbeat(POLICY, left, ACTIVE, now);

    expect(back.leftAt).toBeNull();
    expect(holdExpiresAt(POLICY, back)).toBe(now + 90_000);
    expect(back.createdAt).toBe(T0);
    expect(back.hardCapAt).toBe(T0 + 900_000);
  });
});

describe('isHoldLive', () => {
  it('is live one millisecond before it expires and released exactly at expiresAt', () => {
    const hold = startHold(POLICY, T0);
    const expiresAt = holdExpiresAt(POLICY, hold);

    expect(isHoldLive(POLICY, hold, T0)).toBe(true);
    expect(isHoldLive(POLICY, hold, expiresAt - 1)).toBe(true);
    expect(isHoldLive(POLICY, hold, expiresAt)).toBe(false);
    expect(isHoldLive(POLICY, hold, expiresAt + 1)).toBe(false);
  });
});

describe('restartHold', () => {
  it('when a shopper re-submits checkout on a live hold, it keeps its creation time and hard cap', () => {
    const first = applyHeartbeat(POLICY, startHold(POLICY, T0), ACTIVE, T0 + MINUTE);
    const now = T0 + 2 * MINUTE;

    const times = restartHold(POLICY, first, now);

    expect(times).toEqual({
      createdAt: T0,
      deadlineAt: now + 600_000,
      lastActiveAt: now,
      lastSeenAt: now,
      hardCapAt: T0 + 900_000,
      leftAt: null,
    });
  });

  it('when a shopper keeps re-submitting checkout, the hard cap still releases the hold fifteen minutes after the first', () => {
    let times = startHold(POLICY, T0);

    for (let now = T0 + MINUTE; now <= T0 + 14 * MINUTE; now += MINUTE) {
      times = restartHold(POLICY, times, now);
    }

    expect(times.createdAt).toBe(T0);
    expect(times.hardCapAt).toBe(T0 + 900_000);
    expect(times.deadlineAt).toBe(T0 + 900_000);
    expect(holdExpiresAt(POLICY, times)).toBe(T0 + 900_000);
  });

  it('when the previous hold has expired, checkout starts a fresh hold with a new hard cap', () => {
    const old = startHold(POLICY, T0);
    const now = holdExpiresAt(POLICY, old);

    const times = restartHold(POLICY, old, now);

    expect(times).toEqual(startHold(POLICY, now));
    expect(times.hardCapAt).toBe(now + 900_000);
  });

  it('when there is no previous hold, checkout starts a fresh one', () => {
    const times = restartHold(POLICY, undefined, T0);

    expect(times).toEqual(startHold(POLICY, T0));
  });
});
