import type { PlanSeatEntry, SeatFlag } from '@ticket-booking/shared';

/** Used when no row has two seats to measure the spacing by. */
const FALLBACK_RADIUS = 4;

/**
 * How big to draw a seat: 40 % of the usual distance between neighbours in a row (the median, so
 * aisles do not count), leaving a gap between seats whatever units the plan is drawn in.
 */
export function seatRadius(seats: readonly PlanSeatEntry[]): number {
  const gaps: number[] = [];
  let previous: PlanSeatEntry | undefined;
  for (const seat of seats) {
    if (previous?.rowIndex === seat.rowIndex) {
      const gap = Math.hypot(seat.x - previous.x, seat.y - previous.y);
      if (gap > 0) gaps.push(gap);
    }
    previous = seat;
  }
  if (gaps.length === 0) return FALLBACK_RADIUS;
  gaps.sort((a, b) => a - b);
  return (gaps[Math.floor(gaps.length / 2)] ?? FALLBACK_RADIUS * 2.5) * 0.4;
}

/** The plan's rows, each its seats in plan order. */
export function planRows(seats: readonly PlanSeatEntry[]): PlanSeatEntry[][] {
  const rows: PlanSeatEntry[][] = [];
  for (const seat of seats) {
    const row = rows[seat.rowIndex];
    if (row) row.push(seat);
    else rows[seat.rowIndex] = [seat];
  }
  return rows;
}

export interface SectionLabel {
  name: string;
  x: number;
  y: number;
}

/**
 * Where to print each section's name: centred over its seats, just in front of its first row's
 * middle, which on rows bent around the stage is not the section's top.
 */
export function sectionLabels(seats: readonly PlanSeatEntry[], radius: number): SectionLabel[] {
  const sections = new Map<string, { left: number; right: number; front: PlanSeatEntry[] }>();
  for (const seat of seats) {
    const section = sections.get(seat.section);
    if (!section) {
      sections.set(seat.section, { left: seat.x, right: seat.x, front: [seat] });
      continue;
    }
    section.left = Math.min(section.left, seat.x);
    section.right = Math.max(section.right, seat.x);
    if (section.front[0]?.rowIndex === seat.rowIndex) section.front.push(seat);
  }
  return [...sections].map(([name, { left, right, front }]) => {
    const x = (left + right) / 2;
    const middle = front.reduce((nearest, seat) =>
      Math.abs(seat.x - x) < Math.abs(nearest.x - x) ? seat : nearest,
    );
    return { name, x, y: Math.max(radius * 3, middle.y - radius * 2.5) };
  });
}

/** The flags any seat of the plan has, in the order the key lists them. */
export function planFlags(seats: readonly PlanSeatEntry[]): SeatFlag[] {
  const found = new Set(seats.flatMap((seat) => seat.flags));
  return (['wheelchair', 'companion', 'restricted-view'] as const).filter((flag) =>
    found.has(flag),
  );
}
