import type { PlanSeatEntry } from '@ticket-booking/shared';
import { useState } from 'react';
import type { Announcement } from '../../availability';
import { seatAnnouncements, type PickedSeats } from '../utils/seat-announcements';

/**
 * What changed for the shopper's picks in the last update of the map (states and sets compared by
 * identity). Each update gives a new array, so the live region hears every batch exactly once.
 */
export function useSeatAnnouncements(
  current: PickedSeats,
  seatsById: ReadonlyMap<string, PlanSeatEntry>,
): readonly Announcement[] {
  const [seen, setSeen] = useState(current);
  const [announcements, setAnnouncements] = useState<readonly Announcement[]>([]);
  // State derived while rendering, as in useAvailabilityChanges: no effect rendering twice.
  if (
    current.states !== seen.states ||
    current.selected !== seen.selected ||
    current.own !== seen.own
  ) {
    setSeen(current);
    setAnnouncements(seatAnnouncements(seen, current, seatsById));
  }
  return announcements;
}
