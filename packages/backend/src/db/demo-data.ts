import {
  DEFAULT_MAX_TICKETS_PER_BUYER,
  fromLocalDateTime,
  toLocalDateTime,
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

export interface DemoConcert {
  concert: NewConcert;
  /** Tickets already sold at the box office, per tier code. */
  sold: Record<string, number>;
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
