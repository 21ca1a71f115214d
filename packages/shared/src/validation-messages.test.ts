import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { BookingRequestSchema } from './bookings.js';
import { HeartbeatRequestSchema, createCheckoutRequestSchema } from './holds.js';
import {
  CreateConcertRequestSchema,
  UpdateConcertRequestSchema,
  UpdateTierRequestSchema,
} from './organizer.js';
import { fieldLabel, toFieldIssues } from './validation-messages.js';

const CheckoutRequestSchema = createCheckoutRequestSchema({ maxTicketsPerOrder: 10 });

/** Zod's own wording, which no answer may show: it names neither the field nor the rule. */
const LIBRARY_WORDING =
  /^(Invalid (input|string|number|option|key|value|element)|Too (small|big)|Unrecognized key|Expected )|expected \w+, received|must match pattern|Invalid (email|UUID|ISO)/;

function issuesOf(schema: z.ZodType, input: unknown) {
  const result = schema.safeParse(input);
  return result.success ? [] : toFieldIssues(result.error.issues);
}

const VALID = {
  checkout: { concertId: 'neon-harbor', items: [{ tier: 'vip', quantity: 2 }] },
  heartbeat: { concertId: 'neon-harbor', active: true, visible: true, leaving: false },
  booking: {
    concertId: 'neon-harbor',
    buyer: { name: 'Ada Lindqvist', email: 'ada@example.com' },
    payment: { cardNumber: '4242 4242 4242 4242', expiry: '12/35', cvc: '123' },
  },
  createConcert: {
    id: 'neon-harbor',
    name: 'Neon Harbor',
    artist: 'Neon Harbor',
    venue: 'Pier 9',
    timeZone: 'Europe/Paris',
    startsAt: '2035-05-01T20:00:00Z',
    salesEndAt: '2035-05-01T18:00:00Z',
    maxTicketsPerBuyer: 6,
    tiers: [{ code: 'vip', name: 'VIP', priceCents: 100, currency: 'EUR', capacity: 10 }],
  },
  updateTier: { capacity: 10, priceCents: 100 },
  updateConcert: { maxTicketsPerBuyer: 4 },
};

const REQUESTS: [name: string, schema: z.ZodType, valid: object][] = [
  ['checkout', CheckoutRequestSchema, VALID.checkout],
  ['heartbeat', HeartbeatRequestSchema, VALID.heartbeat],
  ['booking', BookingRequestSchema, VALID.booking],
  ['create concert', CreateConcertRequestSchema, VALID.createConcert],
  ['update tier', UpdateTierRequestSchema, VALID.updateTier],
  ['update concert', UpdateConcertRequestSchema, VALID.updateConcert],
];

const ODD_VALUES: unknown[] = [
  undefined,
  null,
  0,
  -1,
  1.5,
  1e20,
  '',
  '   ',
  'x',
  'NOT A SLUG!',
  'a'.repeat(300),
  true,
  [],
  [null],
  {},
];

/** Every path to a value in a JSON body: `buyer`, `buyer.name`, `items.0.quantity`… */
function pathsOf(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) {
    return value.flatMap((item, index) => [
      [...prefix, index],
      ...pathsOf(item, [...prefix, index]),
    ]);
  }
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([key, item]) => [
      [...prefix, key],
      ...pathsOf(item, [...prefix, key]),
    ]);
  }
  return [];
}

function withValue(body: object, path: (string | number)[], value: unknown): unknown {
  const copy = JSON.parse(JSON.stringify(body)) as Record<string | number, unknown>;
  let parent = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = path.at(-1) ?? '';
  if (value === undefined) Reflect.deleteProperty(parent, last);
  else parent[last] = value;
  return copy;
}

/** Words a message may name a field by besides its own name. */
const ALSO_NAMED: Record<string, RegExp> = {
  cvc: /security code/i,
  startsAt: /date and time|start/i,
  salesEndAt: /sales end/i,
  priceCents: /price/i,
  items: /items?|tickets?/i,
  tiers: /tiers?/i,
  maxTicketsPerBuyer: /limit per buyer/i,
  '(body)': /body|capacity|price|setting/i,
};

function namesItsField(issue: { field: string; message: string }): boolean {
  const key = issue.field.split('.').at(-1) ?? '';
  const label = fieldLabel(
    issue.field === '(body)' ? [] : issue.field.split('.').map((k) => (/^\d+$/.test(k) ? +k : k)),
  );
  const also = ALSO_NAMED[key] ?? ALSO_NAMED[issue.field];
  return (
    issue.message.toLowerCase().includes(label.toLowerCase()) ||
    issue.message.toLowerCase().includes(key.toLowerCase()) ||
    (also?.test(issue.message) ?? false)
  );
}

