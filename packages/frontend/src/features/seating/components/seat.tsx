import type { PlanSeatEntry, SeatState } from '@ticket-booking/shared';
import { memo } from 'react';
import { seatName } from '../utils/seat-name';
import { isPickable } from '../utils/seat-states';
import type { Zone } from '../utils/seat-zones';
import { SeatGlyph, type SeatLook } from './seat-glyph';

/** Drawn for a seat of a tier the map was not given. */
const UNKNOWN_ZONE_COLOUR = '#475569';

/**
 * One seat: a checkbox, checked when the shopper picked it or holds it. Memoised on plain values
 * so that an update re-renders only the seats it changed. The map listens for clicks and keys on
 * its behalf, finding the seat by `data-index`.
 */
export const Seat = memo(function Seat({
  seat,
  state,
  pick,
  zone,
  radius,
  tabbable,
  disabled,
}: {
  seat: PlanSeatEntry;
  state: SeatState;
  /** Picked by this shopper and not held yet, or held for them. */
  pick: 'selected' | 'own' | undefined;
  zone: Zone | undefined;
  radius: number;
  /** The one seat in the tab order (roving tabindex). */
  tabbable: boolean;
  disabled: boolean;
}) {
  const pickable = isPickable(state, pick !== undefined, disabled);
  // A picked seat another shopper took first shows as lost: the shopper can only let it go.
  let look: SeatLook = state;
  if (pick === 'own' || (pick === 'selected' && state === 'free')) look = 'picked';
  else if (pick === 'selected') look = 'lost';
  return (
    <g
      role="checkbox"
      data-index={seat.index}
      tabIndex={tabbable ? 0 : -1}
      aria-checked={pick !== undefined}
      aria-disabled={pickable ? undefined : true}
      aria-label={seatName(seat, zone, state, pick === 'own')}
      className={pickable ? 'cursor-pointer outline-none' : 'outline-none'}
    >
      <SeatGlyph
        x={seat.x}
        y={seat.y}
        r={radius}
        look={look}
        colour={zone?.colour ?? UNKNOWN_ZONE_COLOUR}
        flags={seat.flags}
      />
    </g>
  );
});
