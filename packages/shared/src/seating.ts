import { z } from 'zod';
import { TierCodeSchema } from './ids.js';

/** The most seats one concert's plan may have: an arena's. */
export const MAX_PLAN_SEATS = 50_000;

/** What a seat is besides a seat: printed on its ticket and told by the map. */
export const SeatFlagSchema = z.enum(['wheelchair', 'companion', 'restricted-view'], {
  error: 'Flags must be wheelchair, companion or restricted-view',
});
export type SeatFlag = z.infer<typeof SeatFlagSchema>;

/** A seat's id within its concert, as checkout names it: `102-F-12` unless the plan says. */
export const SeatIdSchema = z
  .string({ error: 'A seat must be named by its id, as text such as 102-F-12' })
  .min(1, { error: 'A seat id must not be empty' })
  .max(80, { error: 'A seat id must be at most 80 characters' });

function text(what: string, max: number) {
  return z
    .string({ error: `${what} must be text` })
    .trim()
    .min(1, { error: `${what} must not be empty` })
    .max(max, { error: `${what} must be at most ${max} characters` });
}

const coordinate = z
  .number({ error: 'Positions must be numbers' })
  .min(0, { error: 'Positions must not be negative' })
  .max(100_000, { error: 'Positions must be at most 100000' });

export const PlanSeatSchema = z.strictObject(
  {
    /** Unique in the plan; `section-row-number` unless given. */
    id: SeatIdSchema.optional(),
    /** As printed: "12". */
    number: text('Seat number', 10),
    x: coordinate,
    y: coordinate,
    /** The tier (price zone) it is sold in, if not its row's. */
    tier: TierCodeSchema.optional(),
    flags: z.array(SeatFlagSchema).max(3).optional(),
  },
  { error: 'Each seat must be an object with a number and a position (x, y)' },
);
export type PlanSeat = z.infer<typeof PlanSeatSchema>;

export const PlanRowSchema = z.strictObject(
  {
    /** As printed: "F". */
    label: text('Row label', 10),
    /** The tier (price zone) of its seats, if not its section's. */
    tier: TierCodeSchema.optional(),
    /** Side by side, in order: neighbours in this list are seats together. */
    seats: z
      .array(PlanSeatSchema, { error: 'A row’s seats must be a list' })
      .min(1, { error: 'A row must have at least one seat' })
      .max(1000, { error: 'A row may have at most 1000 seats' }),
  },
  { error: 'Each row must be an object with a label and seats' },
);
export type PlanRow = z.infer<typeof PlanRowSchema>;

export const PlanSectionSchema = z.strictObject(
  {
    /** As printed: "102", "Stalls Left". */
    name: text('Section name', 40),
    tier: TierCodeSchema.optional(),
    /** Best first: "best available" looks through rows in this order. */
    rows: z
      .array(PlanRowSchema, { error: 'A section’s rows must be a list' })
      .min(1, { error: 'A section must have at least one row' })
      .max(500, { error: 'A section may have at most 500 rows' }),
  },
  { error: 'Each section must be an object with a name and rows' },
);
export type PlanSection = z.infer<typeof PlanSectionSchema>;

/**
 * A venue's seats, drawn in a `width` × `height` box with the stage where it says. Every seat is
 * sold in one tier: its own, its row's or its section's. Sections, and rows in them, come best
 * first. Uploaded as JSON by an organizer, or made by `buildSeatPlan`.
 */
