import type { PlanSeatEntry, SeatState } from '@ticket-booking/shared';
import { useState } from 'react';
import { withoutTakenSeats } from '../utils/seat-selection';

/**
 * The seats picked on a seated concert's map, by id. A picked seat that another shopper holds or
 * buys first is dropped as the map's `states` say so (compare by identity), and kept in `taken`
 * for the page to say so until the shopper changes their seats. `initial`: the seats to start
 * from, as when the shopper comes back from checkout to choose again; any the map shows taken
 * once it is read are dropped the same way.
 */
export function useSeatSelection(
  seatsById: ReadonlyMap<string, PlanSeatEntry>,
  states: readonly SeatState[] | undefined,
  initial: readonly string[] = [],
) {
  const [picked, setPicked] = useState<ReadonlySet<string>>(() => new Set(initial));
  const [taken, setTaken] = useState<readonly PlanSeatEntry[]>([]);
  const [seenStates, setSeenStates] = useState<readonly SeatState[] | undefined>(undefined);

  // Fitted while rendering, as the tiers' quantities are: no frame shows a taken seat as picked,
  // and the map hears of the seat going in the same update that shows it taken.
  if (states !== seenStates) {
    setSeenStates(states);
    if (states) {
      const fitted = withoutTakenSeats(picked, states, seatsById);
      if (fitted.picked !== picked) setPicked(fitted.picked);
      if (fitted.taken.length > 0) setTaken((current) => [...current, ...fitted.taken]);
    }
  }

  function change(next: (current: ReadonlySet<string>) => ReadonlySet<string>) {
    setPicked(next);
    setTaken([]);
  }

  function add(seatId: string) {
    change((current) => new Set([...current, seatId]));
  }

  function remove(seatId: string) {
    change((current) => new Set([...current].filter((id) => id !== seatId)));
  }

  /** Lets go of every seat picked in the tier, as "best available" there replaces them. */
  function removeTier(tier: string) {
    change((current) => new Set([...current].filter((id) => seatsById.get(id)?.tier !== tier)));
  }

  return { picked, taken, add, remove, removeTier };
}
