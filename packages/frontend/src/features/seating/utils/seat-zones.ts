import type { Tier } from '@ticket-booking/shared';
import { formatMoney } from '../../../lib/format';

/** A price zone as the map needs it: one of the concert's tiers. */
export type SeatMapTier = Pick<Tier, 'code' | 'name' | 'priceCents' | 'currency'>;

/** A zone as drawn and told: its name, its price in words, and its colour. */
export interface Zone {
  code: string;
  name: string;
  price: string;
  colour: string;
}

/**
 * Tailwind's 600s: each at least 3:1 against white, as WCAG 1.4.11 asks of a graphic that
 * tells something, and far apart in hue. Zones beyond these share colours; their names and
 * prices still tell them apart.
 */
const ZONE_COLOURS = [
  '#0d9488',
  '#d97706',
  '#c026d3',
  '#0284c7',
  '#65a30d',
  '#e11d48',
  '#7c3aed',
  '#ea580c',
];

/** The tiers as zones by tier code, coloured in the tiers' order. */
export function seatZones(tiers: readonly SeatMapTier[]): ReadonlyMap<string, Zone> {
  return new Map(
    tiers.map((tier, index) => [
      tier.code,
      {
        code: tier.code,
        name: tier.name,
        price: formatMoney(tier.priceCents, tier.currency),
        colour: ZONE_COLOURS[index % ZONE_COLOURS.length] ?? '#475569',
      },
    ]),
  );
}
