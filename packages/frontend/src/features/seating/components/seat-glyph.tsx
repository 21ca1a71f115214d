import type { SeatFlag } from '@ticket-booking/shared';

/** How a seat looks: its zone's colour while free, and not colour alone for anything else. */
export type SeatLook = 'free' | 'held' | 'sold' | 'picked';

const PICKED_FILL = '#0f172a';
const SOLD_FILL = '#cbd5e1';
const GREY_LINE = '#64748b';

/**
 * A seat as the map and its key draw it. Free: filled in its zone's colour. Picked: dark, ringed
 * in its zone's colour. Held by another shopper: an empty ring. Sold: pale grey. A wheelchair
 * space is square; a companion seat has a dot; a restricted view, a bar.
 */
export function SeatGlyph({
  x,
  y,
  r,
  look,
  colour,
  flags,
}: {
  x: number;
  y: number;
  r: number;
  look: SeatLook;
  colour: string;
  flags: readonly SeatFlag[];
}) {
  const line = look === 'held' ? r * 0.3 : look === 'picked' ? r * 0.45 : 0;
  // A stroke is drawn half outside the shape: shrink it so every look has the same size.
  const size = r - line / 2;
  const paint = {
    fill: { free: colour, held: 'white', sold: SOLD_FILL, picked: PICKED_FILL }[look],
    stroke: look === 'held' ? GREY_LINE : look === 'picked' ? colour : undefined,
    strokeWidth: line || undefined,
  };
  const mark = look === 'held' || look === 'sold' ? GREY_LINE : 'white';
  return (
    <>
      {flags.includes('wheelchair') ? (
        <rect
          x={x - size}
          y={y - size}
          width={size * 2}
          height={size * 2}
          rx={size * 0.3}
          {...paint}
        />
      ) : (
        <circle cx={x} cy={y} r={size} {...paint} />
      )}
      {flags.includes('companion') && <circle cx={x} cy={y} r={r * 0.3} fill={mark} />}
      {flags.includes('restricted-view') && (
        <rect x={x - r * 0.6} y={y - r * 0.12} width={r * 1.2} height={r * 0.24} fill={mark} />
      )}
    </>
  );
}
