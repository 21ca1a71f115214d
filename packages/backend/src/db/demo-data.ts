import type { NewConcert } from '../modules/concerts/concerts.repo.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** An evening show `days` from now, at 19:30 UTC. */
function eveningIn(now: number, days: number): number {
  const day = Math.floor(now / DAY_MS) * DAY_MS;
  return day + days * DAY_MS + 19.5 * 60 * 60 * 1000;
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
        startsAt: eveningIn(now, 12),
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
        startsAt: eveningIn(now, 24),
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
        startsAt: eveningIn(now, 38),
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
        startsAt: eveningIn(now, 52),
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
        startsAt: eveningIn(now, 75),
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
