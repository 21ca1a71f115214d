import type { SeatFlag } from '@ticket-booking/shared';
import type { ReactNode } from 'react';
import { FLAG_WORDS } from '../utils/seat-name';
import type { Zone } from '../utils/seat-zones';
import { SeatGlyph, type SeatLook } from './seat-glyph';

const NEUTRAL = '#64748b';

function Swatch({
  look,
  colour = NEUTRAL,
  flags = [],
}: {
  look: SeatLook;
  colour?: string;
  flags?: readonly SeatFlag[];
}) {
  return (
    <svg aria-hidden="true" viewBox="-8 -8 16 16" className="size-4 shrink-0">
      <SeatGlyph x={0} y={0} r={7} look={look} colour={colour} flags={flags} />
    </svg>
  );
}

function Entry({ swatch, children }: { swatch: ReactNode; children: ReactNode }) {
  return (
    <li className="flex items-center gap-2">
      {swatch}
      <span>{children}</span>
    </li>
  );
}

function sentenceCase(words: string): string {
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * The map's key: each zone's colour and price, then how picked, held and sold seats and flags
 * look, and picks taken by another shopper while the map shows any.
 */
export function SeatMapLegend({
  zones,
  flags,
  lost = false,
}: {
  zones: readonly Zone[];
  flags: readonly SeatFlag[];
  lost?: boolean;
}) {
  return (
    <ul aria-label="Seat map key" className="flex flex-wrap gap-x-5 gap-y-2 text-sm text-slate-700">
      {zones.map((zone) => (
        <Entry key={zone.code} swatch={<Swatch look="free" colour={zone.colour} />}>
          {zone.name} <span className="text-slate-600 tabular-nums">{zone.price}</span>
        </Entry>
      ))}
      <Entry swatch={<Swatch look="picked" />}>Selected or yours</Entry>
      <Entry swatch={<Swatch look="held" />}>Held by another shopper</Entry>
      <Entry swatch={<Swatch look="sold" />}>Sold</Entry>
      {lost && <Entry swatch={<Swatch look="lost" />}>Your pick, taken by another shopper</Entry>}
      {flags.map((flag) => (
        <Entry key={flag} swatch={<Swatch look="free" flags={[flag]} />}>
          {sentenceCase(FLAG_WORDS[flag])}
        </Entry>
      ))}
    </ul>
  );
}