export const SeatPlanSchema = z
  .strictObject(
    {
      width: coordinate.min(1, { error: 'Width must be at least 1' }),
      height: coordinate.min(1, { error: 'Height must be at least 1' }),
      stage: z
        .strictObject(
          { x: coordinate, y: coordinate, width: coordinate, height: coordinate },
          { error: 'Stage must be an object with x, y, width and height' },
        )
        .optional(),
      sections: z
        .array(PlanSectionSchema, { error: 'Sections must be a list' })
        .min(1, { error: 'A plan must have at least one section' })
        .max(200, { error: 'A plan may have at most 200 sections' }),
    },
    { error: 'A seating plan must be an object with a width, a height and sections' },
  )
  .check((ctx) => {
    const plan = ctx.value;
    const ids = new Set<string>();
    let count = 0;
    plan.sections.forEach((section, s) => {
      section.rows.forEach((row, r) => {
        row.seats.forEach((seat, n) => {
          count += 1;
          const path = ['sections', s, 'rows', r, 'seats', n];
          const id = seat.id ?? defaultSeatId(section.name, row.label, seat.number);
          if (ids.has(id)) {
            ctx.issues.push({
              code: 'custom',
              input: id,
              path: [...path, 'id'],
              message: `Seat "${id}" appears more than once`,
            });
          }
          ids.add(id);
          if ((seat.tier ?? row.tier ?? section.tier) === undefined) {
            ctx.issues.push({
              code: 'custom',
              input: seat,
              path: [...path, 'tier'],
              message: `Seat "${id}" has no tier: give its seat, row or section one`,
            });
          }
          if (seat.x > plan.width || seat.y > plan.height) {
            ctx.issues.push({
              code: 'custom',
              input: seat,
              path: [...path, 'x'],
              message: `Seat "${id}" lies outside the plan's ${plan.width} × ${plan.height}`,
            });
          }
        });
      });
    });
    if (count > MAX_PLAN_SEATS) {
      ctx.issues.push({
        code: 'custom',
        input: count,
        path: ['sections'],
        message: `A plan may have at most ${MAX_PLAN_SEATS} seats (this one has ${count})`,
      });
    }
  });
export type SeatPlan = z.infer<typeof SeatPlanSchema>;

export function defaultSeatId(section: string, row: string, number: string): string {
  return `${section}-${row}-${number}`;
}

/** A seat as a shopper, a ticket and an API consumer name it. */
export const SeatRefSchema = z.object({
  id: SeatIdSchema,
  section: z.string(),
  row: z.string(),
  number: z.string(),
  /** "Section 102, Row F, Seat 12". */
  label: z.string(),
});
export type SeatRef = z.infer<typeof SeatRefSchema>;

export function seatLabel(seat: { section: string; row: string; number: string }): string {
  return `Section ${seat.section}, Row ${seat.row}, Seat ${seat.number}`;
}

/** One seat of a plan, flattened, in plan order: its place in that order is its `index`. */
export interface PlanSeatEntry {
  index: number;
  id: string;
  section: string;
  row: string;
  number: string;
  tier: string;
  x: number;
  y: number;
  flags: SeatFlag[];
  /** Which row of the plan it is in, counted over the whole plan: seats together share it. */
  rowIndex: number;
}

/** The plan's seats in plan order (sections, rows, seats), each with its tier and row. */
export function planSeats(plan: SeatPlan): PlanSeatEntry[] {
  const seats: PlanSeatEntry[] = [];
  let rowIndex = 0;
  for (const section of plan.sections) {
    for (const row of section.rows) {
      for (const seat of row.seats) {
        seats.push({
          index: seats.length,
          id: seat.id ?? defaultSeatId(section.name, row.label, seat.number),
          section: section.name,
          row: row.label,
          number: seat.number,
          tier: seat.tier ?? row.tier ?? section.tier ?? '',
          x: seat.x,
          y: seat.y,
          flags: seat.flags ?? [],
          rowIndex,
        });
      }
      rowIndex += 1;
    }
  }
  return seats;
}

export function seatRefOf(seat: Pick<PlanSeatEntry, 'id' | 'section' | 'row' | 'number'>): SeatRef {
  return {
    id: seat.id,
    section: seat.section,
    row: seat.row,
    number: seat.number,
    label: seatLabel(seat),
  };
}

