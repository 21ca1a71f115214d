import { describe, expect, it } from 'vitest';
import { describeSeats } from './seat-list';

function seat(section: string, row: string, number: string) {
  return { section, row, number };
}

describe('describeSeats', () => {
  it('names one seat as its label does', () => {
    expect(describeSeats([seat('102', 'F', '12')])).toBe('Section 102, Row F, Seat 12');
  });

  it('names seats side by side in a row as a range, whatever order they come in', () => {
    expect(describeSeats([seat('102', 'G', '5'), seat('102', 'G', '4')])).toBe(
      'Section 102, Row G, Seats 4–5',
    );
  });

  it('lists seats of a row that are not side by side', () => {
    expect(describeSeats([seat('102', 'G', '9'), seat('102', 'G', '4')])).toBe(
      'Section 102, Row G, Seats 4, 9',
    );
  });

  it('names each row of seats in more than one', () => {
    expect(
      describeSeats([
        seat('Stalls', 'A', '1'),
        seat('Stalls', 'A', '2'),
        seat('Stalls', 'B', '7'),
        seat('Circle', 'C', '3'),
      ]),
    ).toBe(
      'Section Stalls, Row A, Seats 1–2; Section Stalls, Row B, Seat 7 and Section Circle, Row C, Seat 3',
    );
  });
});
