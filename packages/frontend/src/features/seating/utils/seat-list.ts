import type { SeatRef } from '@ticket-booking/shared';

type SeatPlace = Pick<SeatRef, 'section' | 'row' | 'number'>;

/** "4–6" for numbers side by side, "4, 6" otherwise; in number order where all are numbers. */
function numbersText(numbers: readonly string[]): string {
  const values = numbers.map(Number);
  if (!values.every(Number.isInteger)) return numbers.join(', ');
  const sorted = [...values].sort((a, b) => a - b);
  const first = sorted[0] ?? 0;
  const last = sorted.at(-1) ?? 0;
  const together = sorted.every((value, index) => value === first + index);
  return together && sorted.length > 1 ? `${first}–${last}` : sorted.join(', ');
}

/**
 * Seats in words, a row at a time: "Section 102, Row G, Seats 11–12", or "Section 102, Row G,
 * Seat 4 and Section 103, Row A, Seats 1–2" for seats in more than one row.
 */
export function describeSeats(seats: readonly SeatPlace[]): string {
  const rows = new Map<string, { section: string; row: string; numbers: string[] }>();
  for (const seat of seats) {
    const key = JSON.stringify([seat.section, seat.row]);
    const row = rows.get(key);
    if (row) row.numbers.push(seat.number);
    else rows.set(key, { section: seat.section, row: seat.row, numbers: [seat.number] });
  }
  const parts = [...rows.values()].map(
    ({ section, row, numbers }) =>
      `Section ${section}, Row ${row}, ${numbers.length === 1 ? 'Seat' : 'Seats'} ${numbersText(numbers)}`,
  );
  const last = parts.pop();
  if (last === undefined) return '';
  return parts.length === 0 ? last : `${parts.join('; ')} and ${last}`;
}
