import {
  buildSeatPlan,
  MAX_PLAN_SEATS,
  planSeats,
  rowLabel,
  SeatPlanSchema,
  TierCodeSchema,
  type SeatBlockSpec,
  type SeatPlan,
  type SeatPlanSpec,
} from '@ticket-booking/shared';
import { z } from 'zod';

/** The levels a section can stand on, from the stage back, as `buildSeatPlan` numbers them. */
export const LEVELS = ['Stalls', 'Balcony 1', 'Balcony 2', 'Balcony 3', 'Balcony 4', 'Balcony 5'];

/** At most this many sections in a built plan, as `SeatPlanSpecSchema` takes. */
const MAX_SECTIONS = 30;

/** Problems of an uploaded plan named one by one; the others are counted. */
const ISSUES_NAMED = 3;

/**
 * The seating part of the create-concert form, as typed: plain text, so that it never fails on
 * its own and is read by `readSeating` together with the tiers.
 */
export const SeatingValuesSchema = z.object({
  kind: z.enum(['none', 'build', 'upload']),
  curved: z.enum(['curved', 'straight']),
  sections: z.array(
    z.object({
      name: z.string(),
      rows: z.string(),
      seatsPerRow: z.string(),
      aisleEvery: z.string(),
      level: z.string(),
      /** Price zones from the front row back; the last takes the rows the others leave. */
      zones: z.array(z.object({ tier: z.string(), rows: z.string() })),
    }),
  ),
  /** The chosen plan file's text; empty until one is chosen. */
  planJson: z.string(),
  fileName: z.string(),
});
export type SeatingValues = z.infer<typeof SeatingValuesSchema>;
export type SectionValues = SeatingValues['sections'][number];

export function newSection(tier = ''): SectionValues {
  return {
    name: '',
    rows: '10',
    seatsPerRow: '20',
    aisleEvery: '',
    level: '0',
    zones: [{ tier, rows: '' }],
  };
}

/** Something wrong with the seating, at its path within the form's `seating`. */
export interface SeatingIssue {
  path: (string | number)[];
  message: string;
}

export interface SeatingRead {
  /** The plan as far as it can be read, to preview: sent only if there are no issues. */
  plan: SeatPlan | undefined;
  /** How many seats the plan gives each tier; empty without a plan. */
  seats: ReadonlyMap<string, number>;
  /** The tiers sold as seats: each has as many tickets as its seats, and no capacity is sent. */
  seated: ReadonlySet<string>;
  issues: SeatingIssue[];
}

/** The tiers' codes that are codes, each once: only those can be given seats. */
export function tierCodesOf(tiers: readonly { code: string }[]): string[] {
  const codes = tiers
    .map((tier) => tier.code.trim())
    .filter((code) => TierCodeSchema.safeParse(code).success);
  return [...new Set(codes)];
}

/**
 * Remembers `read`'s last answer: the form is read on every keystroke, and a plan of thousands of
 * seats must come back as the same object for the map showing it not to draw it all again.
 */
function lastOf<A, R>(read: (arg: A) => R, key: (arg: A) => string): (arg: A) => R {
  let last: { key: string; result: R } | undefined;
  return (arg) => {
    const k = key(arg);
    if (last?.key !== k) last = { key: k, result: read(arg) };
    return last.result;
  };
}

const builtPlan = lastOf(
  (spec: SeatPlanSpec) => {
    const plan = buildSeatPlan(spec);
    return { plan, seats: seatsPerTier(plan) };
  },
  (spec) => JSON.stringify(spec),
);

/** A whole number from `min` to `max` as typed (`1,000` too), or undefined. */
function wholeNumber(text: string, min: number, max: number): number | undefined {
  const plain = text.trim().replaceAll(',', '');
  const value = /^\d+$/.test(plain) ? Number(plain) : Number.NaN;
  return value >= min && value <= max ? value : undefined;
}

/** Rows `from` to `to` (counted from 0) as printed: "Rows A–C", "Row D". */
function rowRange(from: number, to: number): string {
  return from === to ? `Row ${rowLabel(from)}` : `Rows ${rowLabel(from)}–${rowLabel(to)}`;
}

/**
 * Which rows each zone of a section covers, as printed, when its numbers say: the zones before
 * the last take the rows they are given from the front, the last the rest.
 */
export function zoneRows(section: SectionValues): (string | undefined)[] {
  const rows = wholeNumber(section.rows, 1, 100);
  let next = 0;
  return section.zones.map((zone, index) => {
    const last = index === section.zones.length - 1;
    const count = last && rows !== undefined ? rows - next : wholeNumber(zone.rows, 1, 100);
    if (count === undefined || rows === undefined || count < 1 || next + count > rows) {
      next = Number.POSITIVE_INFINITY;
      return undefined;
    }
    const range = rowRange(next, next + count - 1);
    next += count;
    return range;
  });
}

