/**
 * The hold policy: when a checkout hold starts, how heartbeats extend it and when it is released.
 * Pure functions over epoch milliseconds so the server and tests can drive them with any clock.
 */

export interface HoldPolicy {
  /** How long a hold lasts after checkout or the last active heartbeat. */
  holdDurationMs: number;
  /** Released when the shopper has shown no activity for this long. */
  inactivityTimeoutMs: number;
  /** How often the checkout page is expected to send a heartbeat. */
  heartbeatIntervalMs: number;
  /** Extra time after a missed heartbeat before a silent page loses its hold. */
  hiddenGraceMs: number;
  /** No hold ever lives longer than this after its creation. */
  hardCapMs: number;
  /**
   * A page that says it is going away (closed, reloaded, sent to the background) keeps its hold
   * this long, so a reload can pick it up again; a closed tab lets it go soon after.
   */
  leaveGraceMs: number;
}

export interface HoldTimes {
  createdAt: number;
  deadlineAt: number;
  lastActiveAt: number;
  lastSeenAt: number;
  hardCapAt: number;
  /** When the page last said it was going away, unless it has been heard from since. */
  leftAt: number | null;
}

export interface HeartbeatSignal {
  /** The shopper interacted with the page since the previous heartbeat. */
  active: boolean;
  /** The tab is in the foreground. */
  visible: boolean;
  /** The page is being closed, reloaded or frozen. */
  leaving?: boolean;
}

/** A fresh hold created at `now`. */
export function startHold(policy: HoldPolicy, now: number): HoldTimes {
  const hardCapAt = now + policy.hardCapMs;
  return {
    createdAt: now,
    deadlineAt: Math.min(now + policy.holdDurationMs, hardCapAt),
    lastActiveAt: now,
    lastSeenAt: now,
    hardCapAt,
    leftAt: null,
  };
}

/**
 * Re-entering checkout (for instance to change quantities). A live hold keeps its `createdAt` and
 * `hardCapAt`, so re-submitting can never push the hard cap back; a released hold starts over.
 */
export function restartHold(
  policy: HoldPolicy,
  existing: HoldTimes | undefined,
  now: number,
): HoldTimes {
  if (!existing || !isHoldLive(policy, existing, now)) return startHold(policy, now);
  return {
    createdAt: existing.createdAt,
    hardCapAt: existing.hardCapAt,
    deadlineAt: Math.min(now + policy.holdDurationMs, existing.hardCapAt),
    lastActiveAt: now,
    lastSeenAt: now,
    leftAt: null,
  };
}

/**
 * A heartbeat always proves the page is still open; only an active, visible page counts as the
 * shopper being there, which is what pushes the deadline forward (never past the hard cap).
 * A page that is leaving starts the short leave grace; any later heartbeat cancels it.
 */
export function applyHeartbeat(
  policy: HoldPolicy,
  hold: HoldTimes,
  signal: HeartbeatSignal,
  now: number,
): HoldTimes {
  if (signal.leaving) return { ...hold, lastSeenAt: now, leftAt: now };
  if (!(signal.active && signal.visible)) return { ...hold, lastSeenAt: now, leftAt: null };
  return {
    ...hold,
    lastSeenAt: now,
    lastActiveAt: now,
    deadlineAt: Math.min(now + policy.holdDurationMs, hold.hardCapAt),
    leftAt: null,
  };
}

/** Which limit ends a hold on an open page whose shopper does nothing more. */
export type IdleReleaseLimit = 'hard-cap' | 'deadline' | 'inactivity';

export interface IdleRelease {
  at: number;
  limit: IdleReleaseLimit;
}

/**
 * When the hold is released if the shopper does nothing more while the page stays open (its
 * heartbeats keep arriving): the earliest of the hard cap, the deadline and the inactivity
 * timeout after `lastActiveAt`. On a tie the limit no activity can move is named, so a shopper
 * is never told that activity would help when it would not.
 */
export function idleRelease(
  hold: Pick<HoldTimes, 'deadlineAt' | 'hardCapAt' | 'lastActiveAt'>,
  inactivityTimeoutMs: number,
): IdleRelease {
  const candidates: IdleRelease[] = [
    { at: hold.hardCapAt, limit: 'hard-cap' },
    { at: hold.deadlineAt, limit: 'deadline' },
    { at: hold.lastActiveAt + inactivityTimeoutMs, limit: 'inactivity' },
  ];
  return candidates.reduce((earliest, next) => (next.at < earliest.at ? next : earliest));
}

/**
 * A hold never outlives its concert's sales: its hard cap, and so its deadline, comes at
 * `salesEndAt` when that is sooner. The countdown then runs to the close of sales, and the
 * tickets stop counting as held at that moment.
 */
export function endHoldBy(hold: HoldTimes, salesEndAt: number): HoldTimes {
  return {
    ...hold,
    hardCapAt: Math.min(hold.hardCapAt, salesEndAt),
    deadlineAt: Math.min(hold.deadlineAt, salesEndAt),
  };
}

/**
 * The moment the hold stops counting: its idle release (`idleRelease`), or earlier if the page
 * went silent for one heartbeat interval plus the grace, or left and did not come back within
 * the leave grace.
 */
export function holdExpiresAt(policy: HoldPolicy, hold: HoldTimes): number {
  return Math.min(
    idleRelease(hold, policy.inactivityTimeoutMs).at,
    hold.lastSeenAt + policy.heartbeatIntervalMs + policy.hiddenGraceMs,
    hold.leftAt === null ? Infinity : hold.leftAt + policy.leaveGraceMs,
  );
}

export function isHoldLive(policy: HoldPolicy, hold: HoldTimes, now: number): boolean {
  return now < holdExpiresAt(policy, hold);
}
