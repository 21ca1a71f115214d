import {
  buildSeatPlan,
  seatLabel,
  type Booking,
  type Concert,
  type Hold,
  type Offer,
  type SeatPlan,
  type SeatRef,
  type Ticket,
  type Tier,
  type WaitingListEntry,
} from '@ticket-booking/shared';

export const NOW = Date.parse('2030-01-15T12:00:00.000Z');

export function tierFixture(overrides: Partial<Tier> & Pick<Tier, 'code'>): Tier {
  const total = overrides.total ?? 100;
  const sold = overrides.sold ?? 0;
  const held = overrides.held ?? 0;
  return {
    name: overrides.code.toUpperCase(),
    priceCents: 5_000,
    currency: 'USD',
    total,
    sold,
    held,
    available: total - sold - held,
    seated: false,
    ...overrides,
  };
}

export function concertFixture(overrides: Partial<Concert> = {}): Concert {
  return {
    id: 'neon-harbor-tidelight',
    name: 'Tidelight Tour',
    artist: 'Neon Harbor',
    venue: 'Riverside Amphitheater',
    startsAt: '2030-02-14T19:30:00.000Z',
    timeZone: 'America/New_York',
    onSaleAt: '2030-01-01T10:00:00.000Z',
    salesEndAt: '2030-02-14T19:30:00.000Z',
    waitingRoom: null,
    status: 'ON_SALE',
    tiers: [
      tierFixture({ code: 'vip', name: 'VIP', priceCents: 24_900, total: 60 }),
      tierFixture({ code: 'front-row', name: 'Front Row', priceCents: 14_900, total: 200 }),
      tierFixture({ code: 'ga', name: 'General Admission', priceCents: 6_900, total: 2000 }),
    ],
    maxTicketsPerOrder: 10,
    maxTicketsPerBuyer: 8,
    offerMinutes: 30,
    ...overrides,
  };
}

export function holdFixture(overrides: Partial<Hold> = {}): Hold {
  return {
    concertId: 'neon-harbor-tidelight',
    items: [{ tier: 'vip', name: 'VIP', quantity: 2, unitPriceCents: 24_900 }],
    totalCents: 49_800,
    currency: 'USD',
    createdAt: new Date(NOW).toISOString(),
    expiresAt: new Date(NOW + 90_000).toISOString(),
    deadlineAt: new Date(NOW + 600_000).toISOString(),
    hardCapAt: new Date(NOW + 900_000).toISOString(),
    lastActiveAt: new Date(NOW).toISOString(),
    serverTime: new Date(NOW).toISOString(),
    heartbeatIntervalMs: 30_000,
    inactivityTimeoutMs: 180_000,
    ...overrides,
  };
}

export function bookingFixture(overrides: Partial<Booking> = {}): Booking {
  return {
    id: '1b4e28ba-2fa1-41d2-883f-0016d3cca427',
    confirmationCode: 'K7QP-M2XD',
    concertId: 'neon-harbor-tidelight',
    status: 'CONFIRMED',
    items: [{ tier: 'vip', name: 'VIP', quantity: 2, unitPriceCents: 24_900 }],
    totalCents: 49_800,
    currency: 'USD',
    buyer: { name: 'Ada Lindqvist', email: 'ada@example.com' },
    payment: { brand: 'visa', last4: '4242' },
    createdAt: new Date(NOW).toISOString(),
    ...overrides,
  };
}

export const OFFER_TOKEN = 'Kp3xV9qLm2Zt8RwY4nBc6Hd1Jf5Gs7Ae';

export function offerFixture(overrides: Partial<Offer> = {}): Offer {
  return {
    token: OFFER_TOKEN,
    concertId: 'neon-harbor-tidelight',
    tier: 'vip',
    tierName: 'VIP',
    quantity: 2,
    unitPriceCents: 24_900,
    currency: 'USD',
    status: 'OPEN',
    expiresAt: new Date(NOW + 30 * 60_000).toISOString(),
    serverTime: new Date(NOW).toISOString(),
    ...overrides,
  };
}

export function waitingListEntryFixture(
  overrides: Partial<WaitingListEntry> = {},
): WaitingListEntry {
  return {
    concertId: 'neon-harbor-tidelight',
    tier: 'vip',
    quantity: 2,
    email: 'ada@example.com',
    status: 'WAITING',
    joinedAt: new Date(NOW - 3_600_000).toISOString(),
    ahead: 3,
    ...overrides,
  };
}

/** Three tickets' codes, shaped as the server makes them (46 URL-safe characters). */
export const TICKET_CODES = [
  'PtYgjmUhBel31iEl2hpChYgCfrL1spNxnyVmihA_2O76UM',
  'FxFkM_R5Kjp1vRt-1fjORS_6ilI8ihN5KXSc7Tvo_hBKqF',
  'YY_kv5ZJr3J1TWDtkwtDDb-xHKas1VOqg6YYZYn9ZhyiA4',
] as const;

/** The second ticket of `bookingFixture()`'s booking, still to be used. */
export function ticketFixture(overrides: Partial<Ticket> = {}): Ticket {
  return {
    code: TICKET_CODES[1],
    number: 2,
    bookingId: '1b4e28ba-2fa1-41d2-883f-0016d3cca427',
    confirmationCode: 'K7QP-M2XD',
    concertId: 'neon-harbor-tidelight',
    concertName: 'Tidelight Tour',
    artist: 'Neon Harbor',
    venue: 'Riverside Amphitheater',
    startsAt: '2030-02-14T19:30:00.000Z',
    timeZone: 'America/New_York',
    tier: 'vip',
    tierName: 'VIP',
    holder: 'Ada Lindqvist',
    status: 'VALID',
    checkedInAt: null,
    door: null,
    ...overrides,
  };
}

/**
 * The seats of `seatedConcertFixture()`: one section, Stalls, of two rows of four, row A in the
 * Stalls tier and row B in the Circle tier. Seat ids are `Stalls-A-1` … `Stalls-B-4`, seats 0–7
 * in plan order.
 */
export const SEAT_PLAN: SeatPlan = buildSeatPlan({
  curved: false,
  sections: [
    {
      name: 'Stalls',
      rows: 2,
      seatsPerRow: 4,
      zones: [
        { tier: 'stalls', rows: 1 },
        { tier: 'circle', rows: 1 },
      ],
    },
  ],
});

export const SEAT_COUNT = 8;

/** A concert with two seated tiers on `SEAT_PLAN` and one sold by quantity. */
export function seatedConcertFixture(overrides: Partial<Concert> = {}): Concert {
  return concertFixture({
    tiers: [
      tierFixture({ code: 'stalls', name: 'Stalls', priceCents: 4_500, total: 4, seated: true }),
      tierFixture({ code: 'circle', name: 'Circle', priceCents: 3_000, total: 4, seated: true }),
      tierFixture({ code: 'ga', name: 'General Admission', priceCents: 2_000, total: 500 }),
    ],
    ...overrides,
  });
}

/** A seat of `SEAT_PLAN` as the API names it: `seatRefFixture('B', '4')`. */
export function seatRefFixture(row: string, number: string): SeatRef {
  const seat = { section: 'Stalls', row, number };
  return { id: `Stalls-${row}-${number}`, ...seat, label: seatLabel(seat) };
}