/** A block of seats for `buildSeatPlan`: rows × seats, with price zones by row. */
export const SeatBlockSpecSchema = z.strictObject({
  name: text('Section name', 40),
  rows: z
    .int({ error: 'Rows must be a whole number' })
    .min(1, { error: 'Rows must be at least 1' })
    .max(100, { error: 'Rows must be at most 100' }),
  seatsPerRow: z
    .int({ error: 'Seats per row must be a whole number' })
    .min(1, { error: 'Seats per row must be at least 1' })
    .max(200, { error: 'Seats per row must be at most 200' }),
  /** An aisle after every this many seats of a row; none if absent. */
  aisleEvery: z
    .int({ error: 'Aisle spacing must be a whole number' })
    .min(2, { error: 'Aisle spacing must be at least 2 seats' })
    .optional(),
  /** Price zones from the front: the first `rows` rows in the first tier, and so on. */
  zones: z
    .array(
      z.strictObject({
        tier: TierCodeSchema,
        rows: z.int().min(1, { error: 'A zone has at least one row' }),
      }),
    )
    .min(1, { error: 'Give the section at least one price zone' }),
  /** 0: nearest the stage; blocks of one level stand side by side, later levels behind. */
  level: z.int().min(0).max(5).optional(),
});
export type SeatBlockSpec = z.infer<typeof SeatBlockSpecSchema>;

export const SeatPlanSpecSchema = z.strictObject({
  /** Rows bent around the stage, as in a concert hall, or straight. */
  curved: z.boolean(),
  sections: z.array(SeatBlockSpecSchema).min(1).max(30),
});
export type SeatPlanSpec = z.infer<typeof SeatPlanSpecSchema>;

const SEAT_PITCH = 10;
const ROW_PITCH = 12;
const MARGIN = 20;
const STAGE_DEPTH = 40;

/** Row labels as printed: A–Z, then AA, AB… */
export function rowLabel(index: number): string {
  const letters = 'ABCDEFGHJKLMNOPQRSTUVWXYZ';
  let label = '';
  let n = index;
  do {
    label = letters.charAt(n % letters.length) + label;
    n = Math.floor(n / letters.length) - 1;
  } while (n >= 0);
  return label;
}

/**
 * A plan from blocks of rows × seats: the blocks of a level side by side, facing a stage at the
 * top, each level behind the one before; rows straight, or bent on arcs around the stage.
 * Seats are numbered from 1 in each row, rows lettered from the front (no I, as printed tickets
 * avoid it).
 */
