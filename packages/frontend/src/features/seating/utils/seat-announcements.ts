import { seatLabel, type PlanSeatEntry, type SeatState } from '@ticket-booking/shared';
import type { Announcement } from '../../availability';

/** What the map shows at one moment, as far as a shopper's picks go. */
export interface PickedSeats {
  states: readonly SeatState[];
  selected: ReadonlySet<string>;
  own: ReadonlySet<string>;
  /** While a hold is being made, the shopper's own picks turn held too: that is not news. */
  disabled: boolean;
}

function picked(seats: PickedSeats): Set<string> {
  return new Set([...seats.selected, ...seats.own]);
}

/**
 * What to tell a shopper who cannot see the map change: seats they picked or let go, and seats
 * they picked that another shopper took first. A pick becoming their hold (selected to own) is
 * neither.
 */
export function seatAnnouncements(
  before: PickedSeats,
  after: PickedSeats,
  seatsById: ReadonlyMap<string, PlanSeatEntry>,
): Announcement[] {
  const announcements: Announcement[] = [];
  const taken = new Set<string>();
  if (!after.disabled) {
    for (const id of after.selected) {
      const seat = seatsById.get(id);
      if (!seat || after.own.has(id)) continue;
      const was = before.states[seat.index] ?? 'free';
      const now = after.states[seat.index] ?? 'free';
      if (was === 'free' && now !== 'free') {
        taken.add(id);
        announcements.push({
          key: id,
          text: `${seatLabel(seat)} was just taken by another shopper`,
        });
      }
    }
  }
  const pickedBefore = picked(before);
  const pickedAfter = picked(after);
  for (const id of pickedAfter) {
    const seat = seatsById.get(id);
    if (seat && !pickedBefore.has(id) && !taken.has(id)) {
      announcements.push({ key: id, text: `${seatLabel(seat)} selected` });
    }
  }
  for (const id of pickedBefore) {
    const seat = seatsById.get(id);
    if (seat && !pickedAfter.has(id)) {
      announcements.push({ key: id, text: `${seatLabel(seat)} deselected` });
    }
  }
  return announcements;
}
