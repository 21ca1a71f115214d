import { useCallback, useRef, useState } from 'react';
import { releaseHold } from '../api/holds';
import {
  checkoutReducer,
  givesTicketsBack,
  initialCheckoutState,
  type CheckoutEvent,
} from '../utils/checkout-state';

/**
 * The checkout's state, stepped by `checkoutReducer`. `dispatch` gives the tickets back when a
 * step ends a live hold; `step` leaves that to its caller, who may want to wait for it.
 */
export function useCheckoutSteps(concertId: string) {
  const [state, setState] = useState(initialCheckoutState);
  // Not useReducer: the unmount and pagehide handlers must see a step before React renders it
  // (paid, then off to the booking page in the same render, must not release the booking).
  const stateRef = useRef(state);

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
      if (step(event)) void releaseHold(concertId);
    },
    [concertId, step],
  );

  /** The state as of the last step, rendered yet or not. */
  const current = useCallback(() => stateRef.current, []);

  return { state, current, step, dispatch };
}