export function buildSeatPlan(spec: SeatPlanSpec): SeatPlan {
  const levels = new Map<number, SeatBlockSpec[]>();
  for (const block of spec.sections) {
    const level = block.level ?? 0;
    levels.set(level, [...(levels.get(level) ?? []), block]);
  }
  const widthOf = (block: SeatBlockSpec) => {
    const aisles = block.aisleEvery ? Math.ceil(block.seatsPerRow / block.aisleEvery) - 1 : 0;
    return (block.seatsPerRow + aisles) * SEAT_PITCH;
  };
  const ordered = [...levels.entries()].sort(([a], [b]) => a - b);
  const levelWidths = ordered.map(
    ([, blocks]) =>
      blocks.reduce((sum, block) => sum + widthOf(block), 0) + (blocks.length - 1) * 2 * SEAT_PITCH,
  );
  const width = Math.max(...levelWidths) + 2 * MARGIN;
  const centreX = width / 2;
  const stageY = MARGIN;
  const frontY = stageY + STAGE_DEPTH + 2 * ROW_PITCH;
  // Rows bend around a point far enough behind the stage that the widest turns at most a
  // right angle's half on each side.
  const focusY = Math.min(stageY + STAGE_DEPTH / 2, frontY - width / 2 / (Math.PI / 4));
  const sections: SeatPlan['sections'] = [];
  let top = frontY;
  ordered.forEach(([, blocks], levelIndex) => {
    let left = centreX - (levelWidths[levelIndex] ?? 0) / 2;
    const depth = Math.max(...blocks.map((block) => block.rows)) * ROW_PITCH;
    for (const block of blocks) {
      const zones = block.zones.flatMap((zone) => Array<string>(zone.rows).fill(zone.tier));
      const rows: PlanRow[] = [];
      for (let r = 0; r < block.rows; r += 1) {
        const seats: PlanSeat[] = [];
        for (let n = 0; n < block.seatsPerRow; n += 1) {
          const aisles = block.aisleEvery ? Math.floor(n / block.aisleEvery) : 0;
          const flatX = left + (n + aisles + 0.5) * SEAT_PITCH;
          const flatY = top + r * ROW_PITCH;
          const [x, y] = spec.curved ? bend(flatX, flatY, centreX, focusY) : [flatX, flatY];
          seats.push({ number: String(n + 1), x, y });
        }
        rows.push({
          label: rowLabel(r),
          tier: zones[Math.min(r, zones.length - 1)] ?? block.zones[0]?.tier,
          seats,
        });
      }
      sections.push({ name: block.name, rows });
      left += widthOf(block) + 2 * SEAT_PITCH;
    }
    top += depth + 3 * ROW_PITCH;
  });
  const seats = sections.flatMap((s) => s.rows.flatMap((row) => row.seats));
  // Bent rows rise at their ends: all move down until the highest seat is clear of the stage.
  const lift = Math.max(0, frontY - Math.min(...seats.map((seat) => seat.y)));
  for (const seat of seats) {
    seat.x = round(seat.x);
    seat.y = round(seat.y + lift);
  }
  const height = Math.max(...seats.map((seat) => seat.y)) + MARGIN;
  const stageWidth = Math.min(width - 2 * MARGIN, Math.max(120, width / 3));
  return {
    width: round(Math.max(width, ...seats.map((seat) => seat.x + MARGIN))),
    height: round(height),
    stage: {
      x: round(centreX - stageWidth / 2),
      y: stageY,
      width: round(stageWidth),
      height: STAGE_DEPTH,
    },
    sections,
  };
}

/**
 * A flat position moved onto the arc through it around the stage's centre, keeping its distance
 * along the row: rows curve, and seats on the sides turn to face the stage.
 */
function bend(x: number, y: number, cx: number, cy: number): [number, number] {
  const radius = y - cy;
  const angle = (x - cx) / radius;
  return [cx + radius * Math.sin(angle), cy + radius * Math.cos(angle)];
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

/** How a seat stands now, as the map colours it. */
export type SeatState = 'free' | 'held' | 'sold';
/** Each state's code in `encodeSeatStates`' two bits. */
export const SEAT_STATE_CODES: Record<SeatState, number> = { free: 0, held: 1, sold: 2 };
const STATES: SeatState[] = ['free', 'held', 'sold', 'sold'];

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/**
 * Every seat's state in plan order, two bits a seat, as base64: 20,000 seats in 6.7 KB of text,
 * whatever their states. Seats not named in `taken` are free.
 */
export function encodeSeatStates(count: number, taken: Iterable<[number, SeatState]>): string {
  const codes = new Uint8Array(count);
  for (const [index, state] of taken) {
    if (index >= 0 && index < count) codes[index] = SEAT_STATE_CODES[state];
  }
  return encodeSeatCodes(codes);
}

/** `encodeSeatStates` of one state code (`SEAT_STATE_CODES`) per seat, in plan order. */
export function encodeSeatCodes(codes: ArrayLike<number>): string {
  const bytes = new Uint8Array(Math.ceil(codes.length / 4));
  for (let index = 0; index < codes.length; index += 1) {
    const byte = index >> 2;
    bytes[byte] = (bytes[byte] ?? 0) | (((codes[index] ?? 0) & 3) << ((index & 3) * 2));
  }
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i] ?? 0;
    const b = bytes[i + 1] ?? 0;
    const c = bytes[i + 2] ?? 0;
    const triple = (a << 16) | (b << 8) | c;
    out += BASE64.charAt((triple >> 18) & 63);
    out += BASE64.charAt((triple >> 12) & 63);
    out += i + 1 < bytes.length ? BASE64.charAt((triple >> 6) & 63) : '=';
    out += i + 2 < bytes.length ? BASE64.charAt(triple & 63) : '=';
  }
  return out;
}

