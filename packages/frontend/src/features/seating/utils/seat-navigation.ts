import type { PlanSeatEntry } from '@ticket-booking/shared';
import { planRows } from './plan-layout';

/** Where a key moves focus: along the row, to the row before or after, or to a row's end. */
export type SeatMove = 'left' | 'right' | 'up' | 'down' | 'leftmost' | 'rightmost';

function nearestByX(row: readonly PlanSeatEntry[], x: number): PlanSeatEntry | undefined {
  let nearest: PlanSeatEntry | undefined;
  for (const seat of row) {
    if (!nearest || Math.abs(seat.x - x) < Math.abs(nearest.x - x)) nearest = seat;
  }
  return nearest;
}

/**
 * Moves between a plan's seats, by their index in plan order. Left and right follow the row as
 * drawn: a row listed right to left (numbered from the right, as some venues do) is walked the
 * other way. Up and down go to the previous or next row of the plan, across sections too, to its
 * seat nearest by x. A move with nowhere to go stays put.
 */
export function seatNavigation(
  seats: readonly PlanSeatEntry[],
): (from: number, move: SeatMove) => number {
  const rows = planRows(seats);

  return function next(from, move) {
    const seat = seats[from];
    const row = seat && rows[seat.rowIndex];
    if (!seat || !row) return from;
    const first = row[0];
    const last = row.at(-1);
    const leftToRight = (first?.x ?? 0) <= (last?.x ?? 0);
    const step = leftToRight ? 1 : -1;
    const at = row.indexOf(seat);
    let to: PlanSeatEntry | undefined;
    switch (move) {
      case 'left':
        to = row[at - step];
        break;
      case 'right':
        to = row[at + step];
        break;
      case 'leftmost':
        to = leftToRight ? first : last;
        break;
      case 'rightmost':
        to = leftToRight ? last : first;
        break;
      case 'up':
      case 'down': {
        const other = rows[seat.rowIndex + (move === 'up' ? -1 : 1)];
        to = other && nearestByX(other, seat.x);
        break;
      }
    }
    return to?.index ?? from;
  };
}
