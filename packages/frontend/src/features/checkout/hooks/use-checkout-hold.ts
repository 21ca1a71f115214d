import type { CheckoutItem, Hold } from '@ticket-booking/shared';
import { useCallback, useEffect, useEffectEvent, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { createPurchaseAttempts } from '../../../lib/purchase-attempts';
import {
  announceLeaving,
  createHold,
  fetchHold,
  holdGoneReason,
  releaseHold,
  sendHeartbeat,
} from '../api/holds';
import {
  checkoutReducer,
  givesTicketsBack,
  initialCheckoutState,
  type CheckoutEvent,
  type ExpiryReason,
} from '../utils/checkout-state';
import { sameItems, toCheckoutItems } from '../utils/hold-items';

function release(concertId: string): Promise<void> {
  // Best effort: a hold nobody keeps alive is released by the server soon anyway.
  return releaseHold(concertId).catch(() => undefined);
}

function isVisible(): boolean {
  return document.visibilityState === 'visible';
}

/**
 * The life of the checkout's hold: entering checkout resumes this browser's live hold (a reload)
 * or creates one from the chosen `requested` items, and leaving gives the tickets back. The
 * states and their steps are `checkoutReducer`'s; this hook does the talking to the server.
 */
export function useCheckoutHold(concertId: string, requested: CheckoutItem[] | null) {
  const navigate = useNavigate();
  const [state, setState] = useState(initialCheckoutState);
  // Not useReducer: the unmount and pagehide handlers must see a step before React renders it
  // (paid, then off to the booking page in the same render, must not release the booking).
  const stateRef = useRef(state);
  const mountedRef = useRef(false);
  const startedRef = useRef(false);
  // "Try again" after no answer resends the same hold request under the same key.
  const [attempts] = useState(createPurchaseAttempts);

  /** Takes a step; says whether it gives the tickets back, for the caller to do. */
  const step = useCallback((event: CheckoutEvent): boolean => {
    const before = stateRef.current;
    const after = checkoutReducer(before, event);
    stateRef.current = after;
    setState(after);
    return givesTicketsBack(before, after);
  }, []);

  const dispatch = useCallback(
    (event: CheckoutEvent) => {
      if (step(event)) void release(concertId);
    },
    [concertId, step],
  );

  async function enter(items: CheckoutItem[]) {
    const request = { concertId, items };
    try {
      const hold = await attempts.send(request, (key) => createHold(request, key));
      const receivedAt = Date.now();
      if (!mountedRef.current) {
        // The shopper left while the hold was being made.
        void release(concertId);
        return;
      }
      dispatch({ type: 'held', hold, receivedAt });
      // Remember what is held, so a reload resumes this hold instead of asking for the original
      // order again (which may no longer be available after a 409).
      void navigate('.', { replace: true, state: { items: toCheckoutItems(hold.items) } });
    } catch (error) {
      if (mountedRef.current) dispatch({ type: 'hold-failed', error, requested: items });
    }
  }

  /**
   * A reloaded page resumes its hold with an active heartbeat at once, which also cancels the
   * short grace that `pagehide` asked for. Null when the hold ran out in the meantime.
   */
  async function resume(hold: Hold, receivedAt: number): Promise<CheckoutEvent | null> {
    try {
      const fresh = await sendHeartbeat({ concertId, active: true, visible: isVisible() });
      return { type: 'held', hold: fresh, receivedAt: Date.now() };
    } catch (error) {
      if (holdGoneReason(error)) return null;
      // The regular heartbeats will keep trying; the hold just read is good to show meanwhile.
      return { type: 'held', hold, receivedAt };
    }
  }

  async function start() {
    let existing: Hold | null;
    let receivedAt: number;
    try {
      existing = await fetchHold(concertId);
      receivedAt = Date.now();
    } catch (error) {
      if (mountedRef.current) dispatch({ type: 'hold-failed', error, requested: null });
      return;
    }
    if (existing && (!requested || sameItems(existing.items, requested))) {
      const resumed = await resume(existing, receivedAt);
      if (resumed && !mountedRef.current) {
        void release(concertId);
        return;
      }
      if (resumed) {
        dispatch(resumed);
        return;
      }
    }
    if (!mountedRef.current) return;
    // Different tickets than the live hold's replace it; the server keeps its hard cap.
    if (requested) await enter(requested);
    else dispatch({ type: 'nothing-chosen' });
  }

  const begin = useEffectEvent(() => {
    void start();
  });
  const leave = useEffectEvent(() => {
    dispatch({ type: 'left' });
  });
  const announce = useEffectEvent(() => {
    if (stateRef.current.status === 'held') announceLeaving(concertId);
  });

  useEffect(() => {
    mountedRef.current = true;
    // StrictMode runs this twice on mount; the ref, which survives that, keeps it to one hold.
    if (!startedRef.current) {
      startedRef.current = true;
      begin();
    }
    return () => {
      mountedRef.current = false;
      // StrictMode also unmounts and remounts at once; only a page still unmounted a moment
      // later has really been left (navigating elsewhere in the app).
      void Promise.resolve().then(() => {
        if (!mountedRef.current) leave();
      });
    };
  }, []);

  useEffect(() => {
    // Closing or reloading the tab: keep the hold only briefly, long enough for a reload.
    window.addEventListener('pagehide', announce);
    return () => {
      window.removeEventListener('pagehide', announce);
    };
  }, []);

  /** Tries again after a failure to fetch or create the hold. */
  function retry() {
    dispatch({ type: 'restarted' });
    void start();
  }

  /** Holds a different (smaller) order, after a 409 said what is left. */
  function holdInstead(items: CheckoutItem[]) {
    dispatch({ type: 'restarted' });
    void enter(items);
  }

  const refresh = useCallback(
    (hold: Hold, receivedAt: number) => {
      dispatch({ type: 'refreshed', hold, receivedAt });
    },
    [dispatch],
  );

  const expire = useCallback(
    (reason: ExpiryReason) => {
      dispatch({ type: 'expired', reason });
    },
    [dispatch],
  );

  const markBought = useCallback(() => {
    dispatch({ type: 'bought' });
  }, [dispatch]);

  /** Gives the tickets back and returns to the concert. */
  async function cancel() {
    if (!step({ type: 'left' })) return;
    await release(concertId);
    await navigate(`/concerts/${encodeURIComponent(concertId)}`);
  }

  return { state, retry, holdInstead, refresh, expire, markBought, cancel };
}