/** `encodeSeatStates` read back: one state per seat, in plan order. */
export function decodeSeatStates(count: number, encoded: string): SeatState[] {
  const bytes: number[] = [];
  for (let i = 0; i < encoded.length; i += 4) {
    const values = [0, 1, 2, 3].map((k) => {
      const at = BASE64.indexOf(encoded[i + k] ?? '=');
      return at < 0 ? 0 : at;
    });
    const triple =
      ((values[0] ?? 0) << 18) |
      ((values[1] ?? 0) << 12) |
      ((values[2] ?? 0) << 6) |
      (values[3] ?? 0);
    bytes.push((triple >> 16) & 255);
    if (encoded[i + 2] !== '=') bytes.push((triple >> 8) & 255);
    if (encoded[i + 3] !== '=') bytes.push(triple & 255);
  }
  const states: SeatState[] = [];
  for (let index = 0; index < count; index += 1) {
    const byte = bytes[index >> 2] ?? 0;
    states.push(STATES[(byte >> ((index & 3) * 2)) & 3] ?? 'free');
  }
  return states;
}

/** A seat as `bestSeats` weighs it: where it is, and whether it may be picked. */
export interface CandidateSeat {
  index: number;
  rowIndex: number;
  x: number;
  y: number;
  free: boolean;
}

interface Block {
  seats: CandidateSeat[];
  row: number;
  strands: boolean;
  fromMiddle: number;
}

/** The seats grouped by row, rows and seats in plan order. */
function rowsOf(seats: readonly CandidateSeat[]): CandidateSeat[][] {
  const rows = new Map<number, CandidateSeat[]>();
  for (const seat of [...seats].sort((a, b) => a.index - b.index)) {
    const row = rows.get(seat.rowIndex);
    if (row) row.push(seat);
    else rows.set(seat.rowIndex, [seat]);
  }
  return [...rows.values()];
}

/** Every run of `n` free seats side by side in the row (its seats in plan order). */
function blocksIn(row: readonly CandidateSeat[], n: number): Block[] {
  const blocks: Block[] = [];
  const middle = (row.length - 1) / 2;
  let start = 0;
  while (start < row.length) {
    if (!row[start]?.free) {
      start += 1;
      continue;
    }
    let end = start;
    while (end + 1 < row.length && row[end + 1]?.free) end += 1;
    const run = end - start + 1;
    for (let at = start; at + n - 1 <= end; at += 1) {
      const left = at - start;
      const right = run - (at - start) - n;
      blocks.push({
        seats: row.slice(at, at + n),
        row: row[0]?.rowIndex ?? 0,
        // A single free seat left between this block and a taken seat or the row's end.
        strands: left === 1 || right === 1,
        fromMiddle: Math.abs(at + (n - 1) / 2 - middle),
      });
    }
    start = end + 1;
  }
  return blocks;
}

function nearestMiddle(blocks: readonly Block[]): Block | undefined {
  return blocks.reduce<Block | undefined>(
    (best, block) => (!best || block.fromMiddle < best.fromMiddle ? block : best),
    undefined,
  );
}

/**
 * The best `n` free seats side by side in one row: the first row, in plan order, with such a
 * block that strands no single seat, nearest that row's middle; if every block would strand
 * one, the first row's. Undefined if no row has `n` free seats together.
 */
