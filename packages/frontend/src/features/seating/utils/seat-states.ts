import {
  decodeSeatStates,
  type SeatChangesEvent,
  type SeatsEvent,
  type SeatState,
} from '@ticket-booking/shared';

/** What an event from the stream does to the seats' states shown. */
export type SeatStatesUpdate =
  | { kind: 'applied'; states: SeatState[]; version: number }
  /** Not newer than the states shown: nothing to do. */
  | { kind: 'ignored' }
  /** Changes were missed, or the event does not fit this map: read the whole map again. */
  | { kind: 'missed' };

/** A `seats` snapshot read for a map of `count` seats. */
export function applySeatsEvent(count: number, event: SeatsEvent): SeatStatesUpdate {
  if (event.seatCount !== count) return { kind: 'missed' };
  return {
    kind: 'applied',
    states: decodeSeatStates(count, event.states),
    version: event.version,
  };
}

/**
 * A `seat-changes` delta applied to the states as of `currentVersion`. It fits only if it starts
 * where they are (`from`): one starting anywhere else may leave out seats that changed and changed
 * back in between, so only the whole map can be trusted then.
 */
export function applySeatChanges(
  current: readonly SeatState[],
  currentVersion: number,
  event: SeatChangesEvent,
): SeatStatesUpdate {
  if (event.version <= currentVersion) return { kind: 'ignored' };
  if (event.from !== currentVersion) return { kind: 'missed' };
  const states = [...current];
  const changes = [
    ['free', event.free],
    ['held', event.held],
    ['sold', event.sold],
  ] as const;
  for (const [state, indexes] of changes) {
    for (const index of indexes) {
      if (index >= states.length) return { kind: 'missed' };
      states[index] = state;
    }
  }
  return { kind: 'applied', states, version: event.version };
}

/**
 * Whether the shopper can toggle a seat: a free one to pick it, or one of theirs (picked, or held
 * for them) to let it go, even if another shopper has it now.
 */
export function isPickable(state: SeatState, picked: boolean, disabled: boolean): boolean {
  return !disabled && (picked || state === 'free');
}