function readSection(
  section: SectionValues,
  index: number,
  names: ReadonlySet<string>,
  tierCodes: readonly string[],
  issues: SeatingIssue[],
): SeatBlockSpec | undefined {
  const at = (...path: (string | number)[]) => ['sections', index, ...path];
  const before = issues.length;
  const name = section.name.trim();
  if (name === '') {
    issues.push({ path: at('name'), message: 'Enter the section’s name, such as Stalls or 102' });
  } else if (name.length > 40) {
    issues.push({ path: at('name'), message: 'At most 40 characters' });
  } else if (names.has(name)) {
    issues.push({ path: at('name'), message: `Another section is already called ${name}` });
  }
  const rows = wholeNumber(section.rows, 1, 100);
  if (rows === undefined) {
    issues.push({ path: at('rows'), message: 'Enter a whole number of rows, from 1 to 100' });
  }
  const seatsPerRow = wholeNumber(section.seatsPerRow, 1, 200);
  if (seatsPerRow === undefined) {
    issues.push({
      path: at('seatsPerRow'),
      message: 'Enter a whole number of seats, from 1 to 200',
    });
  }
  const aisleEvery =
    section.aisleEvery.trim() === '' ? undefined : wholeNumber(section.aisleEvery, 2, 200);
  if (section.aisleEvery.trim() !== '' && aisleEvery === undefined) {
    issues.push({
      path: at('aisleEvery'),
      message: 'Enter a number of seats from 2 to 200 between aisles, or leave it empty for none',
    });
  }
  const level = wholeNumber(section.level, 0, LEVELS.length - 1);
  if (level === undefined) issues.push({ path: at('level'), message: 'Choose a level' });
  if (section.zones.length === 0) {
    issues.push({ path: at('zones'), message: 'Give the section at least one price zone' });
  }
  const zones: SeatBlockSpec['zones'] = [];
  let zoned = 0;
  section.zones.forEach((zone, z) => {
    const tier = zone.tier.trim();
    if (!tierCodes.includes(tier)) {
      issues.push({
        path: at('zones', z, 'tier'),
        message:
          tier === '' ? 'Choose the tier of these rows' : 'Choose one of the concert’s tiers',
      });
    }
    if (z === section.zones.length - 1) {
      zones.push({ tier, rows: Math.max(1, (rows ?? 0) - zoned) });
      return;
    }
    const count = wholeNumber(zone.rows, 1, 100);
    if (count === undefined) {
      issues.push({ path: at('zones', z, 'rows'), message: 'Enter a whole number of rows' });
      return;
    }
    zoned += count;
    if (rows !== undefined && zoned >= rows) {
      issues.push({
        path: at('zones', z, 'rows'),
        message: `The section has ${rows} rows: leave some for the zones after this one`,
      });
    }
    zones.push({ tier, rows: count });
  });
  if (issues.length > before || rows === undefined || seatsPerRow === undefined) return undefined;
  return {
    name,
    rows,
    seatsPerRow,
    zones,
    level,
    ...(aisleEvery === undefined ? {} : { aisleEvery }),
  };
}

function readBuilt(values: SeatingValues, tierCodes: readonly string[]): SeatingRead {
  const issues: SeatingIssue[] = [];
  const names = new Set<string>();
  const blocks: SeatBlockSpec[] = [];
  values.sections.forEach((section, index) => {
    const block = readSection(section, index, names, tierCodes, issues);
    names.add(section.name.trim());
    if (block) blocks.push(block);
  });
  const seated = new Set(
    values.sections.flatMap((section) =>
      section.zones.map((zone) => zone.tier.trim()).filter((tier) => tierCodes.includes(tier)),
    ),
  );
  if (values.sections.length === 0) {
    issues.push({ path: ['sections'], message: 'Add at least one section' });
  } else if (values.sections.length > MAX_SECTIONS) {
    issues.push({ path: ['sections'], message: `At most ${MAX_SECTIONS} sections` });
  }
  const count = values.sections.reduce(
    (sum, section) =>
      sum +
      (wholeNumber(section.rows, 1, 100) ?? 0) * (wholeNumber(section.seatsPerRow, 1, 200) ?? 0),
    0,
  );
  if (count > MAX_PLAN_SEATS) {
    issues.push({
      path: ['sections'],
      message: `A plan may have at most ${MAX_PLAN_SEATS.toLocaleString('en-US')} seats (this one has ${count.toLocaleString('en-US')})`,
    });
  }
  if (issues.length > 0) return { plan: undefined, seats: new Map(), seated, issues };
  return {
    ...builtPlan({ curved: values.curved === 'curved', sections: blocks }),
    seated,
    issues,
  };
}