export function bestSeats(seats: readonly CandidateSeat[], n: number): CandidateSeat[] | undefined {
  return bestInRows(rowsOf(seats), n);
}

/**
 * `bestSeats` over rows given best first, each its seats in plan order: it looks no further
 * than the first row with a block that strands no seat, so a shopper in a nearly empty arena
 * costs a row or two, not every seat.
 */
export function bestInRows(
  rows: Iterable<readonly CandidateSeat[]>,
  n: number,
): CandidateSeat[] | undefined {
  let fallback: Block | undefined;
  for (const row of rows) {
    const blocks = blocksIn(row, n);
    const fine = nearestMiddle(blocks.filter((block) => !block.strands));
    if (fine) return fine.seats;
    fallback ??= nearestMiddle(blocks);
  }
  return fallback?.seats;
}

/**
 * `n` free seats side by side in one row nearest to where `near` are (the seats a shopper
 * asked for): what to offer instead when some of them were taken. Blocks that strand no single
 * seat come first.
 */
export function nearestSeats(
  seats: readonly CandidateSeat[],
  n: number,
  near: readonly { x: number; y: number }[],
): CandidateSeat[] | undefined {
  if (near.length === 0) return bestSeats(seats, n);
  const cx = near.reduce((sum, seat) => sum + seat.x, 0) / near.length;
  const cy = near.reduce((sum, seat) => sum + seat.y, 0) / near.length;
  const distance = (block: Block) => {
    const x = block.seats.reduce((sum, seat) => sum + seat.x, 0) / block.seats.length;
    const y = block.seats.reduce((sum, seat) => sum + seat.y, 0) / block.seats.length;
    return Math.hypot(x - cx, y - cy);
  };
  const pick = (list: Block[]) =>
    list.reduce<Block | undefined>(
      (best, block) => (!best || distance(block) < distance(best) ? block : best),
      undefined,
    );
  const blocks = rowsOf(seats).flatMap((row) => blocksIn(row, n));
  return (pick(blocks.filter((block) => !block.strands)) ?? pick(blocks))?.seats;
}

/** The largest number of free seats side by side in one row. */
export function largestBlock(seats: readonly CandidateSeat[]): number {
  let largest = 0;
  let run = 0;
  let row = -1;
  for (const seat of [...seats].sort((a, b) => a.index - b.index)) {
    if (seat.rowIndex !== row) {
      row = seat.rowIndex;
      run = 0;
    }
    run = seat.free ? run + 1 : 0;
    largest = Math.max(largest, run);
  }
  return largest;
}

/** What a 409 SEATS_TAKEN names: the seats asked for that others have, and seats to offer instead. */
export const SeatsTakenSchema = z.object({
  taken: z.array(SeatRefSchema),
  alternatives: z.array(SeatRefSchema),
});
export type SeatsTaken = z.infer<typeof SeatsTakenSchema>;

/** What a 409 NO_SEATS_TOGETHER names: the tier, the seats asked for, the largest block left. */
export const SeatsApartSchema = z.object({
  tier: z.string(),
  requested: z.int(),
  together: z.int(),
});
export type SeatsApart = z.infer<typeof SeatsApartSchema>;

/**
 * `GET /api/concerts/:id/seats`: the plan (seat ids left out where they are the default) and
 * every seat's state as `encodeSeatStates` makes it, as of `version`.
 */
export const SeatMapSchema = z.object({
  concertId: z.string(),
  plan: SeatPlanSchema,
  /** Seats in plan order. */
  seatCount: z.int().nonnegative(),
  version: z.int().nonnegative(),
  states: z.string(),
});
export type SeatMap = z.infer<typeof SeatMapSchema>;

/** Null for a concert that sells tickets by tier only. */
export const SeatMapResponseSchema = z.object({ seatMap: SeatMapSchema.nullable() });
export type SeatMapResponse = z.infer<typeof SeatMapResponseSchema>;
