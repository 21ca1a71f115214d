import type { SeatFlag } from '@ticket-booking/shared';

/**
 * How a seat looks: its zone's colour while free, and not colour alone for anything else. `lost`:
 * picked by this shopper, then taken by another.
 */
export type SeatLook = 'free' | 'held' | 'sold' | 'picked' | 'lost';

const PICKED_FILL = '#0f172a';
const SOLD_FILL = '#cbd5e1';
const GREY_LINE = '#64748b';
/** Rose 700: 6:1 against white, and apart from every zone's colour. */
const LOST_LINE = '#be123c';

/** Each look's ring, as a share of the seat's radius. */
const LINE_SHARES: Record<SeatLook, number> = {
  free: 0,
  held: 0.3,
  sold: 0,
  picked: 0.45,
  lost: 0.3,
};
/** The colour of a flag's mark drawn over each look. */
const MARKS: Record<SeatLook, string> = {
  free: 'white',
  held: GREY_LINE,
  sold: GREY_LINE,
  picked: 'white',
  lost: LOST_LINE,
};

/**
 * A seat as the map and its key draw it. Free: filled in its zone's colour. Picked: dark, ringed
 * in its zone's colour. Held by another shopper: an empty ring. Sold: pale grey. Picked, then
 * taken by another shopper: a rose ring with a cross. A wheelchair space is square; a companion
 * seat has a dot; a restricted view, a bar.
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
  const line = r * LINE_SHARES[look];
  // A stroke is drawn half outside the shape: shrink it so every look has the same size.
  const size = r - line / 2;
  const fills: Record<SeatLook, string> = {
    free: colour,
    held: 'white',
    sold: SOLD_FILL,
    picked: PICKED_FILL,
    lost: 'white',
  };
  const strokes: Record<SeatLook, string | undefined> = {
    free: undefined,
    held: GREY_LINE,
    sold: undefined,
    picked: colour,
    lost: LOST_LINE,
  };
  const paint = { fill: fills[look], stroke: strokes[look], strokeWidth: line || undefined };
  const mark = MARKS[look];
  const arm = r * 0.4;
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
      {look === 'lost' && (
        <path
          d={`M${x - arm} ${y - arm}L${x + arm} ${y + arm}M${x + arm} ${y - arm}L${x - arm} ${y + arm}`}
          stroke={LOST_LINE}
          strokeWidth={r * 0.25}
          strokeLinecap="round"
        />
      )}
      {flags.includes('companion') && <circle cx={x} cy={y} r={r * 0.3} fill={mark} />}
      {flags.includes('restricted-view') && (
        <rect x={x - r * 0.6} y={y - r * 0.12} width={r * 1.2} height={r * 0.24} fill={mark} />
      )}
    </>
  );
}
