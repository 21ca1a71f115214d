import {
  buildSeatPlan,
  DEFAULT_MAX_TICKETS_PER_BUYER,
  fromLocalDateTime,
  toLocalDateTime,
  type SeatFlag,
  type SeatPlan,
} from '@ticket-booking/shared';
import type { NewConcert } from '../modules/concerts/concerts.repo.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** An evening show `days` from now, at 19:30 at the venue, whatever its offset that day. */
function eveningIn(now: number, days: number, timeZone: string): number {
  const day = toLocalDateTime(now + days * DAY_MS, timeZone).slice(0, 10);
  const evening = fromLocalDateTime(`${day}T19:30`, timeZone);
  if (!evening.ok) throw new Error(`No 19:30 on ${day} in ${timeZone}`);
  return evening.instant;
}

function tiers(
  vip: [price: number, total: number],
  frontRow: [price: number, total: number],
  ga: [price: number, total: number],
): NewConcert['tiers'] {
  return [
    { code: 'vip', name: 'VIP', priceCents: vip[0] * 100, currency: 'USD', total: vip[1] },
    {
      code: 'front-row',
      name: 'Front Row',
      priceCents: frontRow[0] * 100,
      currency: 'USD',
      total: frontRow[1],
    },
    {
      code: 'ga',
      name: 'General Admission',
      priceCents: ga[0] * 100,
      currency: 'USD',
      total: ga[1],
    },
  ];
}

/** A tier whose seats the plan gives: its total is its seats, set when it is written. */
function seated(code: string, name: string, dollars: number): NewConcert['tiers'][number] {
  return { code, name, priceCents: dollars * 100, currency: 'USD', total: 0 };
}

export interface DemoConcert {
  concert: NewConcert;
  /** Tickets already sold at the box office, per tier code. */
  sold: Record<string, number>;
  /** Seats for the tiers it names. */
  seatPlan?: SeatPlan;
}

/**
 * A concert hall of 2,112 seats: stalls in three blocks, the best rows of the centre block a
 * zone of their own, and a balcony behind; wheelchair spaces with companion seats at the back
 * of the side stalls, and the balcony's outer seats behind pillars.
 */
export function harbourlightHall(): SeatPlan {
  const plan = buildSeatPlan({
    curved: true,
    sections: [
      { name: 'Stalls Left', rows: 24, seatsPerRow: 14, zones: [{ tier: 'stalls', rows: 24 }] },
      {
        name: 'Stalls Centre',
        rows: 24,
        seatsPerRow: 28,
        aisleEvery: 14,
        zones: [
          { tier: 'premium', rows: 6 },
          { tier: 'stalls', rows: 18 },
        ],
      },
      { name: 'Stalls Right', rows: 24, seatsPerRow: 14, zones: [{ tier: 'stalls', rows: 24 }] },
      ...['Balcony Left', 'Balcony Centre', 'Balcony Right'].map((name) => ({
        name,
        rows: 12,
        seatsPerRow: name === 'Balcony Centre' ? 32 : 16,
        zones: [{ tier: 'balcony', rows: 12 }],
        level: 1,
      })),
    ],
  });
  const flag = (section: string, row: number, seats: number[], flags: SeatFlag[]) => {
    const seatsOfRow = plan.sections.find((s) => s.name === section)?.rows[row]?.seats ?? [];
    for (const index of seats) {
      const seat = seatsOfRow[index];
      if (seat) seat.flags = flags;
    }
  };
  for (const side of ['Stalls Left', 'Stalls Right']) {
    flag(side, 23, [0, 2], ['wheelchair']);
    flag(side, 23, [1, 3], ['companion']);
  }
  for (let row = 0; row < 12; row += 1) {
    flag('Balcony Left', row, [0], ['restricted-view']);
    flag('Balcony Right', row, [15], ['restricted-view']);
  }
  return plan;
}

