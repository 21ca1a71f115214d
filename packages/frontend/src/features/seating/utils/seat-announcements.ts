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

/** Whether another shopper took the seat between the two moments, as far as the map can tell. */
function takenBetween(before: PickedSeats, after: PickedSeats, seat: PlanSeatEntry): boolean {
  if (after.disabled || after.own.has(seat.id)) return false;
  const was = before.states[seat.index] ?? 'free';
  const now = after.states[seat.index] ?? 'free';
  return was === 'free' && now !== 'free';
}

/**
 * What to tell a shopper who cannot see the map change: seats they picked or let go, and seats
 * they picked that another shopper took first, whether the page keeps them picked or drops them
 * in the same update. A pick becoming their hold (selected to own) is neither.
 */
export function seatAnnouncements(
  before: PickedSeats,
  after: PickedSeats,
  seatsById: ReadonlyMap<string, PlanSeatEntry>,
): Announcement[] {
  const announcements: Announcement[] = [];
  const taken = new Set<string>();
  for (const id of after.selected) {
    const seat = seatsById.get(id);
    if (seat && takenBetween(before, after, seat)) {
      taken.add(id);
      announcements.push({
        key: id,
        text: `${seatLabel(seat)} was just taken by another shopper`,
      });
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
    if (!seat || pickedAfter.has(id)) continue;
    announcements.push({
      key: id,
      text: takenBetween(before, after, seat)
        ? `${seatLabel(seat)} was just taken by another shopper — removed from your selection`
        : `${seatLabel(seat)} deselected`,
    });
  }
  return announcements;
}
