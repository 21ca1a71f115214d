import type { CheckoutRequest, HeartbeatRequest, Hold } from '@ticket-booking/shared';
import type { PurchaseAttempts } from '../../../lib/purchase-attempts';
import { holdGoneReason } from '../api/holds';
import type { CheckoutEvent } from './checkout-state';
import { checkoutRequest, holdsChosen, type ChosenTickets } from './hold-items';

/** The holds API as the checkout's start-up uses it. */
export interface HoldApi {
  fetchHold: (concertId: string) => Promise<Hold | null>;
  createHold: (request: CheckoutRequest, idempotencyKey: string) => Promise<Hold>;
  sendHeartbeat: (request: HeartbeatRequest) => Promise<Hold>;
  /** Gives the tickets back, best effort: never rejects. */
  release: (concertId: string) => Promise<void>;
}

export interface HoldFlowOptions {
  concertId: string;
  /** The tickets the shopper chose, or null when checkout was opened without a choice. */
  requested: ChosenTickets | null;
  api: HoldApi;
  /** "Try again" after no answer resends the same hold request under the same key. */
  attempts: PurchaseAttempts;
  isVisible: () => boolean;
  now: () => number;
  dispatch: (event: CheckoutEvent) => void;
  /**
   * False once the shopper has left checkout: answers that arrive then change nothing on screen,
   * and a hold they made is given back.
   */
  isLive: () => boolean;
  /** A new hold was made (not a resumed one). */
  onCreated: (hold: Hold) => void;
}

export interface HoldFlow {
  /** Enters checkout, once: a second call changes nothing (React StrictMode mounts twice). */
  start: () => Promise<void>;
  /** Tries again after a failure to read or make the hold. */
  retry: () => Promise<void>;
  /** Holds a different order, after a 409 said what is left or offered other seats. */
  holdInstead: (chosen: ChosenTickets) => Promise<void>;
}

/**
 * How checkout gets its hold: this browser's live hold is resumed (a reload) when it holds what
 * was chosen, or when nothing was; otherwise a hold is made from the chosen tickets, or, with
 * none chosen, the shopper is told so. Each outcome is a `CheckoutEvent` handed to `dispatch`.
 */
export function createHoldFlow({
  concertId,
  requested,
  api,
  attempts,
  isVisible,
  now,
  dispatch,
  isLive,
  onCreated,
}: HoldFlowOptions): HoldFlow {
  let started = false;

  function release() {
    void api.release(concertId);
  }

  async function enter(chosen: ChosenTickets) {
    const request = checkoutRequest(concertId, chosen);
    let hold: Hold;
    try {
      hold = await attempts.send(request, (key) => api.createHold(request, key));
    } catch (error) {
      if (isLive()) dispatch({ type: 'hold-failed', error, requested: chosen });
      return;
    }
    const receivedAt = now();
    if (!isLive()) {
      // The shopper left while the hold was being made.
      release();
      return;
    }
    dispatch({ type: 'held', hold, receivedAt });
    onCreated(hold);
  }

  /**
   * A reloaded page resumes its hold with an active heartbeat at once, which also cancels the
   * short grace that `pagehide` asked for. Null when the hold ran out in the meantime.
   */
  async function resume(hold: Hold, receivedAt: number): Promise<CheckoutEvent | null> {
    try {
      const fresh = await api.sendHeartbeat({ concertId, active: true, visible: isVisible() });
      return { type: 'held', hold: fresh, receivedAt: now() };
    } catch (error) {
      if (holdGoneReason(error)) return null;
      // The regular heartbeats will keep trying; the hold just read is good to show meanwhile.
      return { type: 'held', hold, receivedAt };
    }
  }

  async function begin() {
    let existing: Hold | null;
    let receivedAt: number;
    try {
      existing = await api.fetchHold(concertId);
      receivedAt = now();
    } catch (error) {
      if (isLive()) dispatch({ type: 'hold-failed', error, requested: null });
      return;
    }
    if (existing && (!requested || holdsChosen(existing.items, requested))) {
      const resumed = await resume(existing, receivedAt);
      if (resumed && !isLive()) {
        release();
        return;
      }
      if (resumed) {
        dispatch(resumed);
        return;
      }
    }
    if (!isLive()) return;
    // Different tickets than the live hold's replace it; the server keeps its hard cap.
    if (requested) await enter(requested);
    else dispatch({ type: 'nothing-chosen' });
  }

  return {
    async start() {
      if (started) return;
      started = true;
      await begin();
    },
    async retry() {
      dispatch({ type: 'restarted' });
      await begin();
    },
    async holdInstead(chosen) {
      dispatch({ type: 'restarted' });
      await enter(chosen);
    },
  };
}
