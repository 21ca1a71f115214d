import type { Hold } from '@ticket-booking/shared';
import { useCallback, useEffect, useEffectEvent, useState } from 'react';
import { useNavigate } from 'react-router';
import { createPurchaseAttempts } from '../../../lib/purchase-attempts';
import { announceLeaving, createHold, fetchHold, releaseHold, sendHeartbeat } from '../api/holds';
import type { ExpiryReason } from '../utils/checkout-state';
import { passFor } from '../../waiting-room';
import { createHoldFlow } from '../utils/hold-flow';
import { chosenFromHold, type ChosenTickets } from '../utils/hold-items';
import { useCheckoutSteps } from './use-checkout-steps';
import { useLeftOnUnmount } from './use-left-on-unmount';

function isVisible(): boolean {
  return document.visibilityState === 'visible';
}

/**
 * The life of the checkout's hold: entering checkout resumes this browser's live hold (a reload)
 * or creates one from the chosen `requested` items (see `createHoldFlow`), and leaving gives the
 * tickets back. The states and their steps are `checkoutReducer`'s.
 */
export function useCheckoutHold(concertId: string, requested: ChosenTickets | null) {
  const navigate = useNavigate();
  const { state, current, step, dispatch } = useCheckoutSteps(concertId);
  const isLive = useLeftOnUnmount(() => {
    dispatch({ type: 'left' });
  });

  // One flow for the page's life: another concert remounts the page, `requested` is read once,
  // and `dispatch` and the router's `navigate` stay the same.
  const [flow] = useState(() =>
    createHoldFlow({
      concertId,
      requested,
      api: {
        fetchHold,
        // A concert with a waiting room takes the pass its room gave this tab.
        createHold: (request, key) => {
          const pass = passFor(concertId);
          return createHold(pass === undefined ? request : { ...request, pass }, key);
        },
        sendHeartbeat,
        release: releaseHold,
      },
      attempts: createPurchaseAttempts(),
      isVisible,
      now: () => Date.now(),
      dispatch,
      isLive,
      onCreated: (hold) => {
        // Remember what is held, so a reload resumes this hold instead of asking for the original
        // order again (which may no longer be available after a 409).
        void navigate('.', { replace: true, state: chosenFromHold(hold) });
      },
    }),
  );

  useEffect(() => {
    void flow.start();
  }, [flow]);

  const announce = useEffectEvent(() => {
    if (current().status === 'held') announceLeaving(concertId);
  });
  useEffect(() => {
    // Closing or reloading the tab: keep the hold only briefly, long enough for a reload.
    window.addEventListener('pagehide', announce);
    return () => {
      window.removeEventListener('pagehide', announce);
    };
  }, []);

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
    await releaseHold(concertId);
    await navigate(`/concerts/${encodeURIComponent(concertId)}`);
  }

  return {
    state,
    retry: () => void flow.retry(),
    holdInstead: (chosen: ChosenTickets) => void flow.holdInstead(chosen),
    refresh,
    expire,
    markBought,
    cancel,
  };
}
