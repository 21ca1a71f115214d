import { describe, expect, it } from 'vitest';
import { BookingRequestSchema, type BookingRequestInput } from './bookings.js';
import { toFieldIssues } from './validation-messages.js';
import { HeartbeatRequestSchema, createCheckoutRequestSchema } from './holds.js';

const CheckoutRequestSchema = createCheckoutRequestSchema({ maxTicketsPerOrder: 10 });

const CONCERT = 'neon-harbor-2027-03-14';

function checkoutBody(items: unknown, extra: Record<string, unknown> = {}) {
  return { concertId: CONCERT, items, ...extra };
}

/** The field issues a VALIDATION_FAILED answer would carry for `body`, or [] when it parses. */
function checkoutIssues(body: unknown, schema = CheckoutRequestSchema) {
  const result = schema.safeParse(body);
  return result.success ? [] : toFieldIssues(result.error.issues);
}

function bookingIssues(body: unknown) {
  const result = BookingRequestSchema.safeParse(body);
  return result.success ? [] : toFieldIssues(result.error.issues);
}

function fieldsOf(issues: { field: string }[]) {
  return issues.map((issue) => issue.field);
}

describe('createCheckoutRequestSchema', () => {
  it('accepts a concert and one line per tier within the per-order limit', () => {
    const body = checkoutBody([
      { tier: 'vip', quantity: 2 },
      { tier: 'front-row', quantity: 3 },
    ]);

    const result = CheckoutRequestSchema.safeParse(body);

    expect(result.success).toBe(true);
    expect(result.data).toEqual(body);
  });

  it('accepts exactly the per-order limit', () => {
    const body = checkoutBody([
      { tier: 'vip', quantity: 4 },
      { tier: 'ga', quantity: 6 },
    ]);

    expect(checkoutIssues(body)).toEqual([]);
  });

  it.each([
    [0, 'Quantity must be at least 1'],
    [-1, 'Quantity must be at least 1'],
    [1.5, 'Quantity must be a whole number'],
    ['2', 'Quantity must be a whole number'],
    [1001, 'Quantity must be at most 1000'],
  ])('rejects a quantity of %j at items.0.quantity', (quantity, message) => {
    const issues = checkoutIssues(checkoutBody([{ tier: 'vip', quantity }]));

    expect(issues).toContainEqual({ field: 'items.0.quantity', message });
  });

  it('rejects an absurdly large quantity at items.0.quantity', () => {
    const issues = checkoutIssues(checkoutBody([{ tier: 'vip', quantity: 1e20 }]));

    expect(fieldsOf(issues)).toContain('items.0.quantity');
    expect(fieldsOf(issues)).not.toContain('items');
  });

  it('reports the quantity of the right line when a later line is bad', () => {
    const issues = checkoutIssues(
      checkoutBody([
        { tier: 'vip', quantity: 1 },
        { tier: 'ga', quantity: 0 },
      ]),
    );

    expect(issues).toEqual([{ field: 'items.1.quantity', message: 'Quantity must be at least 1' }]);
  });

  it('when a tier appears twice, the second line’s tier is named', () => {
    const result = CheckoutRequestSchema.safeParse(
      checkoutBody([
        { tier: 'vip', quantity: 1 },
        { tier: 'ga', quantity: 1 },
        { tier: 'vip', quantity: 2 },
      ]),
    );

    expect(result.success).toBe(false);
    expect(result.error?.issues).toHaveLength(1);
    expect(result.error?.issues[0]?.path).toEqual(['items', 2, 'tier']);
    expect(toFieldIssues(result.error?.issues ?? [])).toEqual([
      { field: 'items.2.tier', message: 'Tier "vip" appears more than once' },
    ]);
  });

  it('when the lines add up to more than 10 tickets, the order is rejected at items', () => {
    const issues = checkoutIssues(
      checkoutBody([
        { tier: 'vip', quantity: 6 },
        { tier: 'ga', quantity: 5 },
      ]),
    );

    expect(issues).toEqual([
      { field: 'items', message: 'At most 10 tickets per order (asked for 11)' },
    ]);
  });

  it('takes the per-order limit from its argument', () => {
    const schema = createCheckoutRequestSchema({ maxTicketsPerOrder: 2 });
    const body = checkoutBody([{ tier: 'vip', quantity: 3 }]);

    expect(checkoutIssues(body, schema)).toEqual([
      { field: 'items', message: 'At most 2 tickets per order (asked for 3)' },
    ]);
    expect(checkoutIssues(body)).toEqual([]);
  });

  it('rejects an empty list of items', () => {
    expect(checkoutIssues(checkoutBody([]))).toEqual([
      { field: 'items', message: 'Items must name at least one ticket' },
    ]);
  });

  it('rejects items that are not a list', () => {
    expect(checkoutIssues(checkoutBody({ tier: 'vip', quantity: 1 }))).toEqual([
      { field: 'items', message: 'Items must be a list of tiers and quantities' },
    ]);
  });

  it('rejects a body without a concertId', () => {
    const issues = checkoutIssues({ items: [{ tier: 'vip', quantity: 1 }] });

    expect(issues).toEqual([{ field: 'concertId', message: 'Concert id is missing' }]);
  });

  it('rejects a concertId that is not a slug', () => {
    const issues = checkoutIssues({
      concertId: 'Neon Harbor!',
      items: [{ tier: 'vip', quantity: 1 }],
    });

    expect(issues).toEqual([
      {
        field: 'concertId',
        message:
          'Concert id must be up to 80 lowercase letters, digits and dashes, such as neon-harbor',
      },
    ]);
  });

  it('names an unknown top-level key as its own field', () => {
    const issues = checkoutIssues(checkoutBody([{ tier: 'vip', quantity: 1 }], { x: 1 }));

    expect(issues).toEqual([{ field: 'x', message: '"x" is not a field of the request body' }]);
  });

  it('names an unknown key inside a line by its full path', () => {
    const issues = checkoutIssues(checkoutBody([{ tier: 'vip', quantity: 1, price: 0 }]));

    expect(issues).toEqual([
      { field: 'items.0.price', message: '"price" is not a field of item 1' },
    ]);
  });

  it('lists every unknown key separately', () => {
    const issues = checkoutIssues(checkoutBody([{ tier: 'vip', quantity: 1 }], { x: 1, y: 2 }));

    expect(fieldsOf(issues).sort()).toEqual(['x', 'y']);
  });
});