/** `value[key]` of JSON that may be anything: a list's item by its index, an object's field. */
function at(value: unknown, key: PropertyKey | undefined): unknown {
  if (typeof value !== 'object' || value === null || key === undefined) return undefined;
  return (value as Record<PropertyKey, unknown>)[key];
}

/** Text the file gives, if it is text. */
function textOf(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/**
 * Where in the uploaded plan an issue is, as a ticket prints a seat: "Section Stalls, Row B,
 * Seat 4", by the names the file gives, else by place ("Section 2", its second).
 */
function placeOf(path: readonly PropertyKey[], input: unknown): string | undefined {
  const [sectionsKey, s, rowsKey, r, seatsKey, n] = path;
  if (sectionsKey !== 'sections' || typeof s !== 'number') return undefined;
  const section = at(at(input, 'sections'), s);
  const parts = [`Section ${textOf(at(section, 'name')) ?? String(s + 1)}`];
  if (rowsKey === 'rows' && typeof r === 'number') {
    const row = at(at(section, 'rows'), r);
    parts.push(`Row ${textOf(at(row, 'label')) ?? String(r + 1)}`);
    if (seatsKey === 'seats' && typeof n === 'number') {
      const seat = at(at(row, 'seats'), n);
      parts.push(`Seat ${textOf(at(seat, 'number')) ?? String(n + 1)}`);
    }
  }
  return parts.join(', ');
}

/**
 * An issue of `SeatPlanSchema` in plain words: its message, after where it is unless the message
 * names the seat itself (a duplicate, a seat with no tier). The schema says what an object holds
 * of one with a field too many: the file is told which.
 */
function planIssueText(issue: z.core.$ZodIssue, input: unknown): string {
  const place = issue.code === 'custom' ? undefined : placeOf(issue.path, input);
  const message =
    issue.code === 'unrecognized_keys'
      ? `Unknown ${issue.keys.length === 1 ? 'field' : 'fields'} ${issue.keys.map((key) => `"${key}"`).join(', ')}`
      : issue.message;
  return place ? `${place}: ${message}` : message;
}

type PlanFileRead =
  { plan: SeatPlan; seats: Map<string, number> } | { plan: undefined; message: string };

function readPlanText(text: string): PlanFileRead {
  if (text.trim() === '') return { plan: undefined, message: 'Choose the plan’s JSON file' };
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? ` (${error.message})` : '';
    return { plan: undefined, message: `This file is not valid JSON${detail}` };
  }
  const parsed = SeatPlanSchema.safeParse(input);
  if (parsed.success) return { plan: parsed.data, seats: seatsPerTier(parsed.data) };
  const { issues } = parsed.error;
  const named = issues.slice(0, ISSUES_NAMED).map((issue) => planIssueText(issue, input));
  const more = issues.length - named.length;
  if (more > 0) named.push(`and ${more} more ${more === 1 ? 'problem' : 'problems'}`);
  return { plan: undefined, message: named.join('; ') };
}

/** An uploaded file's text as a plan, checked as the server checks it, or what is wrong with it. */
export const readPlanFile = lastOf(readPlanText, (text) => text);

function readUploaded(values: SeatingValues, tierCodes: readonly string[]): SeatingRead {
  const read = readPlanFile(values.planJson);
  if (!read.plan) {
    const issue = { path: ['planJson'], message: read.message };
    return { plan: undefined, seats: new Map(), seated: new Set(), issues: [issue] };
  }
  const planTiers = new Set(read.seats.keys());
  const unknown = [...planTiers].filter((code) => !tierCodes.includes(code));
  const codes = unknown.map((code) => `"${code}"`).join(', ');
  const issues =
    unknown.length === 0
      ? []
      : [
          {
            path: ['planJson'],
            message:
              unknown.length === 1
                ? `The plan sells seats in tier ${codes}, which is not one of the concert’s tiers: add a tier with that code`
                : `The plan sells seats in tiers ${codes}, which are not among the concert’s tiers: add tiers with those codes`,
          },
        ];
  return { plan: read.plan, seats: read.seats, seated: planTiers, issues };
}

/**
 * The seating as the form has it: the plan to send (built from sections, or read from a file),
 * the tiers it gives seats, and what is wrong with it at the fields the organizer can fix.
 */
export function readSeating(values: SeatingValues, tierCodes: readonly string[]): SeatingRead {
  switch (values.kind) {
    case 'none':
      return { plan: undefined, seats: new Map(), seated: new Set(), issues: [] };
    case 'build':
      return readBuilt(values, tierCodes);
    case 'upload':
      return readUploaded(values, tierCodes);
  }
}

/** How many seats the plan gives each tier, in the order its seats come. */
export function seatsPerTier(plan: SeatPlan): Map<string, number> {
  const counts = new Map<string, number>();
  for (const seat of planSeats(plan)) counts.set(seat.tier, (counts.get(seat.tier) ?? 0) + 1);
  return counts;
}