describe('validation messages', () => {
  it.each(REQUESTS)(
    'of a %s request name the field and the rule in plain words, whatever any field holds',
    (_name, schema, valid) => {
      const issues = [undefined, null, [], 'x', {}].flatMap((body) => issuesOf(schema, body));
      for (const path of pathsOf(valid)) {
        for (const value of ODD_VALUES)
          issues.push(...issuesOf(schema, withValue(valid, path, value)));
      }

      expect(issues.length).toBeGreaterThan(0);
      expect(issues.filter((issue) => LIBRARY_WORDING.test(issue.message))).toEqual([]);
      expect(issues.filter((issue) => !namesItsField(issue))).toEqual([]);
    },
  );

  it.each([
    [undefined, 'The request body is missing: send a JSON object'],
    [[VALID.checkout], 'The request body must be a JSON object'],
    [null, 'The request body must be a JSON object'],
  ])('call a body of %j what it is', (body, message) => {
    expect(issuesOf(CheckoutRequestSchema, body)).toEqual([{ field: '(body)', message }]);
  });

  it('say what an item, a buyer and a payment must hold', () => {
    expect(issuesOf(CheckoutRequestSchema, { ...VALID.checkout, items: [null] })).toEqual([
      { field: 'items.0', message: 'Item 1 must be an object with a tier and a quantity' },
    ]);
    expect(issuesOf(BookingRequestSchema, { ...VALID.booking, buyer: 'Ada' })).toEqual([
      { field: 'buyer', message: 'Buyer must be an object with a name and an email' },
    ]);
    expect(issuesOf(BookingRequestSchema, { concertId: 'neon-harbor', buyer: {} })).toEqual([
      { field: 'buyer.name', message: 'Enter the name for the tickets' },
      { field: 'buyer.email', message: 'Enter an email address' },
      { field: 'payment', message: 'Payment is missing' },
    ]);
  });

  it('name a currency that is not a three-letter code in capitals', () => {
    const tier = { ...VALID.createConcert.tiers[0], currency: 'eur' };

    expect(issuesOf(CreateConcertRequestSchema, { ...VALID.createConcert, tiers: [tier] })).toEqual(
      [
        {
          field: 'tiers.0.currency',
          message: 'Currency must be a three-letter code in capitals, such as EUR',
        },
      ],
    );
  });

  it('name each unknown field and where it is', () => {
    expect(issuesOf(HeartbeatRequestSchema, { ...VALID.heartbeat, focused: true })).toEqual([
      { field: 'focused', message: '"focused" is not a field of the request body' },
    ]);
  });

  describe('for schemas without words of their own', () => {
    const Schema = z.strictObject({
      seatCount: z.int().min(2).max(8),
      notes: z.string().min(1).max(3),
      tags: z.array(z.string()).min(1).max(2),
      contact: z.email(),
      startsAt: z.iso.datetime(),
      size: z.enum(['s', 'm']),
      rows: z.array(z.strictObject({ seat: z.boolean() })),
    });
    const valid = {
      seatCount: 2,
      notes: 'ok',
      tags: ['a'],
      contact: 'ada@example.com',
      startsAt: '2030-05-01T20:00:00Z',
      size: 's',
      rows: [{ seat: true }],
    };

    it.each([
      ['seatCount', undefined, 'Seat count is missing'],
      ['seatCount', '2', 'Seat count must be a whole number'],
      ['seatCount', 1, 'Seat count must be at least 2'],
      ['seatCount', 9, 'Seat count must be at most 8'],
      ['notes', '', 'Notes must not be empty'],
      ['notes', 'long', 'Notes must be at most 3 characters'],
      ['tags', [], 'Tags must have at least one entry'],
      ['tags', ['a', 'b', 'c'], 'Tags must have at most 2 entries'],
      ['tags', 'a', 'Tags must be a list'],
      ['contact', 'ada', 'Contact must be an email address'],
      ['startsAt', 'soon', 'Starts at must be an ISO date and time, such as 2030-05-01T20:00:00Z'],
      ['size', 'xl', 'Size must be "s" or "m"'],
      ['rows', [{ seat: 'yes' }], 'Seat must be true or false'],
      ['rows', ['x'], 'Row 1 must be an object'],
    ])('%s of %j: "%s"', (field, value, message) => {
      const issues = issuesOf(Schema, { ...valid, [field]: value });

      expect(issues.map((issue) => issue.message)).toEqual([message]);
    });
  });
});