/** Invented artists and venues; dates are relative to `now`, so the shows are always upcoming. */
export function demoConcerts(now: number): DemoConcert[] {
  return [
    {
      concert: {
        id: 'static-bloom-night-garden',
        name: 'Night Garden',
        artist: 'Static Bloom',
        venue: 'Northgate Pavilion',
        timeZone: 'America/New_York',
        startsAt: eveningIn(now, 12, 'America/New_York'),
        maxTicketsPerBuyer: DEFAULT_MAX_TICKETS_PER_BUYER,
        tiers: tiers([220, 24], [140, 80], [65, 600]),
      },
      sold: { vip: 23, 'front-row': 77, ga: 589 },
    },
    {
      concert: {
        id: 'neon-harbor-tidelight',
        name: 'Tidelight Tour',
        artist: 'Neon Harbor',
        venue: 'Riverside Amphitheater',
        timeZone: 'America/New_York',
        startsAt: eveningIn(now, 24, 'America/New_York'),
        maxTicketsPerBuyer: DEFAULT_MAX_TICKETS_PER_BUYER,
        tiers: tiers([249, 60], [149, 200], [69, 2000]),
      },
      sold: { vip: 18, 'front-row': 41, ga: 520 },
    },
    {
      concert: {
        id: 'velvet-comets-in-the-round',
        name: 'Live in the Round',
        artist: 'The Velvet Comets',
        venue: 'Copperfield Arena',
        timeZone: 'America/Chicago',
        startsAt: eveningIn(now, 38, 'America/Chicago'),
        maxTicketsPerBuyer: DEFAULT_MAX_TICKETS_PER_BUYER,
        tiers: tiers([299, 40], [179, 150], [89, 3000]),
      },
      sold: { vip: 6, 'front-row': 12, ga: 240 },
    },
    {
      concert: {
        id: 'marisol-ayer-quiet-fires',
        name: 'Quiet Fires',
        artist: 'Marisol Ayer',
        venue: 'Glasshouse Hall',
        timeZone: 'America/Los_Angeles',
        startsAt: eveningIn(now, 52, 'America/Los_Angeles'),
        maxTicketsPerBuyer: DEFAULT_MAX_TICKETS_PER_BUYER,
        tiers: tiers([189, 30], [119, 120], [59, 800]),
      },
      sold: {},
    },
    {
      concert: {
        id: 'lowtide-brass-midnight-sessions',
        name: 'Midnight Sessions',
        artist: 'Lowtide Brass Collective',
        venue: 'The Foundry',
        timeZone: 'America/Denver',
        startsAt: eveningIn(now, 75, 'America/Denver'),
        maxTicketsPerBuyer: DEFAULT_MAX_TICKETS_PER_BUYER,
        tiers: tiers([159, 20], [99, 60], [45, 400]),
      },
      sold: { ga: 35 },
    },
    {
      concert: {
        id: 'paper-lanterns-long-night',
        name: 'Songs for a Long Night',
        artist: 'The Paper Lanterns',
        venue: 'Harbourlight Hall',
        timeZone: 'America/Chicago',
        startsAt: eveningIn(now, 45, 'America/Chicago'),
        maxTicketsPerBuyer: DEFAULT_MAX_TICKETS_PER_BUYER,
        tiers: [
          seated('premium', 'Premium Stalls', 175),
          seated('stalls', 'Stalls', 115),
          seated('balcony', 'Balcony', 65),
          {
            code: 'standing',
            name: 'Standing Room',
            priceCents: 4500,
            currency: 'USD',
            total: 120,
          },
        ],
      },
      sold: { premium: 61, stalls: 388, balcony: 142, standing: 30 },
      seatPlan: harbourlightHall(),
    },
  ];
}

export const DEMO_BUYERS = [
  'Ada Lindqvist',
  'Bruno Okafor',
  'Chen Wei',
  'Dalia Haddad',
  'Emeka Nwosu',
  'Freya Castillo',
  'Goran Petrov',
  'Hana Sato',
];
