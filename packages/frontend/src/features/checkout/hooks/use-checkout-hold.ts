import type { CheckoutItem, Hold, TicketShortfall } from '@ticket-booking/shared';
import { useCallback, useEffect, useEffectEvent, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { ApiError, messageOf } from '../../../lib/api-client';
import { createPurchaseAttempts } from '../../../lib/purchase-attempts';
import { clockOffsetMs } from '../../../lib/server-clock';
import {
  announceLeaving,
  createHold,
  fetchHold,
  holdGoneReason,
  releaseHold,
  sendHeartbeat,
  type HoldGoneReason,
} from '../api/holds';
import { sameItems, shortfallsOf, toCheckoutItems } from '../utils/hold-items';

/**
 * Why the tickets went: the server said so (the hold ran out, was given back or bought elsewhere,
 * or the concert's sales closed), the time ran out, the shopper went idle, or the server went
 * unheard from for longer than it keeps a silent page's hold.
 */
export type ExpiryReason = HoldGoneReason | 'timeout' | 'inactive' | 'disconnected';

/** The reasons the server gave: its answer already ended the hold. */
const SERVER_SAID: ReadonlySet<ExpiryReason> = new Set<HoldGoneReason>([
  'released',
  'elsewhere',
  'sales-closed',
]);

export type CheckoutState =
  | { status: 'starting' }
  /** No live hold and nothing chosen: a checkout opened from a bookmark, or after a release. */
  | { status: 'no-selection' }
  | { status: 'short'; requested: CheckoutItem[]; shortfalls: TicketShortfall[] }
  /** `retryable`: false when asking again cannot help (there is no such concert). */
  | { status: 'failed'; message: string; retryable: boolean }
  /** `offsetMs`: how far the server's clock is ahead of this browser's, as of the last answer. */
  | { status: 'held'; hold: Hold; offsetMs: number }
  | { status: 'expired'; reason: ExpiryReason }
  | { status: 'leaving' }
  /** Bought: the booking page takes over. */
  | { status: 'bought' };

type Status = CheckoutState['status'];

function ignore(): void {
  // Releasing is best effort: a hold nobody keeps alive is released by the server soon anyway.
}

function held(hold: Hold, receivedAt: number): CheckoutState {
  return { status: 'held', hold, offsetMs: clockOffsetMs(hold.serverTime, receivedAt) };
}

/** Trying again cannot help once there is no such concert, or its sales are over. */
const FINAL_CODES = new Set(['CONCERT_NOT_FOUND', 'SALES_CLOSED']);

function failed(error: unknown): CheckoutState {
  const retryable = !(error instanceof ApiError && FINAL_CODES.has(error.code));
  return { status: 'failed', message: messageOf(error), retryable };
}

function isVisible(): boolean {
  return document.visibilityState === 'visible';
}

/**
 * The life of the checkout's hold: entering checkout resumes this browser's live hold (a reload)
 * or creates one from the chosen `requested` items, and leaving gives the tickets back.
 */
export function useCheckoutHold(concertId: string, requested: CheckoutItem[] | null) {
  const navigate = useNavigate();
  const [state, setState] = useState<CheckoutState>({ status: 'starting' });
  // Read by the unmount and pagehide handlers, which must see a change before React renders it.
  const statusRef = useRef<Status>('starting');
  const mountedRef = useRef(false);
  const startedRef = useRef(false);
  // "Try again" after no answer resends the same hold request under the same key.
  const [attempts] = useState(createPurchaseAttempts);

  const moveTo = useCallback((next: CheckoutState) => {
    statusRef.current = next.status;
    setState(next);
  }, []);

  async function enter(items: CheckoutItem[]) {
    const request = { concertId, items };
    try {
      const hold = await attempts.send(request, (key) => createHold(request, key));
      const receivedAt = Date.now();
      if (!mountedRef.current) {
        // The shopper left while the hold was being made.
        releaseHold(concertId).catch(ignore);
        return;
      }
      moveTo(held(hold, receivedAt));
      // Remember what is held, so a reload resumes this hold instead of asking for the original
      // order again (which may no longer be available after a 409).
      void navigate('.', { replace: true, state: { items: toCheckoutItems(hold.items) } });
    } catch (error) {
      if (!mountedRef.current) return;
      const shortfalls =
        error instanceof ApiError && error.code === 'NOT_ENOUGH_TICKETS'
          ? shortfallsOf(error.details)
          : [];
      if (shortfalls.length > 0) moveTo({ status: 'short', requested: items, shortfalls });
      else moveTo(failed(error));
    }
  }

  /**
   * A reloaded page resumes its hold with an active heartbeat at once, which also cancels the
   * short grace that `pagehide` asked for. Null when the hold ran out in the meantime.
   */
  async function resume(hold: Hold, receivedAt: number): Promise<CheckoutState | null> {
    try {
      const fresh = await sendHeartbeat({ concertId, active: true, visible: isVisible() });
      return held(fresh, Date.now());
    } catch (error) {
      if (holdGoneReason(error)) return null;
      // The regular heartbeats will keep trying; the hold just read is good to show meanwhile.
      return held(hold, receivedAt);
    }
  }

  async function start() {
    let existing: Hold | null;
    let receivedAt: number;
    try {
      existing = await fetchHold(concertId);
      receivedAt = Date.now();
    } catch (error) {
      if (mountedRef.current) moveTo(failed(error));
      return;
    }
    if (existing && (!requested || sameItems(existing.items, requested))) {
      const resumed = await resume(existing, receivedAt);
      if (resumed && !mountedRef.current) {
        releaseHold(concertId).catch(ignore);
        return;
      }
      if (resumed) {
        moveTo(resumed);
        return;
      }
    }
    if (!mountedRef.current) return;
    // Different tickets than the live hold's replace it; the server keeps its hard cap.
    if (requested) await enter(requested);
    else moveTo({ status: 'no-selection' });
  }

  const begin = useEffectEvent(() => {
    void start();
  });
  const leave = useEffectEvent(() => {
    if (statusRef.current !== 'held') return;
    statusRef.current = 'leaving';
    releaseHold(concertId).catch(ignore);
  });
  const announce = useEffectEvent(() => {
    if (statusRef.current === 'held') announceLeaving(concertId);
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
    moveTo({ status: 'starting' });
    void start();
  }

  /** Holds a different (smaller) order, after a 409 said what is left. */
  function holdInstead(items: CheckoutItem[]) {
    moveTo({ status: 'starting' });
    void enter(items);
  }

  /** A heartbeat's answer: the hold's new times and a fresh reading of the server's clock. */
  const refresh = useCallback(
    (hold: Hold, receivedAt: number) => {
      if (statusRef.current === 'held') moveTo(held(hold, receivedAt));
    },
    [moveTo],
  );

  /**
   * The hold is gone. When this page decided it (time ran out, idle), it gives the tickets back;
   * when the server said so, there is nothing left to give back.
   */
  const expire = useCallback(
    (reason: ExpiryReason) => {
      if (statusRef.current !== 'held') return;
      moveTo({ status: 'expired', reason });
      if (!SERVER_SAID.has(reason)) releaseHold(concertId).catch(ignore);
    },
    [concertId, moveTo],
  );

  /** Paid: the hold became a booking, so there is nothing to release. */
  const markBought = useCallback(() => {
    moveTo({ status: 'bought' });
  }, [moveTo]);

  /** Gives the tickets back and returns to the concert. */
  async function cancel() {
    if (statusRef.current !== 'held') return;
    moveTo({ status: 'leaving' });
    await releaseHold(concertId).catch(ignore);
    await navigate(`/concerts/${encodeURIComponent(concertId)}`);
  }

  return { state, retry, holdInstead, refresh, expire, markBought, cancel };
}
