import {
  seatLabel,
  type PlanSeatEntry,
  type SeatFlag,
  type SeatState,
} from '@ticket-booking/shared';
import type { Zone } from './seat-zones';

const STATE_WORDS: Record<SeatState, string> = {
  free: 'available',
  held: 'held by another shopper',
  sold: 'sold',
};

export const FLAG_WORDS: Record<SeatFlag, string> = {
  wheelchair: 'wheelchair space',
  companion: 'companion seat',
  'restricted-view': 'restricted view',
};

/**
 * A seat's accessible name: where it is, its zone and price, whether it can be had, and what
 * else it is: "Section 102, Row F, Seat 12, Stalls, €45.00, available, wheelchair space". Whether
 * it is picked is its checkbox's state, told by the screen reader.
 */
export function seatName(
  seat: PlanSeatEntry,
  zone: Zone | undefined,
  state: SeatState,
  own: boolean,
): string {
  return [
    seatLabel(seat),
    ...(zone ? [zone.name, zone.price] : []),
    own ? 'your seat' : STATE_WORDS[state],
    ...seat.flags.map((flag) => FLAG_WORDS[flag]),
  ].join(', ');
}