describe('toFieldIssues', () => {
  it('names nested fields with dotted paths such as items.0.quantity', () => {
    const issues = checkoutIssues({ concertId: 42, items: [{ tier: 'VIP', quantity: 0 }] });

    expect(fieldsOf(issues).sort()).toEqual(['concertId', 'items.0.quantity', 'items.0.tier']);
  });

  it('calls a problem with the body as a whole (body)', () => {
    const issues = checkoutIssues(null);

    expect(fieldsOf(issues)).toEqual(['(body)']);
  });
});

describe('BookingRequestSchema', () => {
  function bookingBody(
    overrides: {
      buyer?: Partial<BookingRequestInput['buyer']>;
      payment?: Partial<BookingRequestInput['payment']>;
    } = {},
  ): BookingRequestInput {
    return {
      concertId: CONCERT,
      buyer: { name: 'Ada Lovelace', email: 'ada@example.com', ...overrides.buyer },
      payment: {
        cardNumber: '4242424242424242',
        expiry: '12/30',
        cvc: '123',
        ...overrides.payment,
      },
    };
  }

  it('accepts a complete booking', () => {
    const result = BookingRequestSchema.safeParse(bookingBody());

    expect(result.success).toBe(true);
    expect(result.data).toEqual(bookingBody());
  });

  it('normalises a card number typed with spaces or dashes to its digits', () => {
    const result = BookingRequestSchema.safeParse(
      bookingBody({ payment: { cardNumber: '4242 4242-4242 4242' } }),
    );

    expect(result.data?.payment.cardNumber).toBe('4242424242424242');
  });

  it('trims the buyer’s name and email', () => {
    const result = BookingRequestSchema.safeParse(
      bookingBody({ buyer: { name: '  Ada Lovelace ', email: ' ada@example.com ' } }),
    );

    expect(result.data?.buyer).toEqual({ name: 'Ada Lovelace', email: 'ada@example.com' });
  });

  it('rejects a card number that fails the Luhn check at payment.cardNumber', () => {
    const issues = bookingIssues(bookingBody({ payment: { cardNumber: '4242424242424241' } }));

    expect(issues).toEqual([{ field: 'payment.cardNumber', message: 'Card number is not valid' }]);
  });

  it.each(['4242', '42424242424242424242', '4242abcd42424242'])(
    'rejects the card number %j as the wrong shape, with that one message',
    (cardNumber) => {
      const issues = bookingIssues(bookingBody({ payment: { cardNumber } }));

      expect(issues).toEqual([
        { field: 'payment.cardNumber', message: 'Card number must be 12 to 19 digits' },
      ]);
    },
  );

  it('asks for a card number when it is left empty', () => {
    const issues = bookingIssues(bookingBody({ payment: { cardNumber: ' ' } }));

    expect(issues).toEqual([{ field: 'payment.cardNumber', message: 'Enter a card number' }]);
  });

  it.each(['13/30', '00/30', '1/30', '12/2030', '1230', ''])(
    'rejects the expiry %j at payment.expiry',
    (expiry) => {
      const issues = bookingIssues(bookingBody({ payment: { expiry } }));

      expect(issues).toEqual([{ field: 'payment.expiry', message: 'Expiry must look like MM/YY' }]);
    },
  );

  it.each(['12', '12345', 'abc', ''])('rejects the security code %j at payment.cvc', (cvc) => {
    const issues = bookingIssues(bookingBody({ payment: { cvc } }));

    expect(issues).toEqual([
      { field: 'payment.cvc', message: 'Security code must be 3 or 4 digits' },
    ]);
  });

  it('accepts a four-digit security code, as on Amex cards', () => {
    const body = bookingBody({ payment: { cardNumber: '378282246310005', cvc: '1234' } });

    expect(bookingIssues(body)).toEqual([]);
  });

  it.each(['not-an-email', 'ada@', '@example.com', ''])(
    'rejects the email %j at buyer.email',
    (email) => {
      const issues = bookingIssues(bookingBody({ buyer: { email } }));

      expect(issues).toEqual([{ field: 'buyer.email', message: 'Enter a valid email address' }]);
    },
  );

  it('rejects a blank name at buyer.name', () => {
    const issues = bookingIssues(bookingBody({ buyer: { name: '   ' } }));

    expect(issues).toEqual([{ field: 'buyer.name', message: 'Enter the name for the tickets' }]);
  });

  it('rejects a missing payment block', () => {
    const { concertId, buyer } = bookingBody();

    expect(fieldsOf(bookingIssues({ concertId, buyer }))).toEqual(['payment']);
  });
});

describe('HeartbeatRequestSchema', () => {
  it('accepts the page’s activity and visibility flags', () => {
    const body = { concertId: CONCERT, active: true, visible: false };

    const result = HeartbeatRequestSchema.safeParse(body);

    expect(result.success).toBe(true);
    expect(result.data).toEqual(body);
  });

  it.each(['true', 1, null])('rejects an active flag of %j', (active) => {
    const result = HeartbeatRequestSchema.safeParse({ concertId: CONCERT, active, visible: true });

    expect(result.success).toBe(false);
    expect(toFieldIssues(result.error?.issues ?? [])).toEqual([
      { field: 'active', message: 'Active must be true or false' },
    ]);
  });

  it('rejects a missing visible flag', () => {
    const result = HeartbeatRequestSchema.safeParse({ concertId: CONCERT, active: true });

    expect(toFieldIssues(result.error?.issues ?? [])).toEqual([
      { field: 'visible', message: 'Visible must be true or false' },
    ]);
  });
});
